package slaclab.rendering;

/** A sphere of the given radius centred at the local origin. */
public final class Sphere extends Primitive {
    private final double radius;

    public Sphere(double radius, Rgb color) {
        super(color);
        if (!(radius > 0)) {
            throw new IllegalArgumentException("radius must be positive: " + radius);
        }
        this.radius = radius;
    }

    @Override
    public double intersect(double ox, double oy, double oz, double dx, double dy, double dz, double tMin) {
        return firstRoot(ox * dx + oy * dy + oz * dz, ox * ox + oy * oy + oz * oz - radius * radius, tMin);
    }

    @Override
    public void normal(double px, double py, double pz, double[] out) {
        Vec3.set(out, px / radius, py / radius, pz / radius);
    }

    @Override
    public void boundingBox(double[] halfSizes) {
        Vec3.set(halfSizes, radius, radius, radius);
    }

    @Override
    public double boundingRadius() {
        return radius;
    }
}
