package slaclab.environments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CartpoleSwingupTest {
    private static final double EPS = 1e-12;
    private static final double[] ZERO = {0};

    @Test
    void rewardFactorsOnHandSetStates() {
        // upright, centred, no control, no angular velocity
        assertEquals(1.0, CartpoleSwingup.reward(0, 0, 0, 0), EPS);
        // hanging down: upright = (cos pi + 1) / 2 = 0
        assertEquals(0.0, CartpoleSwingup.reward(0, Math.PI, 0, 0), EPS);
        // horizontal pole: upright = 1/2
        assertEquals(0.5, CartpoleSwingup.reward(0, Math.PI / 2, 0, 0), EPS);
        // cart at the margin (2 m): centred = (1 + 0.1) / 2
        assertEquals(0.55, CartpoleSwingup.reward(2, 0, 0, 0), EPS);
        assertEquals(0.55, CartpoleSwingup.reward(-2, 0, 0, 0), EPS);
        // full control: small_control = (4 + 0) / 5; half control: (4 + 0.75) / 5
        assertEquals(0.8, CartpoleSwingup.reward(0, 0, 0, 1), EPS);
        assertEquals(0.95, CartpoleSwingup.reward(0, 0, 0, -0.5), EPS);
        // angular velocity at the margin (5 rad/s): small_velocity = (1 + 0.1) / 2
        assertEquals(0.55, CartpoleSwingup.reward(0, 0, 5, 0), EPS);
        // the factors multiply
        assertEquals(0.5 * 0.55 * 0.8 * 0.55, CartpoleSwingup.reward(2, Math.PI / 2, -5, 1), EPS);
    }

    @Test
    void stepRewardUsesTheNewStateAndTheClippedAction() {
        CartpoleSwingup env = new CartpoleSwingup(1);
        env.setState(0, 0, 0, 0);
        assertEquals(1.0, env.step(ZERO).reward(), 1e-9); // balanced exactly: nothing moves
        env.setState(0, 0, 0, 0);
        assertEquals(0.8, env.step(new double[] {3}).reward(), 1e-3); // clipped to 1
        env.setState(0, Math.PI, 0, 0);
        assertEquals(0.0, env.step(ZERO).reward(), 1e-9);
    }

    @Test
    void hangingPoleOscillatesWithTheCoupledPeriod() {
        // linearised about hanging down with a free cart: omega^2 = m g l / (J - m^2 l^2 / (M + m))
        double m = 0.1, l = 0.5, j = m / 3, total = 1.1;
        double expected = 2 * Math.PI / Math.sqrt(m * 9.81 * l / (j - m * m * l * l / total));
        CartpoleSwingup env = new CartpoleSwingup(1);
        env.setState(0, Math.PI + 0.01, 0, 0);
        double[] crossings = new double[3];
        int found = 0;
        double previous = env.state()[4];
        for (int i = 1; i <= 1000 && found < 3; i++) {
            env.step(ZERO);
            double v = env.state()[4];
            if (previous < 0 && v >= 0 || previous > 0 && v <= 0) {
                crossings[found++] = (i - 1 + previous / (previous - v)) * 0.01;
            }
            previous = v;
        }
        assertEquals(3, found);
        assertEquals(expected, crossings[2] - crossings[0], 0.005 * expected);
    }

    @Test
    void unforcedMotionConservesEnergyAndMomentum() {
        CartpoleSwingup env = new CartpoleSwingup(1);
        env.setState(0, Math.PI / 2, 0.2, 0);
        double e0 = energy(env.state());
        double p0 = momentum(env.state());
        for (int i = 0; i < 500; i++) {
            env.step(ZERO);
            double[] s = env.state();
            assertTrue(Math.abs(s[0]) < 1.8, "must not reach the stop in this test");
            assertEquals(e0, energy(s), 2e-3);
            assertEquals(p0, momentum(s), 2e-3);
        }
    }

    /** Lagrangian energy of the state [x, cos, sin, x', th'] (potential zero at the hinge). */
    private static double energy(double[] s) {
        double m = 0.1, l = 0.5, j = m / 3;
        return 0.5 * 1.1 * s[3] * s[3] + m * l * s[1] * s[3] * s[4] + 0.5 * j * s[4] * s[4] + m * 9.81 * l * s[1];
    }

    /** Horizontal momentum (M + m) x' + m l cos(th) th'. */
    private static double momentum(double[] s) {
        return 1.1 * s[3] + 0.1 * 0.5 * s[1] * s[4];
    }

    @Test
    void forcePushesTheCartAndTheSliderStopsIt() {
        CartpoleSwingup env = new CartpoleSwingup(1);
        env.setState(0, Math.PI, 0, 0);
        env.step(new double[] {1});
        assertTrue(env.state()[3] > 0.05, "force 10 N for 0.01 s on ~1 kg");
        env.setState(1.75, Math.PI, 3, 0);
        for (int i = 0; i < 50; i++) {
            env.step(new double[] {1});
            double[] s = env.state();
            assertTrue(s[0] <= 1.8, "x " + s[0]);
        }
        assertEquals(1.8, env.state()[0], EPS);
        assertEquals(0.0, env.state()[3], EPS);
        env.setState(-1.79, 0.3, -4, 0);
        env.step(new double[] {-1});
        assertEquals(-1.8, env.state()[0], EPS);
        assertEquals(0.0, env.state()[3], EPS);
    }

    @Test
    void wallImpulseActsOnTheCartOnly() {
        // an impulse on the slider leaves the hinge's generalised momentum p = m l cos(th) x' + J th' unchanged;
        // over one step without the wall p would only change by about m g l sin(th) dt
        double m = 0.1, l = 0.5, j = m / 3, th = Math.PI / 3;
        CartpoleSwingup env = new CartpoleSwingup(1);
        env.setState(1.799, th, 2, 0);
        double p0 = m * l * Math.cos(th) * 2;
        env.step(ZERO);
        double[] s = env.state();
        assertEquals(1.8, s[0], EPS);
        assertEquals(0.0, s[3], EPS);
        double p1 = m * l * s[1] * s[3] + j * s[4];
        assertEquals(m * 9.81 * l * Math.sin(th) * 0.01, p1 - p0, 2e-3);
    }

    @Test
    void poleFallsAwayFromTheCart() {
        CartpoleSwingup env = new CartpoleSwingup(1);
        env.setState(0, 0.05, 0, 0);
        for (int i = 0; i < 20; i++) {
            env.step(ZERO);
        }
        double[] s = env.state();
        assertTrue(s[2] > Math.sin(0.05) && s[4] > 0, "pole tilted to +x keeps falling to +x");
        assertTrue(s[3] < 0, "the cart recoils to -x");
    }

    @Test
    void initialStateHangsDownWithSmallNoise() {
        CartpoleSwingup env = new CartpoleSwingup(5);
        double sumX = 0;
        for (int i = 0; i < 200; i++) {
            env.reset();
            double[] s = env.state();
            assertEquals(5, s.length);
            assertTrue(Math.abs(s[0]) < 0.06);
            assertTrue(s[1] < -0.998);
            assertTrue(Math.abs(s[3]) < 0.06 && Math.abs(s[4]) < 0.06);
            sumX += Math.abs(s[0]);
        }
        // E|0.01 N(0,1)| = 0.008
        assertEquals(0.008, sumX / 200, 0.002);
    }

    @Test
    void cartAndPoleRegionChangeWithTheState() {
        CartpoleSwingup env = new CartpoleSwingup(1);
        env.setState(0, Math.PI, 0, 0);
        byte[] a = FrameChecks.frame(env);
        env.setState(1.0, Math.PI / 2, 0, 0);
        byte[] b = FrameChecks.frame(env);
        assertTrue(FrameChecks.differingPixels(a, b) > 30);
        env.setState(0, Math.PI, 0, 0);
        assertArrayEquals(a, FrameChecks.frame(env), "rendering must depend only on the state");
        assertEquals(31.5, FrameChecks.bodyColumn(a), 1.5);
        assertTrue(FrameChecks.bodyColumn(b) > 40, "x = +1 is right of the centre");
        env.setState(-1.0, 0, 0, 0);
        byte[] up = FrameChecks.frame(env);
        assertTrue(FrameChecks.bodyColumn(up) < 24, "x = -1 is left of the centre");
        assertTrue(FrameChecks.bodyRow(up) < FrameChecks.bodyRow(a), "an upright pole is drawn higher");
    }

    @Test
    void cartStaysInViewOverTheMiddleOfTheRail() {
        CartpoleSwingup env = new CartpoleSwingup(1);
        env.setState(0, 0, 0, 0);
        int centred = FrameChecks.bodyPixels(FrameChecks.frame(env));
        for (double x : new double[] {-1.4, 1.4}) {
            env.setState(x, 0, 0, 0);
            int atStop = FrameChecks.bodyPixels(FrameChecks.frame(env));
            assertTrue(atStop >= centred - 4, "cart and pole cut off at x = " + x + ": " + atStop + " < " + centred);
        }
    }
}
