package slaclab.rendering;

/** A closed cylinder of the given radius along local z from -halfLength to +halfLength. */
public final class Cylinder extends Primitive {
    private final double radius;
    private final double halfLength;

    public Cylinder(double radius, double halfLength, Rgb color) {
        super(color);
        if (!(radius > 0 && halfLength > 0)) {
            throw new IllegalArgumentException("radius and half length must be positive");
        }
        this.radius = radius;
        this.halfLength = halfLength;
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
        if (dz > 1e-18 || dz < -1e-18) {
            for (int sign = -1; sign <= 1; sign += 2) {
                double t = (sign * halfLength - oz) / dz;
                if (t > tMin && t < best) {
                    double x = ox + t * dx, y = oy + t * dy;
                    if (x * x + y * y <= r2) {
                        best = t;
                    }
                }
            }
        }
        return best;
    }

    @Override
    public void normal(double px, double py, double pz, double[] out) {
        double rho = Math.sqrt(px * px + py * py);
        double toCap = halfLength - Math.abs(pz);
        double toSide = radius - rho;
        if (toCap < toSide || rho < 1e-12) {
            Vec3.set(out, 0, 0, pz >= 0 ? 1 : -1);
        } else {
            Vec3.set(out, px / rho, py / rho, 0);
        }
    }

    @Override
    public void boundingBox(double[] halfSizes) {
        Vec3.set(halfSizes, radius, radius, halfLength);
    }

    @Override
    void boundingCapsule(double[] out) {
        out[0] = 2;
        out[1] = halfLength;
        out[2] = radius;
    }

    @Override
    public double boundingRadius() {
        return Math.sqrt(radius * radius + halfLength * halfLength);
    }
}
