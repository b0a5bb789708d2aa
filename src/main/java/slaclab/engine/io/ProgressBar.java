package slaclab.engine.io;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A one-line terminal progress display: percent, bar, done/total, rate, ETA and a status text. On a terminal it
 * redraws in place with '\r' at most about four times a second; otherwise (logs, pipes) it prints a plain line at
 * most every 30 seconds. The rate, and the ETA from it, is that of the current phase (random collection at thousands
 * of steps per second, then training at a hundred or so): each phase keeps its own rate, measured only while it
 * runs and smoothed over roughly its last 20 seconds, so time spent in another phase never counts.
 */
public final class ProgressBar {
    /** Beyond this an estimate means nothing: the counted work is paused. */
    private static final double STALLED_SECONDS = 30 * 86400.0;
    static final long REDRAW_NANOS = 250_000_000L;
    static final long PLAIN_NANOS = 30_000_000_000L;
    private static final long RATE_SAMPLE_NANOS = 200_000_000L;
    private static final double RATE_TAU_SECONDS = 20.0;
    private static final int BAR_WIDTH = 24;

    private final PrintStream out;
    private final long total;
    private final String unit;
    private final LongSupplier clock;
    private final boolean interactive;

    private boolean started;
    private long startNanos;
    private long lastDrawNanos;
    private long sampleNanos;
    private long sampleDone;
    private String phase;
    private final Map<String, Double> rates = new HashMap<>();
    private long done;
    private int lastLength;
    private boolean finished;

    /** Progress towards {@code total} units (total <= 0: unknown), detecting a terminal via System.console(). */
    public ProgressBar(PrintStream out, long total, String unit) {
        this(out, total, unit, System::nanoTime, System.console() != null);
    }

    /** For tests and embedding: an explicit nanosecond clock and terminal mode. */
    public ProgressBar(PrintStream out, long total, String unit, LongSupplier nanoClock, boolean interactive) {
        this.out = out;
        this.total = total;
        this.unit = unit;
        this.clock = nanoClock;
        this.interactive = interactive;
    }

    /** Records progress in a bar with a single phase; redraws only if enough time has passed since the last draw. */
    public synchronized void update(long done, String status) {
        update(done, null, status);
    }

    /**
     * Records progress made in {@code phase} (e.g. "collect", "train"); the rate and ETA shown are that phase's. On a
     * change of phase the measurement restarts, and a phase seen before resumes its own rate.
     */
    public synchronized void update(long done, String phase, String status) {
        long now = clock.getAsLong();
        this.done = done;
        if (!started) {
            started = true;
            startNanos = now;
            enterPhase(phase, now, done);
            draw(now, status, false);
            return;
        }
        if (Objects.equals(phase, this.phase)) {
            sampleRate(now, done);
        } else {
            enterPhase(phase, now, done);
        }
        if (now - lastDrawNanos >= (interactive ? REDRAW_NANOS : PLAIN_NANOS)) {
            draw(now, status, false);
        }
    }

    /** Draws the final state and ends the line. Further calls do nothing. */
    public synchronized void finish(String status) {
        if (finished) {
            return;
        }
        long now = clock.getAsLong();
        if (!started) {
            started = true;
            startNanos = now;
        }
        sampleRate(now, done);
        draw(now, status, true);
        finished = true;
    }

    /** Smoothed units per second of the current phase, NaN until measured. */
    public synchronized double rate() {
        return rates.getOrDefault(phase, Double.NaN);
    }

    /** Seconds to reach the total at the current phase's rate, NaN when unknown. */
    public synchronized double etaSeconds() {
        double rate = rate();
        if (total <= 0 || !(rate > 0)) {
            return Double.NaN;
        }
        double eta = Math.max(0, total - done) / rate;
        return eta > STALLED_SECONDS ? Double.NaN : eta;  // the counted work has stalled (another phase runs)
    }

    /** The next rate sample starts here: the time spent in the previous phase does not count for this one. */
    private void enterPhase(String next, long now, long doneNow) {
        phase = next;
        sampleNanos = now;
        sampleDone = doneNow;
    }

    private void sampleRate(long now, long doneNow) {
        long dt = now - sampleNanos;
        if (dt < RATE_SAMPLE_NANOS) {
            return;
        }
        double seconds = dt / 1e9;
        double instant = (doneNow - sampleDone) / seconds;
        double rate = rate();
        if (Double.isNaN(rate)) {
            rate = instant;
        } else {
            double alpha = 1.0 - Math.exp(-seconds / RATE_TAU_SECONDS);
            rate += alpha * (instant - rate);
        }
        rates.put(phase, rate);
        sampleNanos = now;
        sampleDone = doneNow;
    }

    private void draw(long now, String status, boolean last) {
        lastDrawNanos = now;
        String line = line(now, status, last);
        if (interactive) {
            int pad = Math.max(0, lastLength - line.length());
            out.print("\r" + line + " ".repeat(pad));
            if (last) {
                out.println();
            }
            lastLength = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** The text of one progress line (without '\r'). */
    String line(long now, String status, boolean last) {
        StringBuilder sb = new StringBuilder();
        if (total > 0) {
            double fraction = Math.min(1.0, Math.max(0.0, (double) done / total));
            sb.append(String.format(Locale.ROOT, "%5.1f%% ", 100 * fraction));
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            sb.append('[').append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled)).append("] ");
            sb.append(count(done)).append('/').append(count(total));
        } else {
            sb.append(count(done));
        }
        sb.append(' ').append(unit);
        double rate = rate();
        if (rate > 0) {
            sb.append("  ").append(rateText(rate)).append(' ').append(unit).append("/s");
        }
        if (last) {
            sb.append("  done in ").append(duration((now - startNanos) / 1e9));
        } else {
            double eta = etaSeconds();
            if (!Double.isNaN(eta)) {
                sb.append("  ETA ").append(duration(eta));
            }
        }
        if (status != null && !status.isEmpty()) {
            sb.append("  | ").append(status);
        }
        return sb.toString();
    }

    /** Compact count: 950, 12.3k, 1.50M. */
    static String count(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String rateText(double r) {
        return r >= 100 ? count(r) : String.format(Locale.ROOT, r >= 10 ? "%.1f" : "%.2f", r);
    }

    /** Durations: 42s, 3m07s, 2h05m, 3d04h. */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(Math.max(0, seconds));
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 86400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86400, (s % 86400) / 3600);
    }
}
