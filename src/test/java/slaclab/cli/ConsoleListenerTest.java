package slaclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import slaclab.engine.Phase;
import slaclab.engine.Progress;
import slaclab.engine.io.ProgressBar;

/** The train command's progress bar: its ETA follows the phase the run is in. */
class ConsoleListenerTest {
    private static final long MS = 1_000_000L;
    private static final long TOTAL = 100_000;

    private final AtomicLong now = new AtomicLong();
    private final ProgressBar bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream()), TOTAL, "env steps",
            now::get, true);
    private final TrainCommand.ConsoleListener console = new TrainCommand.ConsoleListener(bar);
    private long envSteps;

    private void run(Phase phase, int updates, long stepsPerUpdate, long millisPerUpdate) {
        for (int i = 0; i < updates; i++) {
            console.onStep(new Progress(phase, envSteps, TOTAL, envSteps / 8, 0, 0, 0, 0, 0, 0, Double.NaN, Map.of()));
            envSteps += stepsPerUpdate;
            now.addAndGet(millisPerUpdate * MS);
        }
    }

    @Test
    void etaComesFromTheTrainingRateOnceTrainingRunsAndEvaluationsDoNotResetIt() {
        run(Phase.COLLECT, 100, 280, 100); // 2,800 env steps/s for 10 s
        run(Phase.TRAIN, 200, 12, 100);    // 120 env steps/s for 20 s
        assertEquals(120, bar.rate(), 1);
        assertEquals((TOTAL - envSteps + 12) / 120.0, bar.etaSeconds(), 10);

        run(Phase.EVALUATE, 1, 0, 2_000);  // a 2 s evaluation
        assertEquals(120, bar.rate(), 1, "while it evaluates, the ETA is still training's");
        run(Phase.TRAIN, 100, 12, 100);
        double rate = bar.rate();
        assertEquals(115, rate, 5, "training's rate, evaluation time included, never the collection's");
        assertEquals((TOTAL - envSteps + 12) / rate, bar.etaSeconds(), 10);
    }
}
