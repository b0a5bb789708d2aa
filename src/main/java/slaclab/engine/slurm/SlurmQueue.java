package slaclab.engine.slurm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Slurm says about a sweep's array tasks: squeue for those queued or running, sacct (where the cluster keeps
 * accounting) for those that ended.
 */
public final class SlurmQueue {
    /**
     * One array task: its id {@code <job>_<task>}, Slurm's state (PENDING, RUNNING, COMPLETED, FAILED, TIMEOUT,
     * CANCELLED, ...) and a detail (squeue's reason, or sacct's exit code).
     */
    public record Task(String id, String state, String detail, boolean queued) {
    }

    /**
     * A snapshot: the tasks Slurm reported, by id; {@code squeueAnswered} false when squeue is missing or failed,
     * so a task missing from {@code tasks} may still be queued.
     */
    public record Snapshot(boolean squeueAnswered, Map<String, Task> tasks) {
        public Snapshot {
            tasks = Map.copyOf(tasks);
        }

        public static Snapshot unknown() {
            return new Snapshot(false, Map.of());
        }
    }

    /** The states of a task still in the queue (squeue -j also lists recently ended ones). */
    static final Set<String> QUEUED = Set.of("PENDING", "RUNNING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED",
            "SUSPENDED", "COMPLETING", "CONFIGURING", "STAGE_OUT", "SIGNALING", "RESIZING", "RESV_DEL_HOLD");

    private SlurmQueue() {
    }

    /** Asks squeue and sacct about the tasks of {@code jobs} (job ids); whatever they cannot say stays out. */
    public static Snapshot query(SlurmTools tools, Collection<String> jobs) throws IOException {
        if (jobs.isEmpty() || tools.squeue().isEmpty()) {
            return Snapshot.unknown();
        }
        String ids = String.join(",", new TreeSet<>(jobs));
        Map<String, Task> tasks = new LinkedHashMap<>();
        if (tools.sacct().isPresent()) {
            SlurmTools.Result r = SlurmTools.run(List.of(tools.sacct().get().toString(), "-n", "-P", "-X", "-j", ids,
                    "-o", "JobID,State,ExitCode"));
            if (r.ok()) {   // (accounting disabled: an error, and nothing to add)
                parseSacct(r.stdout()).forEach(t -> tasks.put(t.id(), t));
            }
        }
        SlurmTools.Result q = SlurmTools.run(List.of(tools.squeue().get().toString(), "-r", "-h", "-j", ids,
                "-o", "%i|%T|%r"));
        boolean answered = q.ok() || q.stderr().contains("Invalid job id");  // (all of them gone from the queue)
        if (q.ok()) {
            parseSqueue(q.stdout()).forEach(t -> tasks.put(t.id(), t));
        }
        return new Snapshot(answered, tasks);
    }

    /** Lines of {@code squeue -r -h -o %i|%T|%r}. */
    static List<Task> parseSqueue(String out) {
        List<Task> tasks = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            String[] f = line.strip().split("\\|", -1);
            if (f.length == 3 && !f[0].isEmpty()) {
                tasks.add(new Task(f[0], f[1], f[2].equals("None") ? "" : f[2], QUEUED.contains(f[1])));
            }
        }
        return tasks;
    }

    /** Lines of {@code sacct -n -P -X -o JobID,State,ExitCode}; "CANCELLED by 0" counts as CANCELLED. */
    static List<Task> parseSacct(String out) {
        List<Task> tasks = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            String[] f = line.strip().split("\\|", -1);
            if (f.length == 3 && f[0].matches("\\d+_\\d+")) {
                String state = f[1].split(" ")[0];
                tasks.add(new Task(f[0], state, "exit code " + f[2], QUEUED.contains(state)));
            }
        }
        return tasks;
    }
}
