package slaclab.ui;

import javafx.application.Platform;

import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Measures how quickly the FX thread answers while training runs: every 100 ms a probe thread posts a task and
 * records how long it waited to run. The numbers (median, 99th percentile, max) are what "the UI stayed responsive"
 * means in milliseconds.
 */
public final class ResponsivenessProbe {
    /** Latency summary in milliseconds over the probes taken while the condition held. */
    public record Summary(int probes, double medianMs, double p99Ms, double maxMs) {
        @Override
        public String toString() {
            return probes == 0 ? "no probes while training"
                    : String.format("median %.1f ms, p99 %.1f ms, max %.1f ms over %d probes", medianMs, p99Ms, maxMs,
                    probes);
        }
    }

    private static final int CAPACITY = 100_000;
    private final double[] latencies = new double[CAPACITY];
    private int count;
    private ScheduledExecutorService timer;

    /** Starts probing; only probes posted while {@code counting} is true (read on the FX thread) are recorded. */
    public synchronized void start(BooleanSupplier counting) {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ui-probe");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            Platform.runLater(() -> {
                if (counting.getAsBoolean()) {
                    record((System.nanoTime() - posted) / 1e6);
                }
            });
        }, 100, 100, TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    private synchronized void record(double ms) {
        if (count < CAPACITY) {
            latencies[count++] = ms;
        }
    }

    public synchronized Summary summary() {
        if (count == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] s = Arrays.copyOf(latencies, count);
        Arrays.sort(s);
        return new Summary(count, s[count / 2], s[Math.min(count - 1, (int) Math.ceil(0.99 * count) - 1)],
                s[count - 1]);
    }
}
