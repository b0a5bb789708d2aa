package slaclab.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slaclab.engine.io.RunLock;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run folder trains in one process at a time, and a killed trainer leaves it free. */
class RunLockTest {
    @Test
    void aFolderTrainedElsewhereIsRefusedUntilThatProcessEndsEvenByKill(@TempDir Path dir) throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process other = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                RunLockHolder.class.getName(), run.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("held", out.readLine(), "the other process holds the lock");
            RunConfig config = Presets.parse(PeriodicCheckpointTest.RUN);

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Trainer(config, run, false, null).run());
            assertTrue(e.getMessage().startsWith("run folder " + run + " is being trained already (pid "
                    + other.pid() + ", since "), e.getMessage());
            assertTrue(e.getMessage().endsWith("stop that run first (Ctrl-C or SIGTERM saves it), then continue it"
                    + " with --resume"), e.getMessage());
            assertFalse(Files.exists(run.resolve("metrics.csv")) || Files.exists(run.resolve("config.json")),
                    "the refused trainer wrote nothing");
        } finally {
            other.destroyForcibly();  // SIGKILL: no shutdown hook, no release; the system drops the lock
            assertTrue(other.waitFor(30, TimeUnit.SECONDS));
        }
        Outcome o = new Trainer(Presets.parse(PeriodicCheckpointTest.RUN), run, false, null).run();
        assertEquals(Outcome.Status.FINISHED, o.status());
        Outcome again = new Trainer(Presets.parse(PeriodicCheckpointTest.RUN).withEnvSteps(400), run, true, null).run();
        assertEquals(Outcome.Status.FINISHED, again.status(), "the trainer let its own lock go when it finished");
    }

    @Test
    void startingAnUnsavedFolderAfreshKeepsItsLock(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.json"), PeriodicCheckpointTest.RUN);
        Files.writeString(dir.resolve("metrics.csv"), "env_steps\n");
        try (RunLock held = RunLock.acquire(dir)) {
            assertTrue(Ablation.clearUnsaved(dir));
            assertFalse(Files.exists(dir.resolve("metrics.csv")));
            assertTrue(Files.exists(dir.resolve(RunLock.FILE)), "a new trainer must find the held lock, not a new file");
            assertThrows(IllegalArgumentException.class, () -> RunLock.acquire(dir));
        }
    }

    @Test
    void twoTrainersInOneProcessAreRefusedToo(@TempDir Path dir) throws Exception {
        try (RunLock held = RunLock.acquire(dir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunLock.acquire(dir));
            assertTrue(e.getMessage().contains("is being trained already (pid " + ProcessHandle.current().pid()),
                    e.getMessage());
        }
        RunLock.acquire(dir).close();
    }
}
