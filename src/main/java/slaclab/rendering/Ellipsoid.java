package slaclab.rendering;

/** An axis-aligned (in the local frame) ellipsoid with semi-axes a, b, c. */
public final class Ellipsoid extends Primitive {
    private final double a;
    private final double b;
    private final double c;

    public Ellipsoid(double a, double b, double c, Rgb color) {
        super(color);
        if (!(a > 0 && b > 0 && c > 0)) {
            throw new IllegalArgumentException("semi-axes must be positive");
        }
        this.a = a;
        this.b = b;
        this.c = c;
    }

    @Override
    public double intersect(double ox, double oy, double oz, double dx, double dy, double dz, double tMin) {
        // scale space so that the ellipsoid becomes the unit sphere
        double sx = ox / a, sy = oy / b, sz = oz / c;
        double ex = dx / a, ey = dy / b, ez = dz / c;
        double qa = ex * ex + ey * ey + ez * ez;
        return firstRoot((sx * ex + sy * ey + sz * ez) / qa, (sx * sx + sy * sy + sz * sz - 1) / qa, tMin);
    }

    @Override
    public void normal(double px, double py, double pz, double[] out) {
        double nx = px / (a * a), ny = py / (b * b), nz = pz / (c * c);
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        Vec3.set(out, nx / len, ny / len, nz / len);
    }

    @Override
    public void boundingBox(double[] halfSizes) {
        Vec3.set(halfSizes, a, b, c);
    }

    @Override
    public double boundingRadius() {
        return Math.max(a, Math.max(b, c));
    }
}
