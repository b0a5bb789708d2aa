package slaclab.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slaclab.engine.Trainer;
import slaclab.engine.io.FramedFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A checkpoint.bin cut short (a kill or a full disk during a copy) or left empty by a crash: resuming names the file
 * and the problem, continues from checkpoint.prev.bin and says so; it never keeps the damaged file in place of a
 * whole one.
 */
class CheckpointRecoveryTest {
    /** 25 agent steps of random cartpole actions, checkpoints at 104 (evaluation) and 200 env steps (the end). */
    static final String SHORT = "{ \"task\": \"cartpole-swingup\", \"actionRepeat\": 8, \"envSteps\": 200,"
            + " \"initialCollectSteps\": 100, \"pretrainUpdates\": 1, \"modelBatch\": 2, \"sacBatch\": 2,"
            + " \"evalEvery\": 100, \"evalEpisodes\": 0, \"replayCapacity\": 300 }";

    /** Trains {@code preset} (e.g. {@link #SHORT}) with {@code train} into {@code dir/name}; returns the run folder. */
    static Path train(Path dir, String name, String preset) throws Exception {
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, preset);
        Path run = dir.resolve(name);
        TrainCommandTest.stdoutOf(() -> Main.run(new String[]{"train", "--preset", file.toString(), "--out",
                run.toString()}), 0);
        return run;
    }

    @TempDir
    static Path shared;
    static Path original;

    @BeforeAll
    static void trainOnce() throws Exception {
        Path preset = shared.resolve("short.json");
        Files.writeString(preset, SHORT);
        original = shared.resolve("run");
        assertEquals(0, Main.run(new String[]{"train", "--preset", preset.toString(), "--out", original.toString()}));
    }

    @Test
    void eachSaveKeepsThePreviousCheckpoint() throws IOException {
        assertEquals(200, Trainer.checkpointEnvSteps(original));
        FramedFiles.check(original.resolve("checkpoint.bin"), true);
        FramedFiles.check(original.resolve("checkpoint.prev.bin"), true);
        Files.delete(copy("probe").resolve("checkpoint.bin"));
        assertEquals(104, Trainer.checkpointEnvSteps(shared.resolve("probe")), "the previous one's steps");
    }

    @Test
    void aTruncatedCheckpointFallsBackToThePreviousOne(@TempDir Path dir) throws Exception {
        Path run = copy("truncated");
        Path checkpoint = run.resolve("checkpoint.bin");
        byte[] previous = Files.readAllBytes(run.resolve("checkpoint.prev.bin"));
        byte[] whole = Files.readAllBytes(checkpoint);
        Files.write(checkpoint, Arrays.copyOf(whole, whole.length / 2));
        Files.writeString(run.resolve(".checkpoint.bin.7b.tmp"), "what a killed save left");

        String out = TrainCommandTest.stdoutOf(() -> Main.run(new String[]{"train", "--resume", "--out",
                run.toString()}), 0);
        assertTrue(out.contains("note: " + checkpoint + " is cut short (" + whole.length / 2 + " bytes"), out);
        assertTrue(out.contains("continuing from the previous checkpoint, checkpoint.prev.bin"), out);
        assertTrue(out.contains("resumed at environment step 104"), out);
        assertTrue(out.contains("finished 200 environment steps"), out);
        assertTrue(out.contains("eval at 200 env steps: no episodes played (evalEpisodes is 0)"), out);
        assertFalse(out.contains("NaN"), out);

        FramedFiles.check(checkpoint, true);
        assertEquals(200, Trainer.checkpointEnvSteps(run));
        assertArrayEquals(previous, Files.readAllBytes(run.resolve("checkpoint.prev.bin")),
                "the damaged file never replaces the whole previous one");
        assertFalse(Files.exists(run.resolve(".checkpoint.bin.7b.tmp")), "leftover of the killed save deleted");
    }

    @Test
    void anEmptyOrMissingCheckpointFallsBackToThePreviousOne() throws Exception {
        Path empty = copy("empty");
        Files.write(empty.resolve("checkpoint.bin"), new byte[0]);
        String out = TrainCommandTest.stdoutOf(() -> Main.run(new String[]{"train", "--resume", "--out",
                empty.toString(), "--env-steps", "104"}), 0);
        assertTrue(out.contains("checkpoint.bin is empty (0 bytes)"), out);
        assertTrue(out.contains("continuing from the previous checkpoint, checkpoint.prev.bin"), out);
        assertTrue(out.contains("resumed at environment step 104"), out);

        Path missing = copy("missing");  // killed between moving checkpoint.bin aside and putting the new one there
        Files.delete(missing.resolve("checkpoint.bin"));
        out = TrainCommandTest.stdoutOf(() -> Main.run(new String[]{"train", "--resume", "--out",
                missing.toString(), "--env-steps", "104"}), 0);
        assertTrue(out.contains("checkpoint.bin is missing (a save was interrupted)"), out);
        assertTrue(out.contains("resumed at environment step 104"), out);
    }

    @Test
    void withNoWholeCheckpointLeftTheErrorNamesBothFiles() throws Exception {
        Path run = copy("both");
        Files.write(run.resolve("checkpoint.bin"), new byte[0]);
        byte[] prev = Files.readAllBytes(run.resolve("checkpoint.prev.bin"));
        Files.write(run.resolve("checkpoint.prev.bin"), Arrays.copyOf(prev, 1000));
        String err = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"train", "--resume", "--out",
                run.toString()}), 1);
        assertTrue(err.contains(run.resolve("checkpoint.bin") + " is empty (0 bytes)"), err);
        assertTrue(err.contains(run.resolve("checkpoint.prev.bin") + " is cut short (1000 bytes"), err);
        assertTrue(err.contains("start it again in a new folder"), err);
        assertFalse(err.contains("null"), err);

        Path alone = copy("alone");
        Files.delete(alone.resolve("checkpoint.prev.bin"));
        Files.write(alone.resolve("checkpoint.bin"), new byte[0]);
        err = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"train", "--resume", "--out",
                alone.toString()}), 1);
        assertTrue(err.contains("checkpoint.bin is empty (0 bytes)") && err.contains("no earlier checkpoint"), err);
        assertEquals(0, Files.size(alone.resolve("checkpoint.bin")), "the damaged file is left for inspection");
    }

    @Test
    void aCheckpointOfTheCurrentReleaseStillLoadsAndACutOneIsNamed() throws Exception {
        Path run = copy("release");
        Files.delete(run.resolve("checkpoint.prev.bin"));
        byte[] framed = Files.readAllBytes(run.resolve("checkpoint.bin"));
        byte[] old = Arrays.copyOf(framed, framed.length - FramedFiles.END_MARKER_BYTES);  // no end marker
        java.nio.ByteBuffer.wrap(old).putInt(4, 2);  // format version 2: what the release writes
        Files.write(run.resolve("checkpoint.bin"), old);
        String out = TrainCommandTest.stdoutOf(() -> Main.run(new String[]{"train", "--resume", "--out",
                run.toString()}), 0);
        assertTrue(out.contains("resumed at environment step 200"), out);

        Path cut = copy("release-cut");
        Files.delete(cut.resolve("checkpoint.prev.bin"));
        Files.write(cut.resolve("checkpoint.bin"), Arrays.copyOf(old, old.length - 5000));
        String err = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"train", "--resume", "--out",
                cut.toString()}), 1);
        assertTrue(err.contains(cut.resolve("checkpoint.bin") + " is cut short (" + (old.length - 5000) + " bytes)"),
                err);
    }

    private static Path copy(String name) throws IOException {
        return TrainCommandTest.copyFolder(original, shared.resolve(name));
    }
}
