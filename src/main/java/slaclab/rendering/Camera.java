package slaclab.rendering;

/**
 * A pinhole camera in MuJoCo's convention: it looks along its local -z axis, local +x points right and
 * local +y up in the image. The pose can be changed between frames (tracking cameras); the vertical
 * field of view is fixed (DeepMind Control uses 45 degrees). Images are square unless the caster says
 * otherwise, in which case the horizontal field follows from the aspect ratio.
 */
public final class Camera {
    /** DeepMind Control's vertical field of view in degrees (tasks.md). */
    public static final double DEFAULT_FOVY_DEGREES = 45;

    final double[] position = new double[3];
    final double[] right = {1, 0, 0};
    final double[] up = {0, 1, 0};
    /** Local +z: opposite to the viewing direction. */
    final double[] back = {0, 0, 1};
    private final double fovyDegrees;
    private final double[] scratch = new double[9];

    /** A camera at the origin looking down -z with the given vertical field of view. */
    public Camera(double fovyDegrees) {
        if (!(fovyDegrees > 0 && fovyDegrees < 180)) {
            throw new IllegalArgumentException("field of view must lie in (0, 180) degrees: " + fovyDegrees);
        }
        this.fovyDegrees = fovyDegrees;
    }

    public Camera() {
        this(DEFAULT_FOVY_DEGREES);
    }

    public double fovyDegrees() {
        return fovyDegrees;
    }

    public Camera setPosition(double x, double y, double z) {
        Vec3.set(position, x, y, z);
        return this;
    }

    /** MuJoCo's {@code xyaxes}: the image's right (x) and up (y) directions in world coordinates; y is orthogonalised. */
    public Camera setXyAxes(double xx, double xy, double xz, double yx, double yy, double yz) {
        Vec3.normalize(Vec3.set(right, xx, xy, xz));
        double d = yx * right[0] + yy * right[1] + yz * right[2];
        Vec3.normalize(Vec3.set(up, yx - d * right[0], yy - d * right[1], yz - d * right[2]));
        Vec3.cross(right, up, back);
        return this;
    }

    /** MuJoCo's {@code zaxis}: the camera's local +z (pointing backwards) given in world coordinates. */
    public Camera setZAxis(double zx, double zy, double zz) {
        double[] m = Rotation.fromZAxis(zx, zy, zz, scratch);
        Vec3.set(right, m[0], m[3], m[6]);
        Vec3.set(up, m[1], m[4], m[7]);
        Vec3.set(back, m[2], m[5], m[8]);
        return this;
    }

    /** Points the camera from its current position at a target, keeping {@code worldUp} upwards in the image. */
    public Camera lookAt(double tx, double ty, double tz, double upX, double upY, double upZ) {
        Vec3.normalize(Vec3.set(back, position[0] - tx, position[1] - ty, position[2] - tz));
        Vec3.set(up, upX, upY, upZ);
        Vec3.normalize(Vec3.cross(up, back, right));
        Vec3.cross(back, right, up);
        return this;
    }

    /** Copies the position into {@code out}. */
    public double[] position(double[] out) {
        return Vec3.set(out, position[0], position[1], position[2]);
    }

    /** Copies the viewing direction (local -z) into {@code out}. */
    public double[] forward(double[] out) {
        return Vec3.set(out, -back[0], -back[1], -back[2]);
    }
}
