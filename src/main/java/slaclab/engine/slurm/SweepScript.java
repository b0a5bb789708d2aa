package slaclab.engine.slurm;

import slaclab.engine.Ablation;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The sbatch script of a sweep, {@code DIR/sweep.sbatch}: one job array, task i trains run folder i of the sweep
 * with {@code train --resume --start-if-unsaved}, so a task that is requeued, preempted, cancelled and resubmitted,
 * or run again after its time limit continues from its checkpoint.
 * <p>
 * Signals: Slurm sends the batch shell SIGUSR1 a while before the time limit ({@code --signal=B:USR1@S}); the shell
 * passes SIGTERM on to the app, which saves its checkpoint and stops, and the shell requeues the task when it saved
 * something new (a task that cannot reach a checkpoint in its time is not requeued forever). scancel and preemption
 * send SIGTERM to every process of the task, which also saves. Each task notes its start and end in
 * {@code <run>/slurm.log} (read by {@link SweepStatus} where sacct is not there) and appends the app's output to
 * {@code <run>/train.log}.
 */
public final class SweepScript {
    /** The script's name in the sweep folder. */
    public static final String FILE = "sweep.sbatch";
    /** Where Slurm writes each task's own output (the shell's, not the app's), as {@code <job>_<task>.out}. */
    public static final String LOG_DIR = "slurm-logs";

    private SweepScript() {
    }

    /** The script for {@code jobs} (array task i is job i) of the sweep in {@code dir} (absolute). */
    public static String render(Path dir, List<Ablation.Job> jobs, long envSteps, SlurmOptions o) {
        if (!dir.isAbsolute()) {
            throw new IllegalArgumentException("the sweep folder must be absolute: " + dir);
        }
        String task = jobs.get(0).config().task();
        List<String> variants = jobs.stream().map(Ablation.Job::variant).distinct().toList();
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n");
        s.append("# SLAC Lab sweep of ").append(task).append(": ").append(String.join(", ", variants)).append(", ")
                .append(jobs.size()).append(" runs of ").append(envSteps).append(" env steps.\n");
        s.append("# Written by `ablate --slurm`, which submits the runs that are neither finished nor queued; by hand:\n");
        s.append("#   sbatch ").append(quote(dir.resolve(FILE).toString()))
                .append("    (or --array=LIST for some runs; task i is runs[i] below)\n");
        s.append("# Progress and status: ablate --gather ").append(quote(dir.toString())).append('\n');
        s.append("#SBATCH --job-name=").append(jobName(dir)).append('\n');
        s.append("#SBATCH --array=0-").append(jobs.size() - 1).append('\n');
        s.append("#SBATCH --output=").append(dir.resolve(LOG_DIR)).append("/%A_%a.out\n");
        s.append("#SBATCH --open-mode=append\n");
        s.append("#SBATCH --requeue\n");
        s.append("#SBATCH --signal=B:USR1@").append(SlurmTime.warningSeconds(o.time())).append('\n');
        s.append("#SBATCH --cpus-per-task=").append(o.cpus()).append('\n');
        o.partition().ifPresent(p -> s.append("#SBATCH --partition=").append(p).append('\n'));
        o.time().ifPresent(t -> s.append("#SBATCH --time=").append(t).append('\n'));
        o.mem().ifPresent(m -> s.append("#SBATCH --mem=").append(m).append('\n'));
        o.gpus().ifPresent(g -> s.append("#SBATCH --gpus=").append(g).append('\n'));
        o.sbatchArgs().forEach(a -> s.append("#SBATCH ").append(a).append('\n'));
        s.append('\n');
        s.append("sweep=").append(quote(dir.toString())).append('\n');
        s.append("env_steps=").append(envSteps).append('\n');
        s.append("runs=(").append(jobs.stream().map(j -> quote(j.dir().getFileName().toString()))
                .collect(Collectors.joining(" "))).append(")\n");
        s.append("app=(").append(o.app().stream().map(SweepScript::quote).collect(Collectors.joining(" ")))
                .append(")\n\n");
        s.append(BODY);
        return s.toString();
    }

    /** The job name: the sweep folder's name, so squeue tells sweeps apart. */
    static String jobName(Path dir) {
        String name = dir.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return "slac-" + (name.isEmpty() ? "sweep" : name);
    }

    /** One word for bash: single-quoted unless it is plainly safe. */
    static String quote(String word) {
        if (word.matches("[A-Za-z0-9_./=:,+@%-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static final String BODY = """
            run=$sweep/${runs[$SLURM_ARRAY_TASK_ID]}
            task=${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}
            export OMP_NUM_THREADS=${SLURM_CPUS_PER_TASK:-1}
            # sbatch passes on the submitting shell's environment; a launcher's pid there would stop the app at once.
            unset SLACLAB_PARENT_PID
            note() { echo "$(date +%Y-%m-%dT%H:%M:%S) $task $(hostname -s) $*" >> "$run/slurm.log"; }
            saved() { stat -c %Y "$run/checkpoint.bin" 2>/dev/null || echo none; }

            # USR1: the time limit is near; TERM: scancel or preemption. Either way the app saves and stops.
            why=failed
            trap 'why=timeout; kill -TERM $pid 2>/dev/null' USR1
            trap 'why=cancelled; kill -TERM $pid 2>/dev/null' TERM
            mkdir -p "$run"
            note "start restart=${SLURM_RESTART_COUNT:-0} cpus=$OMP_NUM_THREADS"
            before=$(saved)
            "${app[@]}" train --resume --start-if-unsaved --out "$run" --env-steps "$env_steps" >> "$run/train.log" 2>&1 &
            pid=$!
            while kill -0 $pid 2>/dev/null; do wait $pid; done
            wait $pid; code=$?
            [ $code = 0 ] && why=finished
            if [ $why = timeout ]; then
              if [ "$(saved)" != "$before" ]; then
                note "end code=$code why=timeout requeued"
                scontrol requeue "$task"
                exit 0
              fi
              note "end code=$code why=timeout nothing-saved (give a longer --time)"
              exit $code
            fi
            note "end code=$code why=$why"
            exit $code
            """;
}
