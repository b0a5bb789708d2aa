package slaclab.environments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PendulumSwingupTest {
    private static final double[] ZERO = {0};

    @Test
    void undampedUnforcedPendulumConservesEnergy() {
        PendulumSwingup env = new PendulumSwingup(1, 0.0);
        env.setState(2.5, 1.0);
        double e0 = env.energy();
        double maxError = 0;
        for (int i = 0; i < 500; i++) {
            env.step(ZERO);
            maxError = Math.max(maxError, Math.abs(env.energy() - e0));
        }
        assertTrue(maxError < 1e-5, "energy drift " + maxError);
    }

    @Test
    void dampingAndTorqueChangeEnergy() {
        PendulumSwingup damped = new PendulumSwingup(1);
        damped.setState(0, 3.0);
        double e0 = damped.energy();
        for (int i = 0; i < 100; i++) {
            damped.step(ZERO);
        }
        assertTrue(damped.energy() < e0 - 0.05, "hinge damping 0.1 must dissipate energy");

        PendulumSwingup pushed = new PendulumSwingup(1, 0.0);
        pushed.setState(Math.PI, 1.0); // hanging down, moving with the torque
        double p0 = pushed.energy();
        for (int i = 0; i < 10; i++) {
            pushed.step(new double[] {1});
        }
        assertTrue(pushed.energy() > p0 + 0.05, "positive torque along the motion must add energy");
    }

    @Test
    void smallOscillationsHaveTheRightPeriod() {
        // about the bottom: omega^2 = m g l / I, I = m l^2 + 2/5 m r^2
        double expected = 2 * Math.PI / Math.sqrt(1.0 * 9.81 * 0.5 / (0.25 + 0.4 * 0.05 * 0.05));
        PendulumSwingup env = new PendulumSwingup(1, 0.0);
        env.setState(Math.PI - 0.01, 0);
        double[] crossings = new double[3];
        int found = 0;
        double previous = env.state()[2];
        for (int i = 1; i <= 1000 && found < 3; i++) {
            env.step(ZERO);
            double v = env.state()[2];
            if (previous < 0 && v >= 0 || previous > 0 && v <= 0) {
                crossings[found++] = (i - 1 + previous / (previous - v)) * 0.02; // linear interpolation
            }
            previous = v;
        }
        assertEquals(3, found);
        assertEquals(expected, crossings[2] - crossings[0], 0.01 * expected);
    }

    @Test
    void rewardIsOneWithinEightDegreesOfUpright() {
        PendulumSwingup env = new PendulumSwingup(1);
        env.setState(0, 0);
        assertEquals(1.0, env.step(ZERO).reward());
        env.setState(Math.toRadians(7), 0);
        assertEquals(1.0, env.step(ZERO).reward());
        env.setState(Math.toRadians(-7), 0);
        assertEquals(1.0, env.step(ZERO).reward());
        env.setState(Math.toRadians(9), 0);
        assertEquals(0.0, env.step(ZERO).reward());
        env.setState(Math.PI, 0);
        assertEquals(0.0, env.step(ZERO).reward());
    }

    @Test
    void stateIsCosSinVelocityAndActionsAreClipped() {
        PendulumSwingup a = new PendulumSwingup(3);
        PendulumSwingup b = new PendulumSwingup(3);
        double[] s = a.state();
        assertEquals(3, s.length);
        assertEquals(1.0, s[0] * s[0] + s[1] * s[1], 1e-12);
        assertEquals(0.0, s[2]);
        for (int i = 0; i < 20; i++) {
            a.step(new double[] {7});
            b.step(new double[] {1});
        }
        assertArrayEquals(a.state(), b.state());
        assertThrows(IllegalArgumentException.class, () -> a.step(new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> a.step(new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> a.step(null));
    }

    @Test
    void initialAngleIsUniformAndVelocityZero() {
        PendulumSwingup env = new PendulumSwingup(11);
        int down = 0, up = 0, left = 0, right = 0;
        for (int i = 0; i < 400; i++) {
            env.reset();
            double[] s = env.state();
            assertEquals(0.0, s[2]);
            if (s[0] > 0.5) {
                up++;
            } else if (s[0] < -0.5) {
                down++;
            }
            if (s[1] > 0.5) {
                right++;
            } else if (s[1] < -0.5) {
                left++;
            }
        }
        // each of these arcs covers a third of the circle
        for (int c : new int[] {up, down, left, right}) {
            assertTrue(c > 90 && c < 180, "count " + c);
        }
    }

    @Test
    void poleRegionChangesWithTheAngle() {
        PendulumSwingup env = new PendulumSwingup(1);
        env.setState(0, 0);
        byte[] up = FrameChecks.frame(env);
        env.setState(Math.PI / 2, 0);
        byte[] side = FrameChecks.frame(env);
        env.setState(0, 0);
        assertArrayEquals(up, FrameChecks.frame(env), "rendering must depend only on the state");
        assertTrue(FrameChecks.differingPixels(up, side) > 30);
        assertTrue(FrameChecks.bodyColumn(side) > 36, "th = pi/2 swings the bob to +x, the image's right");
        env.setState(Math.PI, 0);
        byte[] down = FrameChecks.frame(env);
        assertTrue(FrameChecks.bodyRow(up) < FrameChecks.bodyRow(down) - 5, "upright is drawn higher than hanging");
        env.setState(0, 0);
        assertTrue(FrameChecks.bodyPixels(up) >= 10);
        assertTrue(FrameChecks.bodyPixels(side) >= 10);
    }

    @Test
    void renderingDoesNotChangeTheState() {
        PendulumSwingup env = new PendulumSwingup(4);
        env.step(new double[] {0.3});
        double[] before = env.state();
        FrameChecks.frame(env);
        assertArrayEquals(before, env.state());
        assertFalse(env.step(ZERO).done());
        assertNotEquals(0, env.stepsTaken());
    }
}
