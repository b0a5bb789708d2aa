package slaclab.rendering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Ray-shape intersections and normals in the local frame, against hand-computed values. */
class PrimitiveTest {
    private static final double EPS = 1e-9;
    private static final double MISS = Primitive.MISS;
    private static final Rgb C = Palette.BODY;

    @Test
    void sphere() {
        Sphere s = new Sphere(0.5, C);
        assertEquals(1.5, s.intersect(0, -2, 0, 0, 1, 0, 0), EPS);
        assertEquals(MISS, s.intersect(0.6, -2, 0, 0, 1, 0, 0));
        assertEquals(MISS, s.intersect(0, -2, 0, 0, -1, 0, 0), "behind the origin");
        assertEquals(0.5, s.intersect(0, 0, 0, 0, 1, 0, 0), EPS, "from inside: the exit");
        double[] n = new double[3];
        s.normal(0, -0.5, 0, n);
        assertArrayEquals(new double[] {0, -1, 0}, n, EPS);
    }

    @Test
    void capsuleSideAndCaps() {
        Capsule c = new Capsule(0.1, 1, C);
        assertEquals(1.9, c.intersect(0, -2, 0.5, 0, 1, 0, 0), EPS); // side
        assertEquals(1.9, c.intersect(0, 0, 3, 0, 0, -1, 0), EPS);   // top cap: z = 1 + 0.1
        assertEquals(1.9, c.intersect(0, 0, -3, 0, 0, 1, 0), EPS);   // bottom cap
        assertEquals(MISS, c.intersect(0, -2, 1.2, 0, 1, 0, 0));     // above the cap
        double[] n = new double[3];
        c.normal(0, 0, 1.1, n);
        assertArrayEquals(new double[] {0, 0, 1}, n, EPS);
        c.normal(0.1, 0, 0.3, n);
        assertArrayEquals(new double[] {1, 0, 0}, n, EPS);
    }

    @Test
    void cylinderSideAndFlatCaps() {
        Cylinder c = new Cylinder(0.2, 0.5, C);
        assertEquals(1.8, c.intersect(-2, 0, 0, 1, 0, 0, 0), EPS);
        assertEquals(2.5, c.intersect(0.1, 0, 3, 0, 0, -1, 0), EPS);
        assertEquals(MISS, c.intersect(0.3, 0, 3, 0, 0, -1, 0));
        double[] n = new double[3];
        c.normal(0.05, 0, 0.5, n);
        assertArrayEquals(new double[] {0, 0, 1}, n, EPS);
        c.normal(0, -0.2, 0.1, n);
        assertArrayEquals(new double[] {0, -1, 0}, n, EPS);
    }

    @Test
    void box() {
        Box b = new Box(0.2, 0.15, 0.1, C);
        assertEquals(3.85, b.intersect(0, -4, 0, 0, 1, 0, 0), EPS);
        assertEquals(0.9, b.intersect(0, 0, 1, 0, 0, -1, 0), EPS);
        assertEquals(MISS, b.intersect(0.25, -4, 0, 0, 1, 0, 0));
        double inv = 1 / Math.sqrt(2);
        assertEquals(MISS, b.intersect(-1, -1, 0.5, inv, inv, 0, 0));
        double[] n = new double[3];
        b.normal(0.1, -0.15, 0.05, n);
        assertArrayEquals(new double[] {0, -1, 0}, n, EPS);
    }

    @Test
    void ellipsoid() {
        Ellipsoid e = new Ellipsoid(1, 2, 0.5, C);
        assertEquals(3, e.intersect(0, -5, 0, 0, 1, 0, 0), EPS);
        assertEquals(4.5, e.intersect(0, 0, 5, 0, 0, -1, 0), EPS);
        double[] n = new double[3];
        e.normal(0, 0, 0.5, n);
        assertArrayEquals(new double[] {0, 0, 1}, n, EPS);
    }

    @Test
    void checkerPlane() {
        Plane p = new Plane(0, 0, 0.5, Palette.FLOOR_1, Palette.FLOOR_2);
        assertEquals(2, p.intersect(0, 0, 2, 0, 0, -1, 0), EPS);
        assertEquals(MISS, p.intersect(0, 0, 2, 1, 0, 0, 0));
        double[] c = new double[3];
        p.albedo(0.1, 0.1, 0, c);
        assertArrayEquals(new double[] {.1, .2, .3}, c, EPS);
        p.albedo(0.6, 0.1, 0, c);
        assertArrayEquals(new double[] {.2, .3, .4}, c, EPS);
        p.albedo(-0.1, 0.1, 0, c);
        assertArrayEquals(new double[] {.2, .3, .4}, c, EPS);
        p.albedo(-0.6, -0.1, 0, c);
        assertArrayEquals(new double[] {.2, .3, .4}, c, EPS);
        Plane finite = Plane.floor(1, 1);
        assertEquals(MISS, finite.intersect(1.5, 0, 1, 0, 0, -1, 0));
    }

    @Test
    void fromToAndRotations() {
        Capsule c = new Capsule(0.1, 0.5, C);
        c.setFromTo(1, 0, 0, 1, 0, 1);
        double[] pos = c.position(new double[3]);
        assertArrayEquals(new double[] {1, 0, 0.5}, pos, EPS);
        double[] m = Rotation.fromZAxis(1, 0, 0, new double[9]);
        assertArrayEquals(new double[] {1, 0, 0}, new double[] {m[2], m[5], m[8]}, EPS);
        m = Rotation.fromZAxis(0, 0, -3, new double[9]);
        assertArrayEquals(new double[] {0, 0, -1}, new double[] {m[2], m[5], m[8]}, EPS);
        m = Rotation.aboutY(Math.PI / 2, new double[9]);
        assertArrayEquals(new double[] {1, 0, 0}, new double[] {m[2], m[5], m[8]}, EPS);
        double[] product = Rotation.multiply(m, Rotation.aboutY(-Math.PI / 2, new double[9]), new double[9]);
        assertArrayEquals(Rotation.identity(new double[9]), product, EPS);
    }
}
