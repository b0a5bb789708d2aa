package slaclab.engine;

/**
 * One frame of an imagination: what the learned model dreams and what the real environment shows after the same
 * actions from the same state.
 *
 * @param step   0 for the start (the posterior's frame), then one per action
 * @param action the action that led here (null at the start)
 * @param dream  the decoded prior frame, 64x64 HWC RGB bytes (at the start: the decoded posterior sample)
 * @param truth  the real environment's frame after the same actions, 64x64 HWC RGB bytes
 * @param error  the per-pixel mean squared error between dream and truth, with pixel values in [0, 1]
 * @param ended  true once the real episode has ended (the truth frame then stays the last one)
 */
public record ImaginedFrame(int step, float[] action, byte[] dream, byte[] truth, double error, boolean ended) {
    /** Mean squared error per channel value of two HWC RGB byte frames, values scaled to [0, 1]. */
    public static double imageError(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("frames of " + a.length + " and " + b.length + " bytes");
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = ((a[i] & 0xff) - (b[i] & 0xff)) / 255.0;
            sum += d * d;
        }
        return sum / a.length;
    }
}
