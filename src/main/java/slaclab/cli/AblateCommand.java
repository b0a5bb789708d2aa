package slaclab.cli;

import slaclab.engine.Ablation;
import slaclab.engine.Ablation.Job;
import slaclab.engine.AppDirs;

import slaclab.engine.Outcome;
import slaclab.engine.PresetCatalogue;
import slaclab.engine.Presets;
import slaclab.engine.Progress;
import slaclab.engine.RunConfig;
import slaclab.engine.Trainer;
import slaclab.engine.TrainingListener;
import slaclab.engine.io.ProgressBar;
import slaclab.engine.slurm.SlurmTools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code ablate}: one preset trained with several models (latent-model variants or baselines) and seeds, one run
 * folder each, then the comparison figure and table (the paper's Figure 6). Restartable: finished runs are skipped,
 * unfinished ones continue from their checkpoint, runs killed before their first checkpoint start again.
 */
final class AblateCommand {
    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("--preset", "FILE     preset JSON (or a built-in preset's name) every run starts from (see presets/)");
        OPTIONS.put("--variants", "LIST a comma-separated list of models, e.g. slac,deterministic,sac-pixels");
        OPTIONS.put("--seeds", "N         seeds per variant: the preset's seed, seed+1, ... (default 3)");
        OPTIONS.put("--env-steps", "N     training length of every run (overrides the preset)");
        OPTIONS.put("--out", "DIR         ablation folder: one run folder per variant and seed, comparison.png/.csv");
        OPTIONS.put("--parallel", "P      runs at a time, each in its own process (default 1: one after another)");
        OPTIONS.put("--gather", "DIR      rebuild DIR's comparison from the runs so far and say which are pending,"
                + "\n                    running, finished, stopped or failed (takes no other option)");
        OPTIONS.put("--partition", "NAME  with --slurm: the partition (default: the cluster's)");
        OPTIONS.put("--time", "LIMIT      with --slurm: time limit per run, e.g. 4:00:00 or 1-12 (default: the"
                + "\n                    partition's); a run out of time saves its checkpoint and is requeued");
        OPTIONS.put("--cpus", "N          with --slurm: cores per run, also its ND4J threads (default 1)");
        OPTIONS.put("--mem", "SIZE        with --slurm: memory per run, e.g. 16G (default: the partition's)");
        OPTIONS.put("--gpus", "N          with --slurm: GPUs per run (default none)");
        OPTIONS.put("--sbatch-arg", "ARG  with --slurm: one more sbatch option, e.g. --account=lab; repeatable");
        OPTIONS.put("--app", "PATH        with --slurm: the app the nodes run: target/slac-lab.jar or the app image"
                + "\n                    folder, on the shared disk (default: this one)");
    }

    /** The flags, with their help. */
    private static final Map<String, String> FLAGS = Map.of(
            "--slurm", "          submit the runs as one Slurm job array (DIR/sweep.sbatch) instead of running"
                    + "\n                    them here",
            "--dry-run", "        with --slurm: write DIR/sweep.sbatch and the run folders, submit nothing");

    /** Lets a test stop a run midway, as Ctrl-C would: true stops the run (it saves) and the ablation. */
    interface StopRule {
        boolean stop(String variant, long seed, Progress progress);
    }

    private final StopRule stopRule;

    AblateCommand() {
        this((v, s, p) -> false);
    }

    AblateCommand(StopRule stopRule) {
        this(stopRule, SlurmTools.onPath(System.getenv("PATH")));
    }

    AblateCommand(StopRule stopRule, SlurmTools slurm) {
        this.stopRule = stopRule;
        this.slurm = slurm;
    }

    private final SlurmTools slurm;

    private volatile Trainer current;
    private volatile boolean interrupted;
    private final List<Process> children = new ArrayList<>();

    int run(String[] args) throws IOException {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            printHelp();
            return 0;
        }
        Options o = new Options(args, OPTIONS, FLAGS.keySet());
        if (o.has("--gather")) {
            if (args.length != 2) {
                throw new IllegalArgumentException("--gather DIR takes no other option: the runs in DIR say what they are");
            }
            return new SlurmAblate(slurm).gather(Path.of(o.get("--gather")));
        }
        if (!o.has("--slurm")) {
            for (String only : SlurmAblate.SLURM_ONLY) {
                if (o.has(only)) {
                    throw new IllegalArgumentException(only + " goes with --slurm (ablate --slurm ... " + only + " ...)");
                }
            }
        } else if (o.has("--parallel")) {
            throw new IllegalArgumentException("--parallel is for runs on this machine; with --slurm every run is its"
                    + " own array task (Slurm runs as many at once as the cluster has room for; --cpus sets their cores)");
        }
        if (!o.has("--preset")) {
            throw new IllegalArgumentException("ablate needs --preset FILE (e.g. presets/cartpole-swingup-ablation-classroom.json)");
        }
        if (!o.has("--variants")) {
            throw new IllegalArgumentException("ablate needs --variants LIST, e.g. --variants slac,sac-pixels; choose from: "
                    + String.join(", ", RunConfig.MODELS));
        }
        if (!o.has("--out")) {
            throw new IllegalArgumentException("ablate needs --out DIR, the folder that collects the runs and the comparison");
        }
        RunConfig base = PresetCatalogue.load(o.get("--preset"), AppDirs.current().presets());
        List<String> variants = variants(o.get("--variants"));
        long seeds = o.getLong("--seeds", 3);
        long parallel = o.getLong("--parallel", 1);
        if (seeds < 1 || parallel < 1) {
            throw new IllegalArgumentException("--seeds and --parallel must be at least 1");
        }
        base = base.withEnvSteps(o.getLong("--env-steps", base.envSteps()));
        Path out = Path.of(o.get("--out"));
        if (o.has("--slurm")) {
            return new SlurmAblate(slurm).submit(base, variants, (int) seeds, out, SlurmAblate.options(o),
                    o.has("--dry-run"));
        }
        List<Job> jobs = Ablation.jobs(base, variants, (int) seeds, out);
        for (Job j : jobs) {
            checkSameConfiguration(j);
        }
        new SlurmAblate(slurm).checkNotQueued(out, jobs);
        Files.createDirectories(out);
        System.out.printf("ablation of %s: %s x %d seed%s = %d runs of %,d env steps into %s%n", base.task(),
                String.join(", ", variants), seeds, seeds == 1 ? "" : "s", jobs.size(), base.envSteps(), out);
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            interrupted = true;
            Trainer t = current;
            if (t != null) {
                t.requestStop();
            }
            synchronized (children) {
                children.forEach(Process::destroy);   // SIGTERM: each child saves its checkpoint
            }
            try {
                main.join(120_000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        int code;
        try {
            code = parallel == 1 ? sequential(jobs, out, base) : parallel(jobs, out, base, (int) parallel);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for us
            }
        }
        return code;
    }

    static List<String> variants(String list) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : list.split(",")) {
            String name = v.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!RunConfig.MODELS.contains(name)) {
                throw new IllegalArgumentException("unknown variant '" + name + "' in --variants; choose from: "
                        + String.join(", ", RunConfig.MODELS));
            }
            out.add(name);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--variants names no variant; choose from: " + String.join(", ", RunConfig.MODELS));
        }
        return List.copyOf(out);
    }

    /** A run folder left by an earlier invocation must hold the same run (envSteps may grow). */
    static void checkSameConfiguration(Job j) {
        Path saved = j.dir().resolve("config.json");
        if (!Files.isRegularFile(saved) || !Files.isRegularFile(j.dir().resolve("checkpoint.bin"))) {
            return;
        }
        RunConfig old = Presets.load(saved).withEnvSteps(j.config().envSteps());
        if (!old.equals(j.config())) {
            String[] a = Presets.toJson(old).split("\n"), b = Presets.toJson(j.config()).split("\n");
            String diff = "";
            for (int i = 0; i < Math.min(a.length, b.length); i++) {
                if (!a[i].equals(b[i])) {
                    diff = " (it has " + a[i].trim().replaceAll(",$", "") + ", this preset gives "
                            + b[i].trim().replaceAll(",$", "") + ")";
                    break;
                }
            }
            throw new IllegalArgumentException(j.dir() + " holds a run of another configuration" + diff
                    + "; choose another --out, or delete that folder to train it again");
        }
    }

    private int sequential(List<Job> jobs, Path out, RunConfig base) throws IOException {
        int diverged = 0;
        for (int i = 0; i < jobs.size(); i++) {
            Job j = jobs.get(i);
            String head = String.format("%n[run %d of %d] %s, seed %d: ", i + 1, jobs.size(), j.variant(), j.seed());
            Ablation.State state = Ablation.prepare(j);
            if (state == Ablation.State.FINISHED) {
                System.out.println(head + "finished earlier, skipped (" + j.dir() + ")");
                continue;
            }
            System.out.println(head + (state == Ablation.State.RESUME ? "continuing from its checkpoint" : "starting"));
            ProgressBar bar = new ProgressBar(System.out, j.config().envSteps(), "env steps");
            TrainingListener console = new TrainCommand.ConsoleListener(bar);
            TrainingListener listener = new TrainingListener() {
                @Override
                public void onTrainingStart(slaclab.engine.RunInfo info) {
                    console.onTrainingStart(info);
                }

                @Override
                public boolean onStep(Progress p) {
                    console.onStep(p);
                    return !stopRule.stop(j.variant(), j.seed(), p);
                }

                @Override
                public void onEvaluation(slaclab.engine.Evaluation e) {
                    console.onEvaluation(e);
                }

                @Override
                public void onNotice(String message) {
                    console.onNotice(message);
                }
            };
            Trainer trainer = new Trainer(j.config(), j.dir(), state == Ablation.State.RESUME, listener);
            current = trainer;
            if (interrupted) {
                trainer.requestStop();
            }
            Outcome outcome;
            try {
                outcome = trainer.run();
            } finally {
                current = null;
            }
            bar.finish(outcome.status().toString().toLowerCase());
            System.out.println(outcome.message());
            Ablation.refresh(jobs, out, base.task());
            if (outcome.status() == Outcome.Status.STOPPED) {
                System.out.println("ablation interrupted at run " + (i + 1) + " of " + jobs.size()
                        + "; run the same command again to continue");
                return 0;
            }
            if (outcome.status() == Outcome.Status.DIVERGED) {
                diverged++;
            }
        }
        Ablation.refresh(jobs, out, base.task());
        System.out.println("\nablation done: " + out.resolve("comparison.png") + " and " + out.resolve("comparison.csv")
                + (diverged > 0 ? " (" + diverged + " run(s) diverged; their curves end early)" : ""));
        return diverged > 0 ? 1 : 0;
    }

    /** Up to {@code p} runs at once, each a `train` process with its share of the cores and its log in its folder. */
    private int parallel(List<Job> jobs, Path out, RunConfig base, int p) throws IOException {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / p);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Job> todo = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            Job j = jobs.get(i);
            if (Ablation.prepare(j) == Ablation.State.FINISHED) {
                System.out.printf("[run %d of %d] %s, seed %d: finished earlier, skipped%n", i + 1, jobs.size(),
                        j.variant(), j.seed());
            } else {
                todo.add(j);
            }
        }
        Map<Process, Job> running = new LinkedHashMap<>();
        int started = 0, failed = 0, done = jobs.size() - todo.size();
        while ((!todo.isEmpty() && !interrupted) || !running.isEmpty()) {
            while (!todo.isEmpty() && running.size() < p && !interrupted) {
                Job j = todo.remove(0);
                boolean resume = Ablation.prepare(j) == Ablation.State.RESUME;
                Files.createDirectories(j.dir());
                List<String> cmd = new ArrayList<>(List.of(java));
                if (Boolean.getBoolean(AppDirs.INSTALLED_PROPERTY)) {
                    cmd.add("-D" + AppDirs.INSTALLED_PROPERTY + "=true");  // the runs' natives cache stays in XDG_CACHE_HOME
                }
                cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "train"));
                if (resume) {
                    cmd.addAll(List.of("--resume", "--out", j.dir().toString(), "--env-steps",
                            Long.toString(j.config().envSteps())));
                } else {
                    Path preset = j.dir().resolve("config.json");
                    Files.writeString(preset, Presets.toJson(j.config()));
                    cmd.addAll(List.of("--preset", preset.toString(), "--out", j.dir().toString()));
                }
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(j.dir().resolve("train.log").toFile()));
                pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
                ParentWatch.markChild(pb);
                synchronized (children) {
                    Process proc = pb.start();
                    children.add(proc);
                    running.put(proc, j);
                }
                started++;
                System.out.printf("[started %d of %d] %s, seed %d (%s; log %s)%n", done + started, jobs.size(),
                        j.variant(), j.seed(), resume ? "continuing" : "new", j.dir().resolve("train.log"));
            }
            for (Map.Entry<Process, Job> e : new ArrayList<>(running.entrySet())) {
                Process proc = e.getKey();
                try {
                    if (!proc.waitFor(500, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    interrupted = true;
                    continue;
                }
                running.remove(proc);
                synchronized (children) {
                    children.remove(proc);
                }
                Job j = e.getValue();
                long reached = Trainer.checkpointEnvSteps(j.dir());
                boolean finished = reached >= j.config().envSteps();
                if (finished) {
                    done++;
                } else if (!interrupted) {
                    failed++;
                }
                System.out.printf("[%d of %d finished] %s, seed %d: %s at %,d env steps%n", done, jobs.size(),
                        j.variant(), j.seed(), finished ? "finished" : "stopped (exit " + proc.exitValue() + ", see "
                                + j.dir().resolve("train.log") + ")", Math.max(0, reached));
                Ablation.refresh(jobs, out, base.task());
            }
        }
        Ablation.refresh(jobs, out, base.task());
        if (interrupted) {
            System.out.println("ablation interrupted; run the same command again to continue");
            return 0;
        }
        System.out.println("ablation done: " + out.resolve("comparison.png") + " and " + out.resolve("comparison.csv"));
        return failed > 0 ? 1 : 0;
    }

    private static void printHelp() {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: java -jar target/slac-lab.jar ablate --preset FILE --variants LIST [--seeds N] [--env-steps N]\n");
        sb.append("       --out DIR [--parallel P]\n");
        sb.append("       java -jar target/slac-lab.jar ablate --slurm --preset FILE --variants LIST [--seeds N]\n");
        sb.append("       [--env-steps N] --out DIR [--partition NAME] [--time LIMIT] [--cpus N] [--mem SIZE]\n");
        sb.append("       [--gpus N] [--sbatch-arg ARG]... [--app PATH] [--dry-run]\n");
        sb.append("       java -jar target/slac-lab.jar ablate --gather DIR\n\n");
        sb.append("Trains the preset once per variant and seed, one after another (or P at a time in separate\n");
        sb.append("processes), each into DIR/<variant>-seed<S> (the preset with model and seed replaced), and writes\n");
        sb.append("DIR/comparison.png (per variant: mean evaluation return against env steps, min-max over seeds\n");
        sb.append("shaded, like the paper's Figure 6) and DIR/comparison.csv (variant, env_steps, mean, std, min, max,\n");
        sb.append("n), refreshed after every run. Ctrl-C saves the running run; the same command again skips finished\n");
        sb.append("runs, continues unfinished ones from their checkpoint and restarts those that never saved one.\n\n");
        sb.append("With --slurm the runs go to a Slurm cluster instead: DIR/sweep.sbatch, one job array with a task per\n");
        sb.append("run (train --resume into DIR/<variant>-seed<S>), is submitted with sbatch and its job id printed.\n");
        sb.append("A task warned of its time limit, cancelled or preempted saves its checkpoint; one out of time is\n");
        sb.append("requeued and continues. The same command again submits only the runs neither finished nor queued.\n");
        sb.append("--gather DIR rebuilds the comparison from the runs so far (DIR on the cluster's shared disk).\n\n");
        sb.append("options:\n");
        OPTIONS.forEach((k, v) -> sb.append("  ").append(k).append(' ').append(v).append('\n'));
        FLAGS.entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))
                .forEach(e -> sb.append("  ").append(e.getKey()).append(' ').append(e.getValue()).append('\n'));
        sb.append("\nvariants: ").append(String.join(", ", RunConfig.MODELS)).append('\n');
        sb.append("  (sac-pixels: SAC on the encoder's features, trained by the critic; sac-state: SAC on the\n");
        sb.append("  task's true state, its suite's observation: the paper's upper bound, so labelled in\n");
        sb.append("  comparison.png)\n");
        System.out.print(sb);
    }
}
