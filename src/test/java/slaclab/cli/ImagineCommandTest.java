package slaclab.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slaclab.engine.Imagination;
import slaclab.engine.ImaginedFrame;
import slaclab.engine.LatentDirections;
import slaclab.engine.SavedAgent;
import slaclab.environments.Environment;
import slaclab.environments.Tasks;
import slaclab.engine.io.AnimatedGif;
import slaclab.engine.io.GifFiles;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code imagine} on a tiny run: the GIF it writes, its one-line errors, and the latent explorer's decoded frames. */
class ImagineCommandTest {
    @TempDir
    static Path shared;
    /** A tiny SLAC run on cartpole swingup (one action component) with a checkpoint at 200 env steps. */
    static Path run;

    @BeforeAll
    static void train() throws Exception {
        run = CheckpointRecoveryTest.train(shared, "run", CheckpointRecoveryTest.SHORT);
    }

    private static String imagine(int exit, String... args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = "imagine";
        System.arraycopy(args, 0, all, 1, args.length);
        return exit == 0 ? TrainCommandTest.stdoutOf(() -> Main.run(all), 0)
                : TrainCommandTest.stderrOf(() -> Main.run(all), exit);
    }

    @Test
    void givenActionsMakeAGifOfTheStartAndOneFramePerStepBesideTheRealEnvironment() throws Exception {
        Path actions = shared.resolve("actions.txt");
        Files.writeString(actions, "# push right, then left\n1\n0.5\n\n-0.5  # back\n-1\n0\n");
        Path gif = shared.resolve("given.gif");
        String out = imagine(0, "--run", run.toString(), "--actions", actions.toString(), "--truth", "--scale", "2",
                "--out", gif.toString());
        assertTrue(out.contains("imagining " + run + ": cartpole-swingup, model slac, checkpoint at 200 env steps"),
                out);
        assertTrue(out.contains("step 3/5 action -0.50 error "), out);
        assertTrue(out.strip().endsWith("wrote " + gif + ": 6 frames (the start and 5 imagined), imagined beside real"),
                out);
        List<BufferedImage> frames = GifFiles.frames(gif);
        assertEquals(6, frames.size());
        BufferedImage expected = AnimatedGif.frame(List.of("imagined", "real"), List.of(new byte[64 * 64 * 3],
                new byte[64 * 64 * 3]), 64, 2, "");
        for (BufferedImage f : frames) {
            assertEquals(expected.getWidth(), f.getWidth());
            assertEquals(expected.getHeight(), f.getHeight());
        }
        assertTrue(expected.getWidth() > 2 * 128 && expected.getHeight() > 128, "two 128-pixel panels and text");

        Path again = shared.resolve("again.gif");
        imagine(0, "--run", run.toString(), "--actions", actions.toString(), "--truth", "--scale", "2", "--out",
                again.toString());
        assertArrayEquals(Files.readAllBytes(gif), Files.readAllBytes(again), "the same seed gives the same GIF");
    }

    @Test
    void thePolicyActsOnItsDreamForTheStepsAsked() throws Exception {
        Path gif = shared.resolve("policy.gif");
        String out = imagine(0, "--run", run.toString(), "--policy", "--steps", "4", "--scale", "1", "--out",
                gif.toString());
        assertTrue(out.strip().endsWith("wrote " + gif + ": 5 frames (the start and 4 imagined)"), out);
        List<BufferedImage> frames = GifFiles.frames(gif);
        assertEquals(5, frames.size());
        BufferedImage expected = AnimatedGif.frame(List.of("imagined"), List.of(new byte[64 * 64 * 3]), 64, 1, "");
        assertEquals(expected.getWidth(), frames.get(0).getWidth());
        assertEquals(expected.getHeight(), frames.get(0).getHeight());
    }

    @Test
    void badInputsAreNamedInOneLineWithTheFix() throws Exception {
        Path wide = shared.resolve("wide.txt");
        Files.writeString(wide, "0.1 0.2\n0.3 0.4\n");
        Path gif = shared.resolve("bad.gif");
        String err = imagine(2, "--run", run.toString(), "--actions", wide.toString(), "--out", gif.toString());
        assertTrue(err.contains("action 1 has 2 components, but cartpole-swingup takes 1 per action"), err);

        Path noCheckpoint = shared.resolve("no-checkpoint");
        Files.createDirectories(noCheckpoint);
        Files.copy(run.resolve("config.json"), noCheckpoint.resolve("config.json"));
        err = imagine(2, "--run", noCheckpoint.toString(), "--policy", "--steps", "3", "--out", gif.toString());
        assertTrue(err.contains(noCheckpoint + " has no checkpoint.bin"), err);

        Path outside = shared.resolve("outside.txt");
        Files.writeString(outside, "0.5\n2\n");
        err = imagine(2, "--run", run.toString(), "--actions", outside.toString(), "--out", gif.toString());
        assertTrue(err.contains("line 2: 2 is outside [-1, 1]"), err);

        err = imagine(2, "--run", run.toString(), "--out", gif.toString());
        assertTrue(err.contains("either --actions FILE") && err.contains("not neither"), err);
        err = imagine(2, "--run", run.toString(), "--policy", "--steps", "3", "--stage", "early", "--out",
                gif.toString());
        assertTrue(err.contains("--stage of a run folder is the environment steps of an evaluation (e.g. --stage 50000),"
                + " not 'early'"), err);
        err = imagine(2, "--run", run.toString(), "--policy", "--out", gif.toString());
        assertTrue(err.contains("--policy needs --steps N"), err);
        assertFalse(Files.exists(gif), "nothing written");
    }

    @Test
    void aBaselineWithoutALatentModelIsRefused() throws Exception {
        Path state = CheckpointRecoveryTest.train(shared, "state-run",
                CheckpointRecoveryTest.SHORT.replace("{", "{ \"model\": \"sac-state\","));
        String err = imagine(2, "--run", state.toString(), "--policy", "--steps", "2", "--out",
                shared.resolve("state.gif").toString());
        assertTrue(err.contains("the run's model is sac-state, which learns no latent model to imagine with"), err);
    }

    @Test
    void theRealEnvironmentTakesTheSameActionsFromTheSameState() throws Exception {
        float[][] actions = {{1f}, {1f}, {-0.5f}, {0f}};
        try (Imagination im = Imagination.open(SavedAgent.load(run.toString(), null, 4, m -> { }), 4);
             Environment env = Tasks.create("cartpole-swingup", 4)) {
            ImaginedFrame start = im.begin(0);                   // no warm-up: the start is the episode's first frame
            byte[] f = new byte[64 * 64 * 3];
            env.reset();
            env.render(f);
            assertArrayEquals(f, start.truth());
            for (float[] a : actions) {
                ImaginedFrame step = im.step(a);
                for (int k = 0; k < 8; k++) {                    // the run's action repeat
                    env.step(new double[]{a[0]});
                }
                env.render(f);
                assertArrayEquals(f, step.truth(), "step " + step.step());
                assertEquals(ImaginedFrame.imageError(step.dream(), f), step.error(), 1e-12);
            }
            assertEquals(actions.length + 1, im.frames().size());
        }
    }

    @Test
    void theLatentExplorersFramesChangeWithTheSlider() throws Exception {
        try (Imagination im = Imagination.open(SavedAgent.load(run.toString(), null, 1, m -> { }), 1)) {
            LatentDirections d = im.directions(2, 40);
            assertEquals(List.of("z1 PC1", "z1 PC2", "z2 PC1", "z2 PC2"),
                    d.directions().stream().map(LatentDirections.Direction::label).toList());
            assertTrue(d.directions().get(0).std() >= d.directions().get(1).std(), "largest variance first");
            double[] offsets = new double[4];
            byte[] atMean = im.decode(d.latentAt(offsets));
            offsets[0] = 3;
            byte[] moved = im.decode(d.latentAt(offsets));
            assertTrue(ImaginedFrame.imageError(atMean, moved) > 0, "moving z1 PC1 changes the decoded frame");
            offsets[0] = 0;
            assertArrayEquals(atMean, im.decode(d.latentAt(offsets)), "back at the mean, the same frame");
        }
    }
}
