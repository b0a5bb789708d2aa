package slaclab.engine;

import slaclab.engine.io.RunLock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An ablation: one run per (variant, seed) of a base preset, each in its own folder {@code OUT/<variant>-seed<S>},
 * and the comparison figure over them (the paper's Figure 6). Shared by the {@code ablate} command and the lab, so
 * either can continue what the other started.
 */
public final class Ablation {
    /** One run of an ablation. */
    public record Job(String variant, long seed, RunConfig config, Path dir) {
    }

    /** Where a job stands before it runs. */
    public enum State {
        /** Its checkpoint has reached the training length: skip it. */
        FINISHED,
        /** It has a checkpoint: continue from it. */
        RESUME,
        /** Nothing usable yet (a folder killed before its first checkpoint is cleared): start it. */
        FRESH
    }

    private Ablation() {
    }

    /** Variants times seeds (base seed, base seed + 1, ...), variants outermost. */
    public static List<Job> jobs(RunConfig base, List<String> variants, int seeds, Path out) {
        List<Job> jobs = new ArrayList<>();
        for (String v : variants) {
            for (long s = 0; s < seeds; s++) {
                RunConfig c = base.withModel(v).withSeed(base.seed() + s);
                c.validate();
                jobs.add(new Job(v, c.seed(), c, out.resolve(v + "-seed" + c.seed())));
            }
        }
        return jobs;
    }

    /** Where {@code j} stands; clears a folder that holds no checkpoint so the run can start cleanly. */
    public static State prepare(Job j) throws IOException {
        long saved = Trainer.checkpointEnvSteps(j.dir());
        if (saved >= j.config().envSteps()) {
            return State.FINISHED;
        }
        if (saved >= 0) {
            return State.RESUME;
        }
        clear(j.dir());
        return State.FRESH;
    }

    /**
     * Empties a run folder that holds no checkpoint file (a run killed before its first evaluation: nothing in it can
     * be continued) but its config.json and logs, so the run can start there afresh; returns false, touching nothing,
     * when the folder has a checkpoint file, even a damaged one (resuming says what is wrong with it).
     */
    public static boolean clearUnsaved(Path dir) throws IOException {
        if (CheckpointFiles.exists(new RunFolder(dir))) {
            return false;
        }
        clear(dir);
        return true;
    }

    /**
     * Deletes everything in {@code dir} but its config.json, its logs (*.log, a running task may append to) and its
     * training lock (deleting it would let a second trainer lock a new file beside the running one).
     */
    private static void clear(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            Path config = new RunFolder(dir).config();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    boolean log = p.getParent().equals(dir) && p.getFileName().toString().endsWith(".log");
                    boolean lock = p.equals(dir.resolve(RunLock.FILE));
                    if (!p.equals(dir) && !p.equals(config) && !log && !lock) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    /** Run folders by variant, in job order. */
    public static Map<String, List<Path>> dirsByVariant(List<Job> jobs) {
        Map<String, List<Path>> dirs = new LinkedHashMap<>();
        for (Job j : jobs) {
            dirs.computeIfAbsent(j.variant(), k -> new ArrayList<>()).add(j.dir());
        }
        return dirs;
    }

    /** Rewrites {@code out/comparison.csv} and {@code out/comparison.png} from every run folder's evaluations so far. */
    public static void refresh(List<Job> jobs, Path out, String task) throws IOException {
        refresh(dirsByVariant(jobs), out, task);
    }

    /** Rewrites {@code out/comparison.csv} and {@code out/comparison.png} from the run folders by variant. */
    public static void refresh(Map<String, List<Path>> dirsByVariant, Path out, String task) throws IOException {
        Map<String, List<Comparison.Point>> points = Comparison.aggregate(Comparison.evalCurves(dirsByVariant));
        Comparison.writeCsv(out.resolve("comparison.csv"), points);
        Comparison.writePng(out.resolve("comparison.png"), task + ": evaluation return over seeds", points);
    }

    /**
     * The run folders of an existing ablation folder, by variant: every sub-folder named {@code <variant>-seed<S>}
     * with a config.json, variants in {@link RunConfig#MODELS} order.
     */
    public static Map<String, List<Path>> find(Path out) throws IOException {
        Map<String, List<Path>> found = new LinkedHashMap<>();
        if (!Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + " is not a folder; open the folder given to ablate --out"
                    + " (or made by the lab's Ablations pane)");
        }
        List<Path> subs;
        try (Stream<Path> s = Files.list(out)) {
            subs = s.filter(p -> Files.isRegularFile(p.resolve("config.json"))).sorted().toList();
        }
        for (String v : RunConfig.MODELS) {
            for (Path p : subs) {
                String n = p.getFileName().toString();
                if (n.startsWith(v + "-seed") && n.substring(v.length() + 5).matches("\\d+")) {
                    found.computeIfAbsent(v, k -> new ArrayList<>()).add(p);
                }
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException(out + " holds no ablation runs (sub-folders named <variant>-seed<S>);"
                    + " open the folder given to ablate --out");
        }
        return found;
    }
}
