package slaclab.rendering;

/**
 * The local z = 0 plane facing +z, with a checker texture of square size {@code check} metres in the
 * local x-y coordinates (DeepMind Control's "grid" floor). Half sizes of 0 make it infinite; otherwise
 * it is the rectangle |x| <= halfX, |y| <= halfY (MuJoCo's plane "size"). Planes cast no shadows.
 */
public final class Plane extends Primitive {
    private final double halfX;
    private final double halfY;
    private final double check;
    private final double inverseCheck;
    private final double r2;
    private final double g2;
    private final double b2;

    public Plane(double halfX, double halfY, double check, Rgb color1, Rgb color2) {
        super(color1);
        if (!(halfX >= 0 && halfY >= 0 && check > 0)) {
            throw new IllegalArgumentException("plane half sizes must be >= 0 and the check size positive");
        }
        this.halfX = halfX;
        this.halfY = halfY;
        this.check = check;
        this.inverseCheck = 1 / check; // exact for power-of-two checks such as DeepMind Control's 0.5 m
        this.r2 = color2.r();
        this.g2 = color2.g();
        this.b2 = color2.b();
    }

    /** DeepMind Control's floor: checker (.1,.2,.3)/(.2,.3,.4) with 0.5 m squares (texrepeat 1 per metre, 2x2 checks). */
    public static Plane floor(double halfX, double halfY) {
        return new Plane(halfX, halfY, 0.5, Palette.FLOOR_1, Palette.FLOOR_2);
    }

    @Override
    public double intersect(double ox, double oy, double oz, double dx, double dy, double dz, double tMin) {
        if (dz < 1e-18 && dz > -1e-18) {
            return MISS;
        }
        double t = -oz / dz;
        if (!(t > tMin)) {
            return MISS;
        }
        if (halfX > 0 && Math.abs(ox + t * dx) > halfX) {
            return MISS;
        }
        if (halfY > 0 && Math.abs(oy + t * dy) > halfY) {
            return MISS;
        }
        return t;
    }

    @Override
    public void normal(double px, double py, double pz, double[] out) {
        Vec3.set(out, 0, 0, 1);
    }

    @Override
    public double boundingRadius() {
        return halfX > 0 && halfY > 0 ? Math.sqrt(halfX * halfX + halfY * halfY) : Double.POSITIVE_INFINITY;
    }

    @Override
    public void boundingBox(double[] halfSizes) {
        double inf = Double.POSITIVE_INFINITY;
        Vec3.set(halfSizes, halfX > 0 ? halfX : inf, halfY > 0 ? halfY : inf, 0);
    }

    @Override
    public boolean castsShadow() {
        return false;
    }

    @Override
    long textureCell(double px, double py, double pz) {
        long ix = (long) Math.floor(px * inverseCheck);
        long iy = (long) Math.floor(py * inverseCheck);
        return (ix << 32) ^ (iy & 0xffffffffL);
    }

    @Override
    public void albedo(double px, double py, double pz, double[] out) {
        long ix = (long) Math.floor(px * inverseCheck);
        long iy = (long) Math.floor(py * inverseCheck);
        if (((ix + iy) & 1L) == 0) {
            super.albedo(px, py, pz, out);
        } else {
            Vec3.set(out, r2, g2, b2);
        }
    }
}
