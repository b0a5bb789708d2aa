package slaclab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slaclab.engine.Trainer;
import slaclab.engine.io.MetricsCsv;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `ablate`: interrupted and run again it skips finished runs, resumes the stopped one, restarts one never saved. The
 * runs are of the state baseline, the cheapest model: the command treats every model alike (the Trainer runs each).
 */
class AblateCommandTest {
    /** 50 agent steps of cartpole, 20 of them random, evaluations (and checkpoints) at 200 and 400 env steps. */
    static final String TINY = "{ \"task\": \"cartpole-swingup\", \"actionRepeat\": 8, \"envSteps\": 400,"
            + " \"initialCollectSteps\": 20, \"pretrainUpdates\": 2, \"modelBatch\": 2, \"sacBatch\": 2,"
            + " \"evalEvery\": 200, \"evalEpisodes\": 1, \"replayCapacity\": 1000 }";

    static List<Double> evalSteps(Path run) throws Exception {
        return MetricsCsv.read(run.resolve("metrics.csv")).stream().filter(r -> !r.get("eval_return").isEmpty())
                .map(r -> Double.parseDouble(r.get("env_steps"))).collect(Collectors.toList());
    }

    @Test
    void resumesAfterAnInterruptionSkipsFinishedRunsAndRestartsUnsavedOnes(@TempDir Path dir) throws Exception {
        Path preset = dir.resolve("tiny.json");
        Files.writeString(preset, TINY);
        Path out = dir.resolve("ablation");
        String[] args = {"--preset", preset.toString(), "--variants", "sac-state", "--seeds", "3",
                "--out", out.toString()};

        // Stop the second sac-state run midway, as Ctrl-C would (after its checkpoint at 200 env steps).
        String first = TrainCommandTest.stdoutOf(() -> new AblateCommand(
                (variant, seed, p) -> variant.equals("sac-state") && seed == 1 && p.envSteps() >= 300).run(args), 0);
        assertTrue(first.contains("[run 2 of 3] sac-state, seed 1: starting") && first.contains("ablation interrupted"),
                first);
        assertEquals(400, Trainer.checkpointEnvSteps(out.resolve("sac-state-seed0")));
        long stoppedAt = Trainer.checkpointEnvSteps(out.resolve("sac-state-seed1"));
        assertTrue(stoppedAt >= 300 && stoppedAt < 400, "saved where it stopped: " + stoppedAt);
        assertFalse(Files.exists(out.resolve("sac-state-seed2")), "later runs wait for the next invocation");
        assertTrue(Files.readString(out.resolve("comparison.csv")).contains("sac-state,400,"), "refreshed after each run");

        // A run killed before its first checkpoint leaves a folder without one.
        Path unsaved = out.resolve("sac-state-seed2");
        Files.createDirectories(unsaved.resolve("rollouts"));
        Files.writeString(unsaved.resolve("config.json"), Files.readString(out.resolve("sac-state-seed0/config.json")));
        Files.writeString(unsaved.resolve("metrics.csv"), "env_steps,eval_return\n8,-1\n");
        byte[] finishedMetrics = Files.readAllBytes(out.resolve("sac-state-seed0/metrics.csv"));

        String second = TrainCommandTest.stdoutOf(() -> new AblateCommand().run(args), 0);
        assertTrue(second.contains("[run 1 of 3] sac-state, seed 0: finished earlier, skipped"), second);
        assertTrue(second.contains("[run 2 of 3] sac-state, seed 1: continuing from its checkpoint"), second);
        assertTrue(second.contains("resumed at environment step " + stoppedAt), second);
        assertTrue(second.contains("[run 3 of 3] sac-state, seed 2: starting"), second);
        assertTrue(second.contains("ablation done"), second);
        assertArrayEquals(finishedMetrics, Files.readAllBytes(out.resolve("sac-state-seed0/metrics.csv")), "not redone");
        assertEquals(List.of(200.0, 400.0), evalSteps(out.resolve("sac-state-seed1")), "resumed, not restarted");
        for (String run : List.of("sac-state-seed0", "sac-state-seed1", "sac-state-seed2")) {
            assertEquals(400, Trainer.checkpointEnvSteps(out.resolve(run)), run);
        }
        List<Map<String, String>> restarted = MetricsCsv.read(unsaved.resolve("metrics.csv"));
        assertTrue(restarted.stream().noneMatch(r -> r.get("env_steps").equals("8")), "the unsaved run started afresh");
        assertTrue(Files.readString(unsaved.resolve("config.json")).contains("\"seed\" : 2"));

        List<String> csv = Files.readAllLines(out.resolve("comparison.csv"));
        assertEquals("variant,env_steps,mean,std,min,max,n", csv.get(0));
        assertEquals(List.of("sac-state,200", "sac-state,400"),
                csv.subList(1, csv.size()).stream().map(l -> l.substring(0, l.indexOf(',', l.indexOf(',') + 1)))
                        .collect(Collectors.toList()), String.join("\n", csv));
        assertTrue(csv.subList(1, csv.size()).stream().allMatch(l -> l.endsWith(",3")), "all seeds at every point");
        assertNotNull(ImageIO.read(out.resolve("comparison.png").toFile()));

        String third = TrainCommandTest.stdoutOf(() -> new AblateCommand().run(args), 0);
        assertEquals(3, third.lines().filter(l -> l.contains("finished earlier, skipped")).count(), third);
    }

    @Test
    void badInputGivesOneClearLine(@TempDir Path dir) throws Exception {
        Path preset = dir.resolve("tiny.json");
        Files.writeString(preset, TINY);
        String out = dir.resolve("a").toString();
        String unknown = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"ablate", "--preset", preset.toString(),
                "--variants", "slac,planet", "--out", out}), 2);
        assertTrue(unknown.contains("unknown variant 'planet'") && unknown.contains("slac")
                && unknown.contains("sac-pixels") && unknown.contains("sac-state"), unknown);
        String missing = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"ablate", "--preset",
                dir.resolve("nope.json").toString(), "--variants", "slac", "--out", out}), 2);
        assertTrue(missing.contains("preset file not found"), missing);
        String noOut = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"ablate", "--preset", preset.toString(),
                "--variants", "slac"}), 2);
        assertTrue(noOut.contains("--out DIR"), noOut);
        String noVariants = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"ablate", "--preset",
                preset.toString(), "--out", out}), 2);
        assertTrue(noVariants.contains("--variants") && noVariants.contains("sac-state"), noVariants);
        String seeds = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"ablate", "--preset", preset.toString(),
                "--variants", "slac", "--seeds", "0", "--out", out}), 2);
        assertTrue(seeds.contains("--seeds"), seeds);
        String help = TrainCommandTest.stdoutOf(() -> Main.run(new String[]{"ablate", "--help"}), 0);
        assertTrue(help.startsWith("usage: java -jar target/slac-lab.jar ablate") && help.contains("--parallel"), help);
        assertTrue(TrainCommandTest.stdoutOf(() -> Main.run(new String[]{"--help"}), 0).contains("ablate"));
    }
}
