package slaclab.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Between evaluations the loop renews a checkpoint that has grown old, so a kill loses little work. */
class PeriodicCheckpointTest {
    /** sac-state on cartpole (a small agent): 40 agent steps, one evaluation at the end. */
    static final String RUN = "{ \"task\": \"cartpole-swingup\", \"model\": \"sac-state\", \"actionRepeat\": 8,"
            + " \"envSteps\": 320, \"initialCollectSteps\": 10, \"sacBatch\": 4, \"evalEvery\": 1000,"
            + " \"evalEpisodes\": 1, \"replayCapacity\": 500 }";

    @Test
    void anOldCheckpointIsRenewedBetweenEvaluations(@TempDir Path dir) throws Exception {
        List<Long> saves = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onSaved(Path checkpoint, long envSteps) {
                saves.add(envSteps);
            }
        };
        RunConfig config = Presets.parse(RUN);
        Outcome o = new Trainer(config, dir.resolve("run"), false, listener, new RunControl(), Duration.ZERO).run();
        assertEquals(Outcome.Status.FINISHED, o.status());
        assertTrue(saves.size() >= 40, "a checkpoint at every safe point when they may be 0 s old: " + saves);
        assertTrue(saves.contains(80L) && saves.contains(240L), "during collection and training: " + saves);
        assertEquals(320, Trainer.checkpointEnvSteps(dir.resolve("run")));

        List<Long> defaults = new ArrayList<>();
        new Trainer(config, dir.resolve("default"), false, new TrainingListener() {
            @Override
            public void onSaved(Path checkpoint, long envSteps) {
                defaults.add(envSteps);
            }
        }).run();
        assertEquals(List.of(320L), defaults, "at the default 15 minutes a short run saves only at its evaluation");
    }
}
