package slaclab.rendering;

/** A box with half sizes (hx, hy, hz) along the local axes (MuJoCo's box "size"). */
public final class Box extends Primitive {
    private final double hx;
    private final double hy;
    private final double hz;

    public Box(double hx, double hy, double hz, Rgb color) {
        super(color);
        if (!(hx > 0 && hy > 0 && hz > 0)) {
            throw new IllegalArgumentException("half sizes must be positive");
        }
        this.hx = hx;
        this.hy = hy;
        this.hz = hz;
    }

    @Override
    public double intersect(double ox, double oy, double oz, double dx, double dy, double dz, double tMin) {
        double near = Double.NEGATIVE_INFINITY;
        double far = Double.POSITIVE_INFINITY;
        // slab x
        if (dx > 1e-18 || dx < -1e-18) {
            double t1 = (-hx - ox) / dx, t2 = (hx - ox) / dx;
            near = Math.max(near, Math.min(t1, t2));
            far = Math.min(far, Math.max(t1, t2));
        } else if (ox < -hx || ox > hx) {
            return MISS;
        }
        if (dy > 1e-18 || dy < -1e-18) {
            double t1 = (-hy - oy) / dy, t2 = (hy - oy) / dy;
            near = Math.max(near, Math.min(t1, t2));
            far = Math.min(far, Math.max(t1, t2));
        } else if (oy < -hy || oy > hy) {
            return MISS;
        }
        if (dz > 1e-18 || dz < -1e-18) {
            double t1 = (-hz - oz) / dz, t2 = (hz - oz) / dz;
            near = Math.max(near, Math.min(t1, t2));
            far = Math.min(far, Math.max(t1, t2));
        } else if (oz < -hz || oz > hz) {
            return MISS;
        }
        if (near > far) {
            return MISS;
        }
        if (near > tMin) {
            return near;
        }
        return far > tMin ? far : MISS;
    }

    @Override
    public void normal(double px, double py, double pz, double[] out) {
        double ax = Math.abs(px) / hx, ay = Math.abs(py) / hy, az = Math.abs(pz) / hz;
        if (ax >= ay && ax >= az) {
            Vec3.set(out, px >= 0 ? 1 : -1, 0, 0);
        } else if (ay >= az) {
            Vec3.set(out, 0, py >= 0 ? 1 : -1, 0);
        } else {
            Vec3.set(out, 0, 0, pz >= 0 ? 1 : -1);
        }
    }

    @Override
    public void boundingBox(double[] halfSizes) {
        Vec3.set(halfSizes, hx, hy, hz);
    }

    @Override
    void boundingCapsule(double[] out) { // along the longest axis, around the cross-section's diagonal
        if (hx >= hy && hx >= hz) {
            out[0] = 0;
            out[1] = hx;
            out[2] = Math.sqrt(hy * hy + hz * hz);
        } else if (hy >= hz) {
            out[0] = 1;
            out[1] = hy;
            out[2] = Math.sqrt(hx * hx + hz * hz);
        } else {
            out[0] = 2;
            out[1] = hz;
            out[2] = Math.sqrt(hx * hx + hy * hy);
        }
    }

    @Override
    public double boundingRadius() {
        return Math.sqrt(hx * hx + hy * hy + hz * hz);
    }
}
