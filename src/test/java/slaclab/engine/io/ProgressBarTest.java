package slaclab.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private static final long MS = 1_000_000L;

    private static long count(String s, char c) {
        return s.chars().filter(ch -> ch == c).count();
    }

    @Test
    void throttlesTerminalRedrawsAndComputesEta() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicLong now = new AtomicLong(5_000 * MS);
        ProgressBar bar = new ProgressBar(out, 10_000, "steps", now::get, true);
        // 100 steps per second, one update every 10 ms, for 50 seconds.
        for (int i = 0; i <= 5000; i++) {
            bar.update(i, "collecting");
            now.addAndGet(10 * MS);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        long redraws = count(text, '\r');
        assertTrue(redraws >= 190 && redraws <= 202, "about 4 redraws per second, got " + redraws);
        assertEquals(0, count(text, '\n'));
        assertEquals(100.0, bar.rate(), 1e-6);
        assertEquals(50.0, bar.etaSeconds(), 1e-3);
        assertTrue(text.contains("ETA 50s"), text.substring(text.lastIndexOf('\r')));
        assertTrue(text.contains(" 50.0% ["));
        assertTrue(text.contains("5000/10.0k steps"));
        assertTrue(text.contains("| collecting"));
        bar.finish("finished");
        String all = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(all.endsWith("\n"));
        assertTrue(all.contains("done in"));
    }

    @Test
    void plainModePrintsRarely() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicLong now = new AtomicLong();
        ProgressBar bar = new ProgressBar(out, 1_000_000, "steps", now::get, false);
        for (int i = 0; i <= 12_000; i++) { // 120 s at 10 ms per update
            bar.update(i * 10L, "training");
            now.addAndGet(10 * MS);
        }
        bar.finish("end");
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, count(text, '\r'));
        long lines = count(text, '\n');
        assertTrue(lines >= 5 && lines <= 6, "first line, one per 30 s and the final one: " + lines);
    }

    @Test
    void etaFollowsRateChanges() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes), 100_000, "steps", now::get, true);
        long done = 0;
        for (int i = 0; i < 100; i++) { // fast phase: 1000 steps/s
            bar.update(done, "");
            done += 1000;
            now.addAndGet(1000 * MS);
        }
        for (int i = 0; i < 300; i++) { // slow phase: 10 steps/s for 300 s
            bar.update(done, "");
            done += 10;
            now.addAndGet(1000 * MS);
        }
        assertTrue(Math.abs(bar.rate() - 10) < 1, "rate tracks the recent speed: " + bar.rate());
    }

    /**
     * Issue 11: random collection runs at about 2,800 env steps/s, training at about 120; once training runs, the
     * ETA must come from training's rate, not from what is left of the collection's.
     */
    @Test
    void etaAfterTheCollectionPhaseUsesTheTrainingRate() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 100_000, "env steps",
                now::get, true);
        long done = 0;
        for (int i = 0; i < 100; i++) { // collect: 10 s at 2,800 steps/s
            bar.update(done, "collect", "collect");
            done += 280;
            now.addAndGet(100 * MS);
        }
        assertEquals(2800, bar.rate(), 1);
        now.addAndGet(30_000 * MS); // model pre-training: the env-step bar does not move
        for (int i = 0; i <= 100; i++) { // train: 10 s at 120 steps/s
            bar.update(done, "train", "train");
            done += 12;
            now.addAndGet(100 * MS);
        }
        done -= 12; // the last update reported 29,200 steps done
        assertEquals(29_200, done);
        assertEquals(120, bar.rate(), 0.5);
        assertEquals(70_800 / 120.0, bar.etaSeconds(), 5, "70,800 steps left at 120 steps/s");
        String text = bytes.toString(StandardCharsets.UTF_8);
        String last = text.substring(text.lastIndexOf('\r'));
        assertTrue(last.contains("120 env steps/s") && last.contains("ETA 9m5"), last);
    }

    @Test
    void aPhaseSeenBeforeResumesItsOwnRate() {
        AtomicLong now = new AtomicLong();
        ProgressBar bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream()), 10_000, "steps", now::get,
                true);
        long done = 0;
        for (int i = 0; i < 50; i++) { // a: 100 steps/s for 5 s
            bar.update(done, "a", "");
            done += 10;
            now.addAndGet(100 * MS);
        }
        for (int i = 0; i < 50; i++) { // b: 1,000 steps/s for 5 s
            bar.update(done, "b", "");
            done += 100;
            now.addAndGet(100 * MS);
        }
        assertEquals(1000, bar.rate(), 1);
        bar.update(done, "a", "");
        assertEquals(100, bar.rate(), 1, "back in phase a, its rate applies at once");
        assertEquals((10_000 - done) / 100.0, bar.etaSeconds(), 1);
    }

    @Test
    void formatsDurationsAndCounts() {
        assertEquals("42s", ProgressBar.duration(42));
        assertEquals("3m07s", ProgressBar.duration(187));
        assertEquals("2h05m", ProgressBar.duration(7500));
        assertEquals("3d04h", ProgressBar.duration(3 * 86400 + 4 * 3600));
        assertEquals("950", ProgressBar.count(950));
        assertEquals("12.3k", ProgressBar.count(12_300));
        assertEquals("1.50M", ProgressBar.count(1_500_000));
    }
}
