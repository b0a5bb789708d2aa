package slaclab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slaclab.engine.io.MetricsCsv;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tiny end-to-end `train` run, its resume, and the one-line errors a user sees for bad input. */
class TrainCommandTest {
    /** 150 agent steps of cartpole (one 125-step episode), a few updates on tiny batches, two evaluations. */
    static final String TINY = "{ \"task\": \"cartpole-swingup\", \"actionRepeat\": 8, \"envSteps\": 1200,"
            + " \"initialCollectSteps\": 100, \"pretrainUpdates\": 3, \"modelBatch\": 2, \"sacBatch\": 3,"
            + " \"evalEvery\": 600, \"evalEpisodes\": 1, \"replayCapacity\": 1000 }";

    @Test
    void tinyRunWritesEveryFileAndResumes(@TempDir Path dir) throws Exception {
        Path preset = dir.resolve("tiny.json");
        Files.writeString(preset, TINY);
        Path run = dir.resolve("run");
        assertEquals(0, Main.run(new String[]{"train", "--preset", preset.toString(), "--out", run.toString()}));

        for (String f : List.of("config.json", "metrics.csv", "checkpoint.bin", "returns.png", "rollouts.png")) {
            assertTrue(Files.size(run.resolve(f)) > 0, f + " written");
        }
        List<Path> rollouts;
        try (Stream<Path> s = Files.list(run.resolve("rollouts"))) {
            rollouts = s.sorted().collect(Collectors.toList());
        }
        assertEquals(2, rollouts.size(), "one rollout figure per evaluation (600 and 1200 env steps)");
        BufferedImage grid = ImageIO.read(rollouts.get(1).toFile());
        assertNotNull(grid);
        assertTrue(grid.getWidth() > 9 * 64 && grid.getHeight() > 4 * 64, "9 frames x 4 rows");
        assertNotNull(ImageIO.read(run.resolve("returns.png").toFile()));

        List<Map<String, String>> rows = MetricsCsv.read(run.resolve("metrics.csv"));
        List<Double> evalSteps = rows.stream().filter(r -> !r.get("eval_return").isEmpty())
                .map(r -> Double.parseDouble(r.get("env_steps"))).collect(Collectors.toList());
        assertEquals(List.of(600.0, 1200.0), evalSteps);
        assertTrue(rows.stream().anyMatch(r -> !r.get("train_return").isEmpty()), "a training episode ended");
        assertTrue(rows.stream().anyMatch(r -> !r.get("critic_loss").isEmpty() && !r.get("kl").isEmpty()),
                "loss terms logged");
        String config = Files.readString(run.resolve("config.json"));
        assertTrue(config.contains("\"sacBatch\" : 3"), config);

        // Continue the same run to 1400 env steps from its checkpoint.
        assertEquals(0, Main.run(new String[]{"train", "--resume", "--out", run.toString(), "--env-steps", "1400"}));
        rows = MetricsCsv.read(run.resolve("metrics.csv"));
        evalSteps = rows.stream().filter(r -> !r.get("eval_return").isEmpty())
                .map(r -> Double.parseDouble(r.get("env_steps"))).collect(Collectors.toList());
        assertEquals(List.of(600.0, 1200.0, 1400.0), evalSteps, "resumed, not restarted");
        try (Stream<Path> s = Files.list(run.resolve("stages"))) {
            assertEquals(List.of("agent-000000600.bin", "agent-000001200.bin", "agent-000001400.bin"),
                    s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()),
                    "the agent kept at every evaluation");
        }
        double previous = -1;
        for (Map<String, String> r : rows) {
            double s = Double.parseDouble(r.get("env_steps"));
            assertTrue(s >= previous, "env_steps never go back: " + rows);
            previous = s;
        }
    }

    @Test
    void refusesToOverwriteARun(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("metrics.csv"), "env_steps\n1\n");
        Path preset = dir.resolve("p.json");
        Files.writeString(preset, TINY);
        String err = stderrOf(() -> Main.run(new String[]{"train", "--preset", preset.toString(), "--out", run.toString()}), 2);
        assertTrue(err.contains("already holds a run") && err.contains("--resume"), err);
    }

    @Test
    void badInputGivesOneClearLine(@TempDir Path dir) throws Exception {
        String missing = stderrOf(() -> Main.run(new String[]{"train", "--preset", dir.resolve("nope.json").toString()}), 2);
        assertTrue(missing.contains("preset file not found") && missing.contains("nope.json"), missing);

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{ \"task\": \"cartpole-swingup\", ");
        String bad = stderrOf(() -> Main.run(new String[]{"train", "--preset", broken.toString()}), 2);
        assertTrue(bad.contains("not valid JSON") && bad.contains("broken.json"), bad);

        Path unknownTask = dir.resolve("task.json");
        Files.writeString(unknownTask, "{ \"task\": \"cheetah-flip\" }");
        String task = stderrOf(() -> Main.run(new String[]{"train", "--preset", unknownTask.toString()}), 2);
        assertTrue(task.contains("unknown task 'cheetah-flip'") && task.contains("cartpole-swingup"), task);

        Path typo = dir.resolve("typo.json");
        Files.writeString(typo, "{ \"task\": \"cartpole-swingup\", \"sacbatch\": 3 }");
        String field = stderrOf(() -> Main.run(new String[]{"train", "--preset", typo.toString()}), 2);
        assertTrue(field.contains("unknown field \"sacbatch\"") && field.contains("sacBatch"), field);

        Path negative = dir.resolve("neg.json");
        Files.writeString(negative, "{ \"task\": \"cartpole-swingup\", \"modelBatch\": 0 }");
        String range = stderrOf(() -> Main.run(new String[]{"train", "--preset", negative.toString()}), 2);
        assertTrue(range.contains("modelBatch must be > 0"), range);

        Path one = dir.resolve("one.json");
        Files.writeString(one, "{ \"task\": \"cartpole-swingup\", \"modelBatch\": 1 }");
        String batch = stderrOf(() -> Main.run(new String[]{"train", "--preset", one.toString()}), 2);
        assertTrue(batch.contains("modelBatch and sacBatch must be at least 2"), batch);

        String option = stderrOf(() -> Main.run(new String[]{"train", "--presett", "x"}), 2);
        assertTrue(option.contains("unknown option '--presett'"), option);

        String resume = stderrOf(() -> Main.run(new String[]{"train", "--resume", "--out", dir.resolve("none").toString()}), 2);
        assertTrue(resume.contains("nothing to resume"), resume);

        // The lab checks its options before it opens a window.
        String open = stderrOf(() -> Main.run(new String[]{"lab", "--open", dir.resolve("none").toString()}), 2);
        assertTrue(open.contains("--open: ") && open.contains("is not a folder"), open);
        String labOption = stderrOf(() -> Main.run(new String[]{"--opne", "x"}), 2);
        assertTrue(labOption.contains("unknown option '--opne'"), labOption);
        String labPreset = stderrOf(() -> Main.run(new String[]{"lab", "--preset", dir.resolve("gone.json").toString()}), 2);
        assertTrue(labPreset.contains("preset file not found"), labPreset);
    }

    @Test
    void everyCommandHasHelp() throws Exception {
        for (String cmd : List.of("lab", "train", "evaluate", "ablate", "bench", "tasks")) {
            String out = stdoutOf(() -> Main.run(new String[]{cmd, "--help"}), 0);
            assertTrue(out.startsWith("usage: java -jar target/slac-lab.jar " + cmd), out);
        }
        String tasks = stdoutOf(() -> Main.run(new String[]{"tasks"}), 0);
        assertTrue(tasks.contains("cartpole-swingup") && tasks.contains("pendulum-swingup"), tasks);
        assertFalse(stdoutOf(() -> Main.run(new String[]{"--help"}), 0).isEmpty());
    }

    interface Call {
        int run() throws Exception;
    }

    static String stderrOf(Call c, int expectedExit) throws Exception {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true));
        try {
            assertEquals(expectedExit, c.run());
        } finally {
            System.setErr(old);
        }
        String s = buf.toString();
        assertTrue(s.startsWith("error: "), s);
        assertEquals(1, s.strip().lines().count(), "one line: " + s);
        return s;
    }

    static String stdoutOf(Call c, int expectedExit) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            assertEquals(expectedExit, c.run());
        } finally {
            System.setOut(old);
        }
        return buf.toString();
    }

    /** Copies a run folder (files and sub-folders) to {@code to}, which must not exist yet; returns {@code to}. */
    static java.nio.file.Path copyFolder(java.nio.file.Path from, java.nio.file.Path to) throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(from)) {
            for (java.nio.file.Path p : files.toList()) {
                java.nio.file.Files.copy(p, to.resolve(from.relativize(p).toString()),
                        java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return to;
    }
}
