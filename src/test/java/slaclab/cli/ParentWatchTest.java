package slaclab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slaclab.engine.Trainer;
import slaclab.engine.io.FramedFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A kill -9 of the launcher makes its training child save and stop, as Ctrl-C would, instead of training on unseen. */
class ParentWatchTest {
    /** Random cartpole actions for a long time: no evaluation, no checkpoint unless the run is stopped. */
    static final String ENDLESS = "{ \"task\": \"cartpole-swingup\", \"envSteps\": 10000000,"
            + " \"initialCollectSteps\": 1000000, \"modelBatch\": 2, \"sacBatch\": 2, \"evalEvery\": 10000000,"
            + " \"evalEpisodes\": 0, \"replayCapacity\": 2000 }";

    @Test
    void aLauncherIsGoneWhenItIsNoLongerTheParent() {
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        assertFalse(ParentWatch.gone(parent));
        assertTrue(ParentWatch.gone(ProcessHandle.current().pid()), "not its own parent");
    }

    @Test
    @Timeout(300)
    void aTrainingChildSavesAndStopsWhenItsLauncherIsKilled(@TempDir Path dir) throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase().startsWith("linux"), "the relaunch is Linux-only");
        Path preset = dir.resolve("endless.json");
        Files.writeString(preset, ENDLESS);
        Path run = dir.resolve("run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "train", "--preset", preset.toString(), "--out", run.toString()))
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("MALLOC_") || k.equals("GLIBC_TUNABLES")
                || k.equals(AllocatorRelaunch.OPT_OUT) || k.equals(ParentWatch.ENV));  // so it relaunches

        Path log = dir.resolve("train.log");  // a file: a pipe from the launcher closes when it dies
        pb.redirectOutput(log.toFile());
        Process launcher = pb.start();
        Optional<ProcessHandle> child = Optional.empty();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!Files.readString(log).contains("SLAC Lab:") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertTrue(Files.readString(log).contains("SLAC Lab:"), "the child never started training: "
                    + Files.readString(log));
            child = launcher.toHandle().children().findFirst();
            assertTrue(child.isPresent(), "the launcher runs the command in a child JVM");

            launcher.destroyForcibly();  // SIGKILL: no shutdown hook of the launcher runs
            launcher.waitFor();
            long killed = System.nanoTime();
            boolean ended = child.get().onExit().thenApply(h -> true).completeOnTimeout(false, 60, TimeUnit.SECONDS)
                    .get();
            double seconds = (System.nanoTime() - killed) / 1e9;
            String text = Files.readString(log);
            assertTrue(ended, "the child still trains 60 s after its launcher was killed: " + text);
            assertTrue(text.contains("has ended; saving and stopping as on Ctrl-C"), text);
            assertTrue(text.contains("stopped at environment step"), text);
            assertTrue(seconds < 30, "stopped " + seconds + " s after the kill");
            FramedFiles.check(run.resolve("checkpoint.bin"), true);
            long saved = Trainer.checkpointEnvSteps(run);
            assertTrue(saved > 0, "the checkpoint holds the steps taken: " + saved);
            assertEquals(0, Main.run(new String[]{"train", "--resume", "--out", run.toString(), "--env-steps",
                    Long.toString(saved)}), "the saved run continues");
        } finally {
            child.ifPresent(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
        assertFalse(child.get().isAlive());
    }
}
