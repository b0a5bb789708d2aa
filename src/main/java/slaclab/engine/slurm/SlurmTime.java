package slaclab.engine.slurm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Slurm's time-limit formats ({@code sbatch --time}), and when before the limit a task is warned to save. */
public final class SlurmTime {
    /** minutes | minutes:seconds | hours:minutes:seconds | days-hours | days-hours:minutes | days-hours:minutes:seconds */
    private static final Pattern FORMAT = Pattern.compile("(?:(\\d+)-)?(\\d+)(?::(\\d+))?(?::(\\d+))?");
    /** The longest warning: a paper-sized checkpoint (agent and a 100k-step replay buffer) on a network disk. */
    static final int MAX_WARNING_SECONDS = 300;
    /** Slurm delivers --signal with up to a minute's delay, so less is no use. */
    static final int MIN_WARNING_SECONDS = 60;

    private SlurmTime() {
    }

    /** The limit in seconds; throws with the formats Slurm takes when {@code time} is none of them. */
    public static long seconds(String time) {
        Matcher m = FORMAT.matcher(time.trim());
        if (!m.matches() || time.trim().equals("0")) {
            throw new IllegalArgumentException("--time '" + time + "' is not a Slurm time limit; write minutes (90),"
                    + " hours:minutes:seconds (4:00:00) or days-hours[:minutes[:seconds]] (1-12)");
        }
        long a = Long.parseLong(m.group(2));
        Long b = m.group(3) == null ? null : Long.parseLong(m.group(3));
        Long c = m.group(4) == null ? null : Long.parseLong(m.group(4));
        if (m.group(1) != null) {   // days-hours[:minutes[:seconds]]
            long days = Long.parseLong(m.group(1));
            return days * 86400 + a * 3600 + (b == null ? 0 : b * 60) + (c == null ? 0 : c);
        }
        if (c != null) {
            return a * 3600 + b * 60 + c;
        }
        return b != null ? a * 60 + b : a * 60;
    }

    /**
     * How long before the time limit a task is told to save: a tenth of the limit, at least a minute and at most
     * five (no limit given: five).
     */
    public static int warningSeconds(java.util.Optional<String> time) {
        if (time.isEmpty()) {
            return MAX_WARNING_SECONDS;
        }
        long tenth = seconds(time.get()) / 10;
        return (int) Math.max(MIN_WARNING_SECONDS, Math.min(MAX_WARNING_SECONDS, tenth));
    }
}
