package slaclab.engine.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The submissions of a sweep, {@code DIR/sweep-jobs.tsv}: one line per array task submitted (job id, task index, run
 * folder name, training length), appended by each {@code ablate --slurm}. Read to find a run's newest task in the
 * queue, also before the task has started and written its own {@code slurm.log}.
 */
public final class SweepJobs {
    public static final String FILE = "sweep-jobs.tsv";
    static final String HEADER = "job\ttask\trun\tenv_steps";

    /** One submitted array task; {@link #id} is Slurm's name for it, {@code <job>_<task>}. */
    public record Entry(String job, int task, String run, long envSteps) {
        public String id() {
            return job + "_" + task;
        }
    }

    private SweepJobs() {
    }

    /** Every line of {@code dir}'s file, oldest first; none when there is no file. */
    public static List<Entry> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        List<Entry> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length != 4 || line.equals(HEADER)) {
                continue;
            }
            try {
                out.add(new Entry(f[0], Integer.parseInt(f[1]), f[2], Long.parseLong(f[3])));
            } catch (NumberFormatException e) {
                // a line cut short by a full disk: the others still count
            }
        }
        return out;
    }

    /** The newest entry per run folder name. */
    public static Map<String, Entry> newestByRun(List<Entry> entries) {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            out.put(e.run(), e);
        }
        return out;
    }

    /** Appends the tasks of job {@code job}, task index to run folder name. */
    public static void append(Path dir, String job, Map<Integer, String> tasks, long envSteps) throws IOException {
        Path file = dir.resolve(FILE);
        StringBuilder sb = new StringBuilder();
        if (!Files.isRegularFile(file)) {
            sb.append(HEADER).append('\n');
        }
        tasks.forEach((task, run) -> sb.append(job).append('\t').append(task).append('\t').append(run).append('\t')
                .append(envSteps).append('\n'));
        Files.writeString(file, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
