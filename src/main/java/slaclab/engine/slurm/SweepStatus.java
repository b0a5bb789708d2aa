package slaclab.engine.slurm;

import slaclab.engine.Presets;
import slaclab.engine.RunFolder;
import slaclab.engine.Trainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where each run of a sweep stands: finished (its checkpoint reached its length), running, pending, stopped (cancelled,
 * preempted or out of time, with its checkpoint: submitting again continues it), failed, or not submitted. Read from
 * the queue (squeue, and sacct where there), the sweep's submissions ({@link SweepJobs}) and each run folder's
 * checkpoint and {@code slurm.log}; without Slurm's commands (a copy of the folder, a laptop on the shared disk) from
 * the folders alone.
 */
public final class SweepStatus {
    /** A run's state, with the word a status line shows. */
    public enum State {
        FINISHED("finished"), RUNNING("running"), PENDING("pending"), STOPPED("stopped"), FAILED("failed"),
        NOT_SUBMITTED("not submitted");

        private final String word;

        State(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /**
     * One run: its folder name, state, saved env steps (-1: none), training length, its newest array task
     * ({@code <job>_<task>}, empty when never submitted) and what else is known.
     */
    public record Run(String name, Path dir, State state, long saved, long envSteps, String task, String detail) {
        /** Whether submitting the sweep again should run it: it is neither finished nor in the queue. */
        public boolean wantsSubmission() {
            return state != State.FINISHED && state != State.RUNNING && state != State.PENDING;
        }
    }

    /** A line of a run's slurm.log, as {@link SweepScript}'s tasks write them: "TIME TASK HOST start|end ...". */
    record LogLine(String task, boolean end, String why, String code, boolean requeued) {
    }

    private static final Set<String> ACTIVE = Set.of("RUNNING", "COMPLETING", "CONFIGURING", "STAGE_OUT", "SIGNALING",
            "RESIZING");

    private SweepStatus() {
    }

    /** The runs of the sweep in {@code dir} (run folders in order), asking Slurm through {@code tools}. */
    public static List<Run> of(Path dir, List<Path> runs, SlurmTools tools) throws IOException {
        List<SweepJobs.Entry> ledger = SweepJobs.read(dir);
        Set<String> jobs = ledger.stream().map(SweepJobs.Entry::job).collect(Collectors.toSet());
        for (Path run : runs) {
            lastLogLine(run).ifPresent(l -> jobs.add(l.task().substring(0, l.task().indexOf('_'))));
        }
        return of(runs, ledger, SlurmQueue.query(tools, jobs));
    }

    /** The runs from what is already read: the sweep's submissions and a queue snapshot. */
    static List<Run> of(List<Path> runs, List<SweepJobs.Entry> ledger, SlurmQueue.Snapshot queue) throws IOException {
        Map<String, SweepJobs.Entry> newest = SweepJobs.newestByRun(ledger);
        List<Run> out = new ArrayList<>();
        for (Path dir : runs) {
            out.add(run(dir, newest.get(dir.getFileName().toString()), queue));
        }
        return out;
    }

    private static Run run(Path dir, SweepJobs.Entry entry, SlurmQueue.Snapshot queue) throws IOException {
        String name = dir.getFileName().toString();
        long saved = Trainer.checkpointEnvSteps(dir);
        RunFolder folder = new RunFolder(dir);
        long length = entry != null ? entry.envSteps()
                : Files.isRegularFile(folder.config()) ? Presets.load(folder.config()).envSteps() : -1;
        Optional<LogLine> log = lastLogLine(dir);
        String task = newer(entry == null ? null : entry.id(), log.map(LogLine::task).orElse(null));
        if (length > 0 && saved >= length) {
            return new Run(name, dir, State.FINISHED, saved, length, task == null ? "" : task, "");
        }
        if (task == null) {
            return new Run(name, dir, saved >= 0 ? State.STOPPED : State.NOT_SUBMITTED, saved, length, "",
                    saved >= 0 ? "never submitted to Slurm" : "");
        }
        SlurmQueue.Task t = queue.tasks().get(task);
        String trainLog = dir.resolve("train.log").toString();
        if (t != null && t.queued()) {
            return ACTIVE.contains(t.state()) ? new Run(name, dir, State.RUNNING, saved, length, task, "")
                    : new Run(name, dir, State.PENDING, saved, length, task, t.detail());
        }
        Optional<LogLine> own = log.filter(l -> l.task().equals(task));
        if (own.isEmpty()) {   // the task never started
            if (!queue.squeueAnswered()) {
                return new Run(name, dir, State.PENDING, saved, length, task, "submitted; squeue not available");
            }
            if (t != null && !t.state().equals("CANCELLED")) {
                return new Run(name, dir, State.FAILED, saved, length, task, t.state() + ", " + t.detail());
            }
            return new Run(name, dir, State.STOPPED, saved, length, task, "left the queue before it started");
        }
        LogLine l = own.get();
        if (!l.end()) {
            if (!queue.squeueAnswered()) {
                return new Run(name, dir, State.RUNNING, saved, length, task, "per its slurm.log; squeue not available");
            }
            String what = t != null ? t.state() + ", " + t.detail() : "ended without a word (killed: memory, node?)";
            return new Run(name, dir, State.FAILED, saved, length, task, what + "; see " + trainLog);
        }
        return switch (l.why()) {
            case "cancelled" -> new Run(name, dir, State.STOPPED, saved, length, task, "cancelled or preempted");
            case "timeout" -> new Run(name, dir, State.STOPPED, saved, length, task, l.requeued()
                    ? "requeued at its time limit, then left the queue" : "reached its time limit");
            case "finished" -> new Run(name, dir, State.STOPPED, saved, length, task, "finished a shorter length");
            default -> new Run(name, dir, State.FAILED, saved, length, task, "exit code " + l.code() + "; see "
                    + trainLog);
        };
    }

    /** The later of two task ids ({@code <job>_<task>}, either may be null): the higher job number. */
    static String newer(String a, String b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        long ja = Long.parseLong(a.substring(0, a.indexOf('_'))), jb = Long.parseLong(b.substring(0, b.indexOf('_')));
        return jb > ja ? b : a;
    }

    /** The last line of {@code <run>/slurm.log}, when there is one that reads as the script writes them. */
    static Optional<LogLine> lastLogLine(Path run) throws IOException {
        Path file = run.resolve("slurm.log");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String[] f = lines.get(i).trim().split(" ");
            if (f.length >= 4 && f[1].matches("\\d+_\\d+") && (f[3].equals("start") || f[3].equals("end"))) {
                String why = "", code = "";
                for (int k = 4; k < f.length; k++) {
                    if (f[k].startsWith("why=")) {
                        why = f[k].substring(4);
                    } else if (f[k].startsWith("code=")) {
                        code = f[k].substring(5);
                    }
                }
                boolean requeued = List.of(f).contains("requeued");
                return Optional.of(new LogLine(f[1], f[3].equals("end"), why, code, requeued));
            }
        }
        return Optional.empty();
    }

    /** One line per run, e.g. {@code slac-seed1  running  saved at 200 of 400 env steps (task 12_1)}. */
    public static String describe(Run r) {
        String more = (r.task().isEmpty() ? "" : "task " + r.task()) + (r.task().isEmpty() || r.detail().isEmpty()
                ? "" : ": ") + r.detail();
        return String.format("%-24s %-13s %s%s", r.name(), r.state().word(), progress(r),
                more.isEmpty() ? "" : " (" + more + ")");
    }

    /** A short line for a narrow panel, e.g. {@code slac-seed1: running, saved at 200 of 400 env steps}. */
    public static String brief(Run r) {
        return r.name() + ": " + r.state().word() + ", " + progress(r);
    }

    private static String progress(Run r) {
        return r.state() == State.FINISHED ? String.format("%,d env steps", r.saved())
                : r.saved() >= 0 ? String.format("saved at %,d of %,d env steps", r.saved(), r.envSteps())
                : String.format("nothing saved yet, %,d env steps to go", r.envSteps());
    }

    /** "4 runs: 2 finished, 1 running, 1 pending" (states with none left out). */
    public static String summary(List<Run> runs) {
        Map<State, Integer> count = new EnumMap<>(State.class);
        runs.forEach(r -> count.merge(r.state(), 1, Integer::sum));
        return runs.size() + " run" + (runs.size() == 1 ? "" : "s") + ": " + count.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().word()).collect(Collectors.joining(", "));
    }
}
