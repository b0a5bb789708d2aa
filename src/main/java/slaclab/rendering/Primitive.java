package slaclab.rendering;

/**
 * A geometric primitive with a world pose and a colour. Geometry is defined in the primitive's local
 * frame (centred at the origin, symmetric axis along local z); the pose maps local to world:
 * world = position + rotation * local, with rotation row-major as MuJoCo's geom_xmat.
 * Poses may change every frame; shape sizes are fixed at construction (except {@link Capsule#setSegment}).
 * An invisible primitive is skipped entirely (no pixels, no shadow).
 */
public abstract class Primitive {
    /** No intersection. */
    public static final double MISS = Double.POSITIVE_INFINITY;

    final double[] position = new double[3];
    final double[] rotation = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    private double red;
    private double green;
    private double blue;
    private boolean visible = true;

    protected Primitive(Rgb color) {
        setColor(color);
    }

    public final Primitive setColor(Rgb color) {
        red = color.r();
        green = color.g();
        blue = color.b();
        return this;
    }

    public final Primitive setVisible(boolean visible) {
        this.visible = visible;
        return this;
    }

    public final boolean isVisible() {
        return visible;
    }

    public final Primitive setPosition(double x, double y, double z) {
        Vec3.set(position, x, y, z);
        return this;
    }

    /** Copies a row-major 3x3 rotation (world = R * local) starting at {@code offset}. */
    public final Primitive setRotation(double[] matrix, int offset) {
        System.arraycopy(matrix, offset, rotation, 0, 9);
        return this;
    }

    public final Primitive setRotation(double[] matrix) {
        return setRotation(matrix, 0);
    }

    /** Sets the pose from MuJoCo-style arrays, e.g. {@code geom_xpos} (3 per geom) and {@code geom_xmat} (9 per geom). */
    public final Primitive setPose(double[] positions, int positionOffset, double[] matrices, int matrixOffset) {
        setPosition(positions[positionOffset], positions[positionOffset + 1], positions[positionOffset + 2]);
        return setRotation(matrices, matrixOffset);
    }

    /** Places the primitive's centre midway between two points with its local z along a -> b (MuJoCo "fromto"). */
    public final Primitive setFromTo(double ax, double ay, double az, double bx, double by, double bz) {
        setPosition((ax + bx) / 2, (ay + by) / 2, (az + bz) / 2);
        Rotation.fromZAxis(bx - ax, by - ay, bz - az, rotation);
        return this;
    }

    /** Copies the world position into {@code out}. */
    public final double[] position(double[] out) {
        return Vec3.set(out, position[0], position[1], position[2]);
    }

    /** Copies the rotation into {@code out}. */
    public final double[] rotation(double[] out) {
        System.arraycopy(rotation, 0, out, 0, 9);
        return out;
    }

    /**
     * Smallest ray parameter t > tMin at which the local ray o + t d (d of unit length) meets the surface,
     * or {@link #MISS}.
     */
    public abstract double intersect(double ox, double oy, double oz, double dx, double dy, double dz, double tMin);

    /** Writes the outward unit normal at the local surface point p into {@code out} (local frame). */
    public abstract void normal(double px, double py, double pz, double[] out);

    /** Radius of a local-origin-centred sphere enclosing the shape; infinite for unbounded shapes. */
    public abstract double boundingRadius();

    /** Writes the half sizes of a local-origin-centred, local-axis-aligned box enclosing the shape (may be infinite). */
    public abstract void boundingBox(double[] halfSizes);

    /**
     * A local capsule enclosing the shape, for culling: {@code out} = {axis (0, 1 or 2), half length of its
     * segment along that local axis, radius}. By default the bounding sphere (a zero-length segment).
     */
    void boundingCapsule(double[] out) {
        out[0] = 2;
        out[1] = 0;
        out[2] = boundingRadius();
    }

    /** Whether the shape can block the light (unbounded floors do not). */
    public boolean castsShadow() {
        return true;
    }

    /** Surface colour at the local point p; plain colour unless textured. */
    public void albedo(double px, double py, double pz, double[] out) {
        out[0] = red;
        out[1] = green;
        out[2] = blue;
    }

    /**
     * Which texture cell the local point p lies in; two points in the same cell of a primitive get the same
     * albedo. Untextured shapes have one cell (0). Used by adaptive anti-aliasing: a convex patch whose corners
     * share a cell has that cell's albedo throughout.
     */
    long textureCell(double px, double py, double pz) {
        return 0;
    }

    /** Both roots of t^2 + 2 b t + c = 0, the first one above tMin, or MISS. */
    static double firstRoot(double b, double c, double tMin) {
        double disc = b * b - c;
        if (disc < 0) {
            return MISS;
        }
        double s = Math.sqrt(disc);
        double t = -b - s;
        if (t > tMin) {
            return t;
        }
        t = -b + s;
        return t > tMin ? t : MISS;
    }
}
