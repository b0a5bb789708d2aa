package slaclab.cli;

import slaclab.engine.Ablation;
import slaclab.engine.Ablation.Job;
import slaclab.engine.Presets;
import slaclab.engine.RunConfig;
import slaclab.engine.Trainer;
import slaclab.engine.io.AtomicFiles;
import slaclab.engine.slurm.SlurmOptions;
import slaclab.engine.slurm.SlurmTime;
import slaclab.engine.slurm.SlurmTools;
import slaclab.engine.slurm.SweepJobs;
import slaclab.engine.slurm.SweepScript;
import slaclab.engine.slurm.SweepStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ablate --slurm}: the sweep as one Slurm job array (a task per run, see {@link SweepScript}), submitting the
 * runs that are neither finished nor queued; {@code ablate --gather DIR}: the comparison of whatever the runs have
 * reached so far, and where each stands.
 */
final class SlurmAblate {
    /** The options that only mean something with --slurm. */
    static final List<String> SLURM_ONLY = List.of("--partition", "--time", "--cpus", "--mem", "--gpus",
            "--sbatch-arg", "--app", "--dry-run");

    private final SlurmTools tools;

    SlurmAblate(SlurmTools tools) {
        this.tools = tools;
    }

    /** What the options ask Slurm for; throws one clear line on a bad value. */
    static SlurmOptions options(Options o) {
        Optional<String> time = Optional.ofNullable(o.get("--time"));
        time.ifPresent(SlurmTime::seconds);
        Optional<String> mem = Optional.ofNullable(o.get("--mem"));
        if (mem.isPresent() && !mem.get().matches("\\d+[KMGTkmgt]?")) {
            throw new IllegalArgumentException("--mem '" + mem.get() + "' is not a Slurm memory size; write e.g. 16G"
                    + " or 8000 (megabytes)");
        }
        Optional<String> gpus = Optional.ofNullable(o.get("--gpus"));
        if (gpus.isPresent() && !gpus.get().matches("([A-Za-z0-9_-]+:)?\\d+")) {
            throw new IllegalArgumentException("--gpus '" + gpus.get() + "' is not a GPU count; write e.g. 1 or a100:1");
        }
        for (String a : o.getAll("--sbatch-arg")) {
            if (!a.startsWith("-")) {
                throw new IllegalArgumentException("--sbatch-arg '" + a + "' is not an sbatch option; write it as sbatch"
                        + " takes it, e.g. --sbatch-arg --account=lab");
            }
        }
        return new SlurmOptions(Optional.ofNullable(o.get("--partition")), time, (int) o.getLong("--cpus", 1), mem,
                gpus, o.getAll("--sbatch-arg"), ClusterApp.of(Optional.ofNullable(o.get("--app"))));
    }

    /** Writes DIR/sweep.sbatch and the run folders' config.json, then submits what needs to run (not on a dry run). */
    int submit(RunConfig base, List<String> variants, int seeds, Path out, SlurmOptions so, boolean dryRun)
            throws IOException {
        if (!dryRun && tools.sbatch().isEmpty()) {
            throw new IllegalArgumentException("--slurm submits with sbatch, which is not on PATH (run it on the"
                    + " cluster's login node); --dry-run writes " + out.resolve(SweepScript.FILE) + " without submitting");
        }
        Path dir = out.toAbsolutePath().normalize();
        List<Job> jobs = Ablation.jobs(base, variants, seeds, dir);
        for (Job j : jobs) {
            AblateCommand.checkSameConfiguration(j);
        }
        Files.createDirectories(dir.resolve(SweepScript.LOG_DIR));
        System.out.printf("sweep of %s: %s x %d seed%s = %d run%s of %,d env steps into %s%n", base.task(),
                String.join(", ", variants), seeds, seeds == 1 ? "" : "s", jobs.size(), jobs.size() == 1 ? "" : "s",
                base.envSteps(), dir);
        List<SweepStatus.Run> status = SweepStatus.of(dir, jobs.stream().map(Job::dir).toList(),
                dryRun ? SlurmTools.none() : tools);
        Map<Integer, String> todo = new LinkedHashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            Job j = jobs.get(i);
            SweepStatus.Run r = status.get(i);
            if (dryRun ? r.state() != SweepStatus.State.FINISHED : r.wantsSubmission()) {
                todo.put(i, j.dir().getFileName().toString());
                if (Trainer.checkpointEnvSteps(j.dir()) < 0) {   // its task starts it from this
                    Files.createDirectories(j.dir());
                    AtomicFiles.writeString(j.dir().resolve("config.json"), Presets.toJson(j.config()));
                }
            } else {
                System.out.println("  " + SweepStatus.describe(r));
            }
        }
        Path script = dir.resolve(SweepScript.FILE);
        AtomicFiles.writeString(script, SweepScript.render(dir, jobs, base.envSteps(), so));
        script.toFile().setExecutable(true);
        if (todo.isEmpty()) {
            System.out.println("nothing to submit: every run is finished or queued; progress and comparison:"
                    + " ablate --gather " + dir);
            return 0;
        }
        String array = ranges(new ArrayList<>(todo.keySet()));
        if (dryRun) {
            System.out.println("wrote " + script + " (" + jobs.size() + " array tasks, one per run); submit with:");
            System.out.println("  sbatch --array=" + array + " " + script);
            return 0;
        }
        SlurmTools.Result r = SlurmTools.run(List.of(tools.sbatch().get().toString(), "--parsable",
                "--array=" + array, script.toString()));
        if (!r.ok()) {
            throw new IllegalArgumentException("sbatch refused the sweep: " + r.firstLine() + " (the script is "
                    + script + "; fix the option it names, or --dry-run and submit it by hand)");
        }
        String job = r.stdout().strip().split(";")[0];
        if (!job.matches("\\d+")) {
            throw new IOException("sbatch answered '" + r.stdout().strip() + "' instead of a job id");
        }
        SweepJobs.append(dir, job, todo, base.envSteps());
        System.out.println("submitted Slurm job " + job + ": array tasks " + array + " (" + todo.size() + " run"
                + (todo.size() == 1 ? "" : "s") + ": " + String.join(", ", todo.values()) + ")");
        System.out.println("follow it with: squeue -j " + job + "; progress and comparison: ablate --gather " + dir);
        return 0;
    }

    /**
     * Refuses to run a Slurm sweep's runs here while any of them is queued or running on the cluster: two trainers
     * in one run folder would overwrite each other's checkpoints.
     */
    void checkNotQueued(Path out, List<Job> jobs) throws IOException {
        if (!Files.isRegularFile(out.resolve(SweepScript.FILE))) {
            return;
        }
        List<String> queued = SweepStatus.of(out, jobs.stream().map(Job::dir).toList(), tools).stream()
                .filter(r -> !r.wantsSubmission() && r.state() != SweepStatus.State.FINISHED)
                .map(r -> r.name() + " (" + r.state().word() + ", task " + r.task() + ")").toList();
        if (!queued.isEmpty()) {
            throw new IllegalArgumentException(out + " is a Slurm sweep whose " + String.join(", ", queued)
                    + " may still run on the cluster; wait for them (ablate --gather " + out + ") or scancel them"
                    + " before running the sweep here");
        }
    }

    /** Rewrites DIR/comparison.png and .csv from the runs so far and prints where each run stands. */
    int gather(Path out) throws IOException {
        Path dir = out.toAbsolutePath().normalize();
        Map<String, List<Path>> runs = Ablation.find(dir);
        List<Path> flat = runs.values().stream().flatMap(List::stream).toList();
        String task = Presets.load(flat.get(0).resolve("config.json")).task();
        Ablation.refresh(runs, dir, task);
        List<SweepStatus.Run> status = SweepStatus.of(dir, flat, tools);
        System.out.println("sweep of " + task + " in " + dir + ": " + SweepStatus.summary(status)
                + (tools.squeue().isEmpty() ? " (no squeue here: read from the run folders)" : ""));
        status.forEach(r -> System.out.println("  " + SweepStatus.describe(r)));
        System.out.println("comparison so far: " + dir.resolve("comparison.png") + " and "
                + dir.resolve("comparison.csv"));
        if (status.stream().anyMatch(r -> r.wantsSubmission())) {
            System.out.println("to run the stopped, failed or unsubmitted ones: the same ablate --slurm command again"
                    + " (it continues them from their checkpoints)");
        }
        return 0;
    }

    /** Array indices as Slurm writes them: 0-3,5,7-8. */
    static String ranges(List<Integer> sorted) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sorted.size(); i++) {
            int start = sorted.get(i);
            while (i + 1 < sorted.size() && sorted.get(i + 1) == sorted.get(i) + 1) {
                i++;
            }
            sb.append(sb.length() > 0 ? "," : "").append(start)
                    .append(sorted.get(i) == start ? "" : "-" + sorted.get(i));
        }
        return sb.toString();
    }
}
