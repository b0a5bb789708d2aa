package slaclab.rendering;

/** Static 3-vector helpers on {@code double[3]} arrays (no allocation). */
public final class Vec3 {
    private Vec3() {
    }

    public static double[] set(double[] out, double x, double y, double z) {
        out[0] = x;
        out[1] = y;
        out[2] = z;
        return out;
    }

    public static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    public static double length(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** out = a x b; {@code out} may not alias a or b. */
    public static double[] cross(double[] a, double[] b, double[] out) {
        double x = a[1] * b[2] - a[2] * b[1];
        double y = a[2] * b[0] - a[0] * b[2];
        double z = a[0] * b[1] - a[1] * b[0];
        return set(out, x, y, z);
    }

    /** out = a - b (aliasing allowed). */
    public static double[] sub(double[] a, double[] b, double[] out) {
        return set(out, a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    }

    /** out = a + s b (aliasing allowed). */
    public static double[] addScaled(double[] a, double s, double[] b, double[] out) {
        return set(out, a[0] + s * b[0], a[1] + s * b[1], a[2] + s * b[2]);
    }

    /** Normalizes {@code a} in place; throws if it has (near) zero length. */
    public static double[] normalize(double[] a) {
        double len = length(a);
        if (!(len > 1e-12)) {
            throw new IllegalArgumentException("cannot normalize a zero-length vector");
        }
        return set(a, a[0] / len, a[1] / len, a[2] / len);
    }
}
