package slaclab.engine;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import slaclab.environments.Tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opening run folders for browsing, and the messages a broken folder gives. */
class RunRecordTest {
    static final String CONFIG = "{ \"task\": \"cartpole-swingup\", \"envSteps\": 2000 }";
    static final String METRICS = "env_steps,train_return,eval_return,kl\n"
            + "500,,12.5,\n1000,140.0,,3.5\n1000,,80.25,2.5\n";

    static Path runFolder(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("rollouts"));
        Files.writeString(dir.resolve("config.json"), CONFIG);
        Files.writeString(dir.resolve("metrics.csv"), METRICS);
        Files.write(dir.resolve("rollouts").resolve("rollouts-000001000.png"), new byte[]{1});
        Files.write(dir.resolve("rollouts").resolve("rollouts-000000500.png"), new byte[]{1});
        return dir;
    }

    @Test
    void readsConfigRowsAndFigures(@TempDir Path dir) throws Exception {
        RunRecord r = RunRecord.open(runFolder(dir));
        assertEquals("cartpole-swingup", r.config().task());
        assertEquals(3, r.rows().size());
        assertEquals(1000, r.envSteps());
        assertFalse(r.finished(), "1,000 of 2,000 env steps");
        assertFalse(r.hasCheckpoint());
        double[][] eval = r.series("eval_return");
        assertArrayEquals(new double[]{500, 1000}, eval[0]);
        assertArrayEquals(new double[]{12.5, 80.25}, eval[1]);
        assertEquals(2, r.rolloutPngs().size());
        assertEquals(500, RunRecord.rolloutSteps(r.rolloutPngs().get(0)), "oldest first");
    }

    @Test
    void brokenFoldersNameTheProblemAndTheFix(@TempDir Path dir) throws Exception {
        String missing = assertThrows(IllegalArgumentException.class, () -> RunRecord.open(dir.resolve("nope")))
                .getMessage();
        assertTrue(missing.contains("is not a folder") && missing.contains("config.json"), missing);

        Path empty = Files.createDirectories(dir.resolve("empty"));
        String noConfig = assertThrows(IllegalArgumentException.class, () -> RunRecord.open(empty)).getMessage();
        assertTrue(noConfig.contains("not a SLAC Lab run folder: config.json is missing"), noConfig);

        Path badJson = runFolder(dir.resolve("bad-json"));
        Files.writeString(badJson.resolve("config.json"), "{ \"task\": ");
        String json = assertThrows(IllegalArgumentException.class, () -> RunRecord.open(badJson)).getMessage();
        assertTrue(json.contains("broken config.json") && json.contains("not valid JSON"), json);

        Path noMetrics = runFolder(dir.resolve("no-metrics"));
        Files.delete(noMetrics.resolve("metrics.csv"));
        String metrics = assertThrows(IllegalArgumentException.class, () -> RunRecord.open(noMetrics)).getMessage();
        assertTrue(metrics.contains("has no metrics.csv"), metrics);

        Path badCell = runFolder(dir.resolve("bad-cell"));
        Files.writeString(badCell.resolve("metrics.csv"), "env_steps,eval_return\n500,12\n1000,oops\n");
        String cell = assertThrows(IllegalArgumentException.class, () -> RunRecord.open(badCell)).getMessage();
        assertTrue(cell.contains("line 3, column eval_return: 'oops' is not a number"), cell);

        Path foreign = runFolder(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("metrics.csv"), "step,value\n1,2\n");
        String header = assertThrows(IllegalArgumentException.class, () -> RunRecord.open(foreign)).getMessage();
        assertTrue(header.contains("no env_steps column"), header);
    }

    /** Passes with and without MuJoCo: its presets are listed either way, usable only where their task can run. */
    @Test
    @Tag("mujoco")
    void presetCatalogueListsFolderFilesFirstThenEveryBuiltInPreset(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine.json"), CONFIG);
        Files.writeString(dir.resolve("broken.json"), "{ \"tsk\": 1 }");
        var entries = PresetCatalogue.list(dir);
        assertEquals("broken", entries.get(0).name());
        assertFalse(entries.get(0).usable());
        assertTrue(entries.get(0).problem().contains("needs a \"task\" field"), entries.get(0).problem());
        assertEquals("mine", entries.get(1).name());
        assertTrue(entries.get(1).usable());
        try (var files = Files.list(Path.of("presets"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String name = p.getFileName().toString().replace(".json", "");
                PresetCatalogue.Entry e = entries.stream().filter(x -> x.name().equals(name)).findFirst()
                        .orElseThrow(() -> new AssertionError("built-in preset " + name + " is not listed"));
                assertEquals("built in", e.origin(), name);
                String why = Tasks.unavailableReason(e.config().task());
                if (why == null) {
                    assertTrue(e.usable(), "built-in preset " + name + " is usable: " + e.problem());
                } else {
                    assertTrue(e.unavailable(), name);
                    assertEquals("task " + e.config().task() + " cannot run here: " + why, e.problem());
                }
            }
        }
        for (String pureJava : new String[] {"cartpole-swingup-classroom", "pendulum-swingup"}) {
            assertTrue(entries.stream().anyMatch(e -> e.name().equals(pureJava) && e.usable()),
                    pureJava + " needs nothing installed");
        }
    }
}
