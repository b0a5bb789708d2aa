package slaclab.rendering;

/**
 * Static helpers for 3x3 rotation matrices stored row-major in {@code double[9]}, MuJoCo's xmat
 * convention: world = R * local, so the columns of R are the local axes expressed in world coordinates.
 */
public final class Rotation {
    private Rotation() {
    }

    public static double[] identity(double[] m) {
        return set(m, 1, 0, 0, 0, 1, 0, 0, 0, 1);
    }

    public static double[] set(double[] m, double m00, double m01, double m02, double m10, double m11,
                               double m12, double m20, double m21, double m22) {
        m[0] = m00;
        m[1] = m01;
        m[2] = m02;
        m[3] = m10;
        m[4] = m11;
        m[5] = m12;
        m[6] = m20;
        m[7] = m21;
        m[8] = m22;
        return m;
    }

    /** Rotation by {@code angle} radians about the unit axis (ax, ay, az) (Rodrigues). */
    public static double[] aboutAxis(double ax, double ay, double az, double angle, double[] m) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double k = 1 - c;
        return set(m,
                c + ax * ax * k, ax * ay * k - az * s, ax * az * k + ay * s,
                ay * ax * k + az * s, c + ay * ay * k, ay * az * k - ax * s,
                az * ax * k - ay * s, az * ay * k + ax * s, c + az * az * k);
    }

    public static double[] aboutX(double angle, double[] m) {
        return aboutAxis(1, 0, 0, angle, m);
    }

    /** About +y: maps local +z to (sin a, 0, cos a), i.e. a MuJoCo hinge with axis "0 1 0". */
    public static double[] aboutY(double angle, double[] m) {
        return aboutAxis(0, 1, 0, angle, m);
    }

    public static double[] aboutZ(double angle, double[] m) {
        return aboutAxis(0, 0, 1, angle, m);
    }

    /** The minimal rotation taking local +z onto the direction (zx, zy, zz) (MuJoCo's "zaxis"); need not be unit. */
    public static double[] fromZAxis(double zx, double zy, double zz, double[] m) {
        double len = Math.sqrt(zx * zx + zy * zy + zz * zz);
        if (!(len > 1e-12)) {
            throw new IllegalArgumentException("zero-length z axis");
        }
        zx /= len;
        zy /= len;
        zz /= len;
        // axis = (0,0,1) x z = (-zy, zx, 0), sin = |axis|, cos = zz
        double s = Math.sqrt(zx * zx + zy * zy);
        if (s < 1e-12) {
            return zz > 0 ? identity(m) : set(m, 1, 0, 0, 0, -1, 0, 0, 0, -1);
        }
        return aboutAxis(-zy / s, zx / s, 0, Math.atan2(s, zz), m);
    }

    /** out = a * b; {@code out} may not alias a or b. */
    public static double[] multiply(double[] a, double[] b, double[] out) {
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                out[3 * r + c] = a[3 * r] * b[c] + a[3 * r + 1] * b[3 + c] + a[3 * r + 2] * b[6 + c];
            }
        }
        return out;
    }
}
