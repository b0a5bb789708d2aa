package slaclab.rendering;

/**
 * A capsule: a cylinder of the given radius along local z from -halfLength to +halfLength with hemispherical caps.
 * {@link #setSegment} re-shapes it between two points each frame (a tendon's straight pieces).
 */
public final class Capsule extends Primitive {
    private final double radius;
    private double halfLength;

    public Capsule(double radius, double halfLength, Rgb color) {
        super(color);
        if (!(radius > 0 && halfLength >= 0)) {
            throw new IllegalArgumentException("radius must be positive and half length non-negative");
        }
        this.radius = radius;
        this.halfLength = halfLength;
    }

    /** Stretches the capsule from point a to point b (world coordinates), keeping its radius. */
    public Capsule setSegment(double ax, double ay, double az, double bx, double by, double bz) {
        double dx = bx - ax, dy = by - ay, dz = bz - az;
        double length = Math.sqrt(dx * dx + dy * dy + dz * dz);
        halfLength = length / 2;
        if (length > 1e-12) {
            setFromTo(ax, ay, az, bx, by, bz);
        } else {
            setPosition(ax, ay, az);
        }
        return this;
    }

    @Override
    public double intersect(double ox, double oy, double oz, double dx, double dy, double dz, double tMin) {
        double best = MISS;
        double r2 = radius * radius;
        double a = dx * dx + dy * dy;
        if (a > 1e-18) {
            double t = firstRoot((ox * dx + oy * dy) / a, (ox * ox + oy * oy - r2) / a, tMin);
            if (t != MISS) {
                double z = oz + t * dz;
                if (z >= -halfLength && z <= halfLength) {
                    best = t;
                }
            }
        }
        // the two caps (whole spheres: any part inside the cylinder is behind the side hit anyway)
        double b = ox * dx + oy * dy;
        double base = ox * ox + oy * oy - r2;
        double ozt = oz - halfLength;
        double t = firstRoot(b + ozt * dz, base + ozt * ozt, tMin);
        if (t < best) {
            best = t;
        }
        double ozb = oz + halfLength;
        t = firstRoot(b + ozb * dz, base + ozb * ozb, tMin);
        return t < best ? t : best;
    }

    @Override
    public void normal(double px, double py, double pz, double[] out) {
        double cz = pz > halfLength ? halfLength : (pz < -halfLength ? -halfLength : pz);
        Vec3.set(out, px / radius, py / radius, (pz - cz) / radius);
    }

    @Override
    public void boundingBox(double[] halfSizes) {
        Vec3.set(halfSizes, radius, radius, radius + halfLength);
    }

    @Override
    void boundingCapsule(double[] out) {
        out[0] = 2;
        out[1] = halfLength;
        out[2] = radius;
    }

    @Override
    public double boundingRadius() {
        return radius + halfLength;
    }
}
