package slaclab.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slaclab.models.LatentModels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code evaluate} on tiny run folders of every kind of model: the per-episode lines and the last line, the same
 * returns for the same seed, a damaged checkpoint evaluated from the previous one, and one-line errors for bad input.
 */
class EvaluateCommandTest {
    static final Pattern LAST = Pattern.compile(
            "eval_return_mean=(-?\\d+\\.\\d{3}) eval_return_std=(\\d+\\.\\d{3}) episodes=(\\d+)");

    @TempDir
    static Path shared;
    /** A tiny SLAC run (the checkpoint-recovery preset: checkpoints at 104 and 200 env steps). */
    static Path slac;

    @BeforeAll
    static void trainOnce() throws Exception {
        slac = train("slac");
    }

    /** A run of {@code model} on the tiny preset, trained through the train command. */
    static Path train(String model) throws Exception {
        Path preset = shared.resolve(model + ".json");
        Files.writeString(preset, CheckpointRecoveryTest.SHORT.replace("{ ", "{ \"model\": \"" + model + "\", "));
        Path run = shared.resolve(model);
        TrainCommandTest.stdoutOf(() -> Main.run(new String[]{"train", "--preset", preset.toString(), "--out",
                run.toString()}), 0);
        return run;
    }

    static String evaluate(Path run, String... more) throws Exception {
        String[] args = Stream.concat(Stream.of("evaluate", "--run", run.toString()), Arrays.stream(more))
                .toArray(String[]::new);
        return TrainCommandTest.stdoutOf(() -> Main.run(args), 0);
    }

    /** The last line, checked against the documented format; its mean. */
    static double mean(String out, int episodes) {
        List<String> lines = out.strip().lines().toList();
        Matcher m = LAST.matcher(lines.get(lines.size() - 1));
        assertTrue(m.matches(), "last line: " + out);
        assertEquals(episodes, Integer.parseInt(m.group(3)));
        return Double.parseDouble(m.group(1));
    }

    @Test
    void evaluatesATinyRunOneLinePerEpisodeAndTheSameSeedGivesTheSameReturns() throws Exception {
        byte[] checkpoint = Files.readAllBytes(slac.resolve("checkpoint.bin"));
        String out = evaluate(slac, "--episodes", "2", "--seed", "5");
        assertTrue(out.contains("evaluating " + slac + ": cartpole-swingup, model slac, checkpoint at 200 env steps,"
                + " seed 5"), out);
        List<String> episodes = out.lines().filter(l -> l.startsWith("episode ")).toList();
        assertEquals(2, episodes.size(), out);
        assertTrue(episodes.get(0).matches("episode 1/2 return -?\\d+\\.\\d{3}"), out);
        assertTrue(episodes.get(1).matches("episode 2/2 return -?\\d+\\.\\d{3}"), out);
        double mean = mean(out, 2);
        double r1 = Double.parseDouble(episodes.get(0).split(" ")[3]);
        double r2 = Double.parseDouble(episodes.get(1).split(" ")[3]);
        assertEquals((r1 + r2) / 2, mean, 1e-3);
        Matcher m = LAST.matcher(out.strip().lines().reduce((a, b) -> b).orElseThrow());
        assertTrue(m.matches());
        assertEquals(Math.abs(r1 - r2) / 2, Double.parseDouble(m.group(2)), 1e-3, "population std");

        assertEquals(out, evaluate(slac, "--episodes", "2", "--seed", "5"), "same seed, same episodes and returns");
        mean(evaluate(slac, "--episodes", "1", "--seed", "6"), 1);  // another seed: other episodes, same format
        assertArrayEquals(checkpoint, Files.readAllBytes(slac.resolve("checkpoint.bin")), "the run is only read");
    }

    @Test
    void aRunFolderEvaluatesTheAgentItKeptAtAnEarlierEvaluation() throws Exception {
        String out = evaluate(slac, "--episodes", "1", "--stage", "104");
        assertTrue(out.contains("checkpoint at 104 env steps"), out);
        mean(out, 1);
        assertTrue(evaluate(slac, "--episodes", "1", "--stage", "200").contains("checkpoint at 200 env steps"));
    }

    @Test
    void greedyActsWithTheMeanActionAndSaysSo() throws Exception {
        String stochastic = evaluate(slac, "--episodes", "1", "--seed", "5");
        String greedy = evaluate(slac, "--episodes", "1", "--seed", "5", "--greedy");
        assertTrue(stochastic.contains("seed 5, stochastic policy"), stochastic);
        assertTrue(greedy.contains("seed 5, greedy policy"), greedy);
        assertTrue(mean(stochastic, 1) != mean(greedy, 1), "the same episode, other actions: " + stochastic + greedy);
        assertEquals(greedy, evaluate(slac, "--episodes", "1", "--seed", "5", "--greedy"));
    }

    @Test
    void everyKindOfModelEvaluates() throws Exception {
        for (String model : List.of("sac-state", "sac-pixels", LatentModels.DETERMINISTIC)) {
            String out = evaluate(train(model), "--episodes", "1");
            assertTrue(out.contains("model " + model + ", checkpoint at 200 env steps, seed "
                    + EvaluateCommand.DEFAULT_SEED), out);
            mean(out, 1);
        }
    }

    @Test
    void aDamagedCheckpointIsNamedAndThePreviousOneEvaluated() throws Exception {
        Path run = copy("damaged");
        Path checkpoint = run.resolve("checkpoint.bin");
        byte[] bytes = Files.readAllBytes(checkpoint);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(checkpoint, bytes);
        String out = evaluate(run, "--episodes", "1");
        assertTrue(out.contains("note: " + checkpoint + " is damaged: its content does not match its checksum;"
                + " continuing from the previous checkpoint, checkpoint.prev.bin"), out);
        assertTrue(out.contains("checkpoint at 104 env steps"), out);
        mean(out, 1);

        Files.write(run.resolve("checkpoint.prev.bin"), new byte[0]);
        String err = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"evaluate", "--run", run.toString()}), 1);
        assertTrue(err.contains(checkpoint + " is damaged") && err.contains("checkpoint.prev.bin is empty"), err);
    }

    @Test
    void badInputGivesOneClearLine(@TempDir Path dir) throws Exception {
        Path none = dir.resolve("none");
        String missing = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"evaluate", "--run", none.toString()}), 2);
        assertTrue(missing.contains(none + " is not a folder") && missing.contains("train --out DIR"), missing);

        Path bare = dir.resolve("bare");
        Files.createDirectories(bare);
        Files.copy(slac.resolve("config.json"), bare.resolve("config.json"));
        String noCheckpoint = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"evaluate", "--run",
                bare.toString()}), 2);
        assertTrue(noCheckpoint.contains(bare + " has no checkpoint.bin"), noCheckpoint);

        Path notARun = dir.resolve("empty");
        Files.createDirectories(notARun);
        String noConfig = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"evaluate", "--run",
                notARun.toString()}), 2);
        assertTrue(noConfig.contains("config.json is missing"), noConfig);

        for (String n : List.of("0", "-3")) {
            String episodes = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"evaluate", "--run",
                    slac.toString(), "--episodes", n}), 2);
            assertEquals("error: --episodes must be at least 1, got " + n, episodes.strip());
        }
        String stage = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"evaluate", "--run", slac.toString(),
                "--stage", "balance"}), 2);
        assertEquals("error: --stage of a run folder is the environment steps of an evaluation (e.g. --stage 50000),"
                + " not 'balance'; it kept the agent at 104, 200 env steps", stage.strip());
        String notKept = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"evaluate", "--run", slac.toString(),
                "--stage", "150"}), 2);
        assertEquals("error: " + slac + " kept no agent at 150 env steps; it kept the agent at 104, 200 env steps",
                notKept.strip());
        String noRun = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"evaluate"}), 2);
        assertTrue(noRun.contains("evaluate needs --run DIR"), noRun);
        String seed = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"evaluate", "--run", slac.toString(),
                "--seed", "x"}), 2);
        assertTrue(seed.contains("--seed must be a whole number"), seed);
    }

    @Test
    void helpNamesEveryOptionAndTheStd() throws Exception {
        String help = TrainCommandTest.stdoutOf(() -> Main.run(new String[]{"evaluate", "--help"}), 0);
        for (String option : List.of("--run", "--episodes", "--seed", "--stage", "--greedy")) {
            assertEquals(1, help.lines().filter(l -> l.startsWith("  " + option + " ")).count(), option + ": " + help);
        }
        assertTrue(help.contains("population std"), help);
        assertTrue(TrainCommandTest.stdoutOf(() -> Main.run(new String[]{"--help"}), 0).contains("evaluate"));
    }

    private static Path copy(String name) throws IOException {
        return TrainCommandTest.copyFolder(slac, shared.resolve(name));
    }
}
