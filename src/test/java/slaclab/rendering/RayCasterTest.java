package slaclab.rendering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class RayCasterTest {
    private static final int N = 64;

    /** Camera at (0,-4,1) looking along +y, DeepMind Control's cartpole view. */
    private static Scene horizontalView() {
        return new Scene(new Camera().setPosition(0, -4, 1).setZAxis(0, -1, 0));
    }

    private static int[] pixel(byte[] rgb, int row, int col) {
        int i = (row * N + col) * 3;
        return new int[] {rgb[i] & 255, rgb[i + 1] & 255, rgb[i + 2] & 255};
    }

    private static byte[] render(RayCaster caster, Scene scene) {
        byte[] rgb = new byte[N * N * 3];
        caster.render(scene, rgb);
        return rgb;
    }

    @Test
    void cameraAxesFollowMuJoCoConventions() {
        Camera c = new Camera().setPosition(0, -1.5, 2).setXyAxes(1, 0, 0, 0, 1, 1);
        double[] f = c.forward(new double[3]);
        double s = Math.sqrt(0.5);
        assertArrayEquals(new double[] {0, s, -s}, f, 1e-12);
        c = new Camera().setPosition(0, -4, 1).setZAxis(0, -1, 0);
        assertArrayEquals(new double[] {0, 1, 0}, c.forward(f), 1e-12);
        c = new Camera().setPosition(1, 1, 1).lookAt(1, 3, 1, 0, 0, 1);
        assertArrayEquals(new double[] {0, 1, 0}, c.forward(f), 1e-12);
        assertArrayEquals(new double[] {1, 0, 0}, new double[] {c.right[0], c.right[1], c.right[2]}, 1e-12);
    }

    @Test
    void skyIsAGradientFromBlueAboveToDarkBelow() {
        byte[] rgb = render(new RayCaster(N, N, 1), horizontalView());
        int[] top = pixel(rgb, 0, 32);
        int[] bottom = pixel(rgb, 63, 32);
        int[] middle = pixel(rgb, 32, 32);
        assertTrue(top[2] > middle[2] && middle[2] > bottom[2]);
        // straight ahead is half way: (.2, .3, .4)
        assertEquals(0.3 * 255, middle[1], 4);
        assertEquals(0.4 * 255, middle[2], 4);
        // blue-ish: b > g > r
        assertTrue(top[2] > top[1] && top[1] > top[0]);
    }

    @Test
    void sphereInFrontIsDrawnInItsColourAndRowZeroIsTheTop() {
        Scene scene = horizontalView();
        scene.add(new Sphere(0.3, Palette.BODY)).setPosition(0, 0, 2.0); // above the view centre
        byte[] rgb = render(new RayCaster(N, N, 2), scene);
        // the sphere is 1 m above the camera at 4 m: tan = 0.25, row = 32 * (1 - 0.25 / tan 22.5deg) ~ 12.7
        int[] hit = pixel(rgb, 13, 32);
        assertTrue(hit[0] > hit[1] && hit[1] > hit[2], "body colour expected at row 13");
        int[] below = pixel(rgb, 50, 32);
        assertTrue(below[2] > below[0], "sky below");
    }

    @Test
    void partlyVisibleShapesAtTheImageBorderAreDrawn() {
        Scene scene = horizontalView();
        // the view spans x in +-1.657 at 4 m; a sphere centred on the left border
        scene.add(new Sphere(0.3, Palette.BODY)).setPosition(-1.657, 0, 1);
        byte[] rgb = render(new RayCaster(N, N, 2), scene);
        int[] edge = pixel(rgb, 32, 0);
        assertTrue(edge[0] > edge[2], "sphere should cover the left border");
    }

    @Test
    void thinRailSurvivesAntiAliasing() {
        Scene scene = horizontalView();
        Capsule rail = scene.add(new Capsule(0.01, 3, Palette.DECORATION)); // ~0.16 px thick
        rail.setRotation(Rotation.fromZAxis(1, 0, 0, new double[9])).setPosition(0, 0, 0.97);
        Scene empty = horizontalView();
        RayCaster caster = new RayCaster(N, N, 2);
        byte[] with = render(caster, scene);
        byte[] without = render(caster, empty);
        int changedColumns = 0;
        for (int col = 0; col < N; col++) {
            for (int row = 30; row <= 34; row++) {
                int i = (row * N + col) * 3;
                if (with[i] != without[i] || with[i + 1] != without[i + 1] || with[i + 2] != without[i + 2]) {
                    changedColumns++;
                    break;
                }
            }
        }
        assertEquals(N, changedColumns, "every column should show some of the rail");
    }

    @Test
    void checkerFloorShowsBothColours() {
        Scene scene = new Scene(new Camera().setPosition(0, 0, 3).setXyAxes(1, 0, 0, 0, 1, 0)); // straight down
        scene.add(Plane.floor(0, 0));
        scene.setLight(0, 0, 1, 0);
        scene.setHeadlight(1, 0); // ambient only: albedo exactly
        byte[] rgb = render(new RayCaster(N, N, 1), scene);
        int dark = 0, light = 0;
        for (int i = 0; i < rgb.length; i += 3) {
            int g = rgb[i + 1] & 255;
            if (Math.abs(g - 0.2 * 255) < 2) {
                dark++;
            } else if (Math.abs(g - 0.3 * 255) < 2) {
                light++;
            }
        }
        assertTrue(dark > 1000 && light > 1000, dark + " / " + light);
    }

    @Test
    void objectsAboveCastShadowsOnTheFloor() {
        // camera looks straight down at the floor; a big sphere above the camera blocks the light
        Scene lit = new Scene(new Camera().setPosition(0, 0, 1).setXyAxes(1, 0, 0, 0, 1, 0));
        lit.add(Plane.floor(0, 0));
        Scene shadowed = new Scene(new Camera().setPosition(0, 0, 1).setXyAxes(1, 0, 0, 0, 1, 0));
        shadowed.add(Plane.floor(0, 0));
        shadowed.add(new Sphere(1, Palette.BODY)).setPosition(0, 0, 3);
        RayCaster caster = new RayCaster(N, N, 1);
        byte[] a = render(caster, lit);
        byte[] b = render(caster, shadowed);
        for (int i = 0; i < a.length; i++) {
            assertTrue((b[i] & 255) < (a[i] & 255), "pixel byte " + i + " should be darker in shadow");
        }
    }

    @Test
    void renderingIsDeterministicAndIndependentOfHistory() {
        Scene scene = horizontalView();
        scene.add(Plane.floor(4, 4)).setPosition(0, 0, -0.05);
        Box box = scene.add(new Box(0.2, 0.15, 0.1, Palette.BODY));
        box.setPosition(0.5, 0, 1);
        RayCaster caster = new RayCaster(N, N, 2);
        byte[] first = render(caster, scene);
        box.setPosition(-1, 0, 1);
        byte[] moved = render(caster, scene);
        box.setPosition(0.5, 0, 1);
        assertArrayEquals(first, render(caster, scene));
        assertArrayEquals(first, render(new RayCaster(N, N, 2), scene));
        assertFalse(java.util.Arrays.equals(first, moved));
        assertThrows(IllegalArgumentException.class, () -> caster.render(scene, new byte[N * N]));
    }

    @Test
    void steadyStateRenderingDoesNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        Scene scene = horizontalView();
        scene.add(Plane.floor(4, 4)).setPosition(0, 0, -0.05);
        scene.add(new Capsule(0.045, 0.5, Palette.BODY)).setPosition(0, 0, 1.5);
        scene.add(new Box(0.2, 0.15, 0.1, Palette.BODY)).setPosition(0, 0, 1);
        RayCaster caster = new RayCaster(N, N, 2);
        byte[] rgb = new byte[N * N * 3];
        caster.render(scene, rgb);
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 50; i++) {
            caster.render(scene, rgb);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 50 * 64, "allocated " + allocated + " bytes in 50 frames");
    }

    @Test
    void adaptiveAntiAliasingMatchesFullSupersampling() {
        // floor checker edges, a shadow, a thin rail, a thin tilted capsule, a sphere, a box and a finite plane
        Scene scene = new Scene(new Camera().setPosition(0, -3, 1.2).setXyAxes(1, 0, 0, 0, 0.3, 1));
        scene.add(Plane.floor(3, 2));
        scene.add(new Capsule(0.01, 3, Palette.DECORATION))
                .setRotation(Rotation.fromZAxis(1, 0, 0, new double[9])).setPosition(0, 0, 0.6);
        scene.add(new Capsule(0.02, 0.4, Palette.BODY)).setRotation(Rotation.aboutY(0.7, new double[9]))
                .setPosition(-0.6, 0.3, 0.5);
        scene.add(new Sphere(0.25, Palette.BODY)).setPosition(0.7, 0.5, 0.3);
        scene.add(new Box(0.2, 0.15, 0.1, Palette.BODY)).setRotation(Rotation.aboutZ(0.5, new double[9]))
                .setPosition(0, 0.8, 0.1);
        byte[] full = render(new RayCaster(N, N, 2, false), scene);
        byte[] adaptive = render(new RayCaster(N, N, 2), scene);
        long sum = 0;
        int max = 0;
        for (int i = 0; i < full.length; i++) {
            int d = Math.abs((full[i] & 255) - (adaptive[i] & 255));
            sum += d;
            max = Math.max(max, d);
        }
        assertTrue(sum / (double) full.length < 0.1, "mean difference " + sum / (double) full.length);
        assertTrue(max <= 4, "largest difference " + max);
    }
}
