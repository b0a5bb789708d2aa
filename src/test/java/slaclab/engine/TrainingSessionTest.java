package slaclab.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training thread under a window's commands: pause holds, a step is one agent step, requests are served. */
class TrainingSessionTest {
    /** Cartpole, 20 random agent steps, 2 pre-training updates, tiny batches; long enough never to finish here. */
    static final String LIVE = "{ \"task\": \"cartpole-swingup\", \"actionRepeat\": 8, \"envSteps\": 100000,"
            + " \"initialCollectSteps\": 20, \"pretrainUpdates\": 2, \"modelBatch\": 2, \"sacBatch\": 2,"
            + " \"evalEvery\": 100000, \"evalEpisodes\": 1, \"replayCapacity\": 2000 }";

    /** Records what the engine reports. */
    static final class Recorder implements TrainingListener {
        final AtomicReference<Progress> progress = new AtomicReference<>();
        final AtomicReference<Progress> pausedAt = new AtomicReference<>();
        final List<RolloutView> rollouts = new CopyOnWriteArrayList<>();
        final List<Observation> watched = new CopyOnWriteArrayList<>();
        final List<Path> saved = new CopyOnWriteArrayList<>();
        final AtomicReference<Outcome> outcome = new AtomicReference<>();
        volatile long observations;

        @Override
        public boolean onStep(Progress p) {
            progress.set(p);
            return true;
        }

        @Override
        public void onObservation(Observation o) {
            observations++;
            if (o.evaluation()) {
                watched.add(o);
            }
        }

        @Override
        public void onPauseChanged(boolean paused, Progress p) {
            pausedAt.set(paused ? p : null);
        }

        @Override
        public void onRollouts(RolloutView r) {
            rollouts.add(r);
        }

        @Override
        public void onSaved(Path checkpoint, long envSteps) {
            saved.add(checkpoint);
        }

        @Override
        public void onTrainingEnd(Outcome o) {
            outcome.set(o);
        }
    }

    static void waitFor(String what, long millis, BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void pauseHoldsStepAdvancesOneAgentStepAndRequestsAreServedWhilePaused(@TempDir Path dir) throws Exception {
        Recorder rec = new Recorder();
        TrainingSession s = new TrainingSession(Presets.parse(LIVE), dir.resolve("run"), false, false, rec);
        s.start();
        try {
            waitFor("training updates", 120_000, () -> rec.progress.get() != null
                    && rec.progress.get().sacUpdates() >= 3);
            s.control().pause();
            waitFor("the loop to hold", 30_000, () -> rec.pausedAt.get() != null);
            Progress held = rec.pausedAt.get();
            long seen = rec.observations;
            Thread.sleep(1_500);
            assertEquals(held.envSteps(), rec.progress.get().envSteps(), "no environment steps while paused");
            assertEquals(held.sacUpdates(), rec.progress.get().sacUpdates(), "no updates while paused");
            assertEquals(seen, rec.observations, "no observations while paused");

            s.control().stepOnce();
            waitFor("one step", 30_000, () -> rec.progress.get().agentSteps() == held.agentSteps() + 1
                    && rec.pausedAt.get() != null);
            Thread.sleep(500);
            Progress after = rec.progress.get();
            assertEquals(held.agentSteps() + 1, after.agentSteps(), "Step runs exactly one agent step");
            assertEquals(held.envSteps() + 8, after.envSteps(), "one agent step = action repeat (8) env steps");
            assertEquals(held.sacUpdates() + 1, after.sacUpdates(), "with its one actor-critic update");

            // Rollouts of another length than the training sequences, served while paused.
            s.control().submit(new RunControl.RolloutRequest(12, RunControl.RolloutSource.REPLAY, 7));
            waitFor("rollouts", 60_000, () -> !rec.rollouts.isEmpty());
            RolloutView r = rec.rollouts.get(0);
            assertNull(r.problem());
            assertEquals(4, r.rows().size(), "truth, posterior, prior, conditional prior");
            for (List<byte[]> row : r.rows()) {
                assertEquals(13, row.size(), "12 steps = 13 frames");
                row.forEach(f -> assertEquals(64 * 64 * 3, f.length));
            }
            // The same sequence number picks the same replay sequence while the buffer is unchanged.
            s.control().submit(new RunControl.RolloutRequest(12, RunControl.RolloutSource.REPLAY, 7));
            waitFor("second rollouts", 60_000, () -> rec.rollouts.size() == 2);
            assertTrue(java.util.Arrays.equals(r.rows().get(0).get(5), rec.rollouts.get(1).rows().get(0).get(5)));
            // The current episode is shorter than 200 steps: a clear answer, not an exception.
            s.control().submit(new RunControl.RolloutRequest(40, RunControl.RolloutSource.CURRENT_EPISODE, 0));
            waitFor("third answer", 60_000, () -> rec.rollouts.size() == 3);
            assertTrue(rec.rollouts.get(2).problem().contains("current episode has"), rec.rollouts.get(2).problem());

            s.control().submit(new RunControl.SaveRequest());
            waitFor("a checkpoint", 60_000, () -> !rec.saved.isEmpty());
            assertTrue(Files.size(dir.resolve("run").resolve("checkpoint.bin")) > 0);
            assertEquals(after.envSteps(), rec.progress.get().envSteps(), "still paused after serving requests");

            s.control().resume();
            waitFor("training to go on", 60_000, () -> rec.progress.get().agentSteps() > after.agentSteps() + 2);
        } finally {
            assertTrue(s.stopAndWait(120_000), "the run ends when asked");
        }
        assertEquals(Outcome.Status.STOPPED, rec.outcome.get().status());
        assertFalse(s.isAlive());
    }

    @Test
    void watchedEvaluationEpisodeRunsAtRealTimeAndEnds(@TempDir Path dir) throws Exception {
        Recorder rec = new Recorder();
        // Paused from the start: nothing trains, but the agent (random weights) can still play an episode.
        TrainingSession s = new TrainingSession(Presets.parse(LIVE), dir.resolve("run"), false, true, rec);
        s.start();
        try {
            waitFor("the loop to hold", 60_000, () -> rec.pausedAt.get() != null);
            long t0 = System.nanoTime();
            s.control().submit(new RunControl.WatchRequest());
            waitFor("the episode's end", 120_000, () -> !rec.watched.isEmpty()
                    && rec.watched.get(rec.watched.size() - 1).episodeDone());
            double seconds = (System.nanoTime() - t0) / 1e9;
            // 1,000 control steps of 0.01 s: 125 agent steps of 8 shown over 10 s of wall time.
            assertEquals(126, rec.watched.size(), "first frame and one per agent step");
            assertTrue(seconds >= 9.5, "real time, not faster: " + seconds + " s");
            assertEquals(0, rec.progress.get() == null ? 0 : rec.progress.get().envSteps(), "training held still");
        } finally {
            assertTrue(s.stopAndWait(120_000));
        }
    }

    @Test
    void aRunThatCannotStartEndsWithAFailureMessage(@TempDir Path dir) throws Exception {
        Recorder rec = new Recorder();
        TrainingSession s = new TrainingSession(Presets.parse(LIVE), dir.resolve("nothing-here"), true, false, rec);
        s.start();
        assertTrue(s.awaitEnd(60_000));
        Outcome o = rec.outcome.get();
        assertNotNull(o);
        assertEquals(Outcome.Status.FAILED, o.status());
        assertTrue(o.message().contains("nothing to resume"), o.message());
    }
}
