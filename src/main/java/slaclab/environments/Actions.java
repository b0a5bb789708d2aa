package slaclab.environments;

/** Action checks shared by the pure-Java tasks (tasks.md: actions lie in [-1, 1], clipped). */
final class Actions {
    private Actions() {
    }

    /** Throws unless {@code action} has {@code dim} finite components. */
    static void check(double[] action, int dim) {
        if (action == null || action.length != dim) {
            throw new IllegalArgumentException("action must have " + dim + " component(s), got "
                    + (action == null ? "null" : action.length));
        }
        for (double a : action) {
            if (!Double.isFinite(a)) {
                throw new IllegalArgumentException("action components must be finite, got " + a);
            }
        }
    }

    static double clip(double a) {
        return a < -1 ? -1 : (a > 1 ? 1 : a);
    }
}
