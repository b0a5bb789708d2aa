package slaclab.environments;

/**
 * DeepMind Control's reward-shaping function (tasks.md, "The tolerance shaping function"):
 * 1 inside [lo, hi]; outside, with margin 0 it is 0, otherwise a sigmoid of d = distance to the nearest
 * bound / margin that equals {@code valueAtMargin} at d = 1.
 */
public final class Tolerance {
    /** DeepMind Control's default value at the margin. */
    public static final double DEFAULT_VALUE_AT_MARGIN = 0.1;

    public enum Sigmoid {
        /** exp(-0.5 (d s)^2) with s = sqrt(-2 ln v). */
        GAUSSIAN,
        /** max(0, 1 - d (1 - v)). */
        LINEAR,
        /** max(0, 1 - d^2 (1 - v)). */
        QUADRATIC
    }

    private Tolerance() {
    }

    /**
     * @param x             the value to score
     * @param lo            lower bound (may be -infinity)
     * @param hi            upper bound (may be +infinity), hi >= lo
     * @param margin        how far outside the bounds the value falls to {@code valueAtMargin}; >= 0
     * @param sigmoid       shape of the fall-off
     * @param valueAtMargin value at distance {@code margin}: in (0, 1) for gaussian, [0, 1) for linear and quadratic
     */
    public static double tolerance(double x, double lo, double hi, double margin, Sigmoid sigmoid,
                                   double valueAtMargin) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("lower bound must not exceed upper bound: " + lo + " > " + hi);
        }
        if (!(margin >= 0)) {
            throw new IllegalArgumentException("margin must be non-negative: " + margin);
        }
        boolean valid = sigmoid == Sigmoid.GAUSSIAN
                ? valueAtMargin > 0 && valueAtMargin < 1
                : valueAtMargin >= 0 && valueAtMargin < 1;
        if (!valid) {
            throw new IllegalArgumentException("value at margin out of range for " + sigmoid + ": " + valueAtMargin);
        }
        if (x >= lo && x <= hi) {
            return 1.0;
        }
        if (margin == 0) {
            return 0.0;
        }
        double d = (x < lo ? lo - x : x - hi) / margin;
        switch (sigmoid) {
            case GAUSSIAN: {
                double s = Math.sqrt(-2 * Math.log(valueAtMargin));
                return Math.exp(-0.5 * (d * s) * (d * s));
            }
            case LINEAR:
                return Math.max(0.0, 1 - d * (1 - valueAtMargin));
            case QUADRATIC:
                return Math.max(0.0, 1 - d * d * (1 - valueAtMargin));
            default:
                throw new AssertionError(sigmoid);
        }
    }

    /** Gaussian sigmoid with DeepMind Control's default value at the margin (0.1). */
    public static double tolerance(double x, double lo, double hi, double margin) {
        return tolerance(x, lo, hi, margin, Sigmoid.GAUSSIAN, DEFAULT_VALUE_AT_MARGIN);
    }
}
