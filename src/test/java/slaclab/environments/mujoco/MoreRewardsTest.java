package slaclab.environments.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import slaclab.environments.Step;
import slaclab.environments.mujoco.MujocoNative.DataField;

/** Rewards and terminations of finger, reacher, MuJoCo cartpole and the Gym tasks (tasks.md). */
@Tag("mujoco")
class MoreRewardsTest {
    @Test
    void fingerSpinRewardsFastNegativeSpin() {
        assertEquals(1.0, FingerSpin.reward(-15), 0);
        assertEquals(1.0, FingerSpin.reward(-30), 0);
        assertEquals(0.0, FingerSpin.reward(-14.9), 0);
        assertEquals(0.0, FingerSpin.reward(20), 0);
    }

    @Test
    void fingerSpinOnAHandSetState() {
        MujocoAssumptions.assumeMujoco();
        try (FingerSpin env = new FingerSpin(0)) {
            Simulation sim = env.simulation();
            assertEquals(0, sim.contactCount(), "start without contacts");
            double[] v = new double[sim.nv()];
            v[sim.qvelAddress("hinge")] = -20;
            sim.setState(sim.qpos(), v);
            assertEquals(1.0, env.step(new double[2]).reward(), 0);
            v[sim.qvelAddress("hinge")] = 20;
            sim.setState(sim.qpos(), v);
            assertEquals(0.0, env.step(new double[2]).reward(), 0);
        }
    }

    @Test
    void reacherRewardWithinTheSumOfRadii() {
        assertEquals(1.0, ReacherEasy.reward(0.06, 0.06), 0);
        assertEquals(1.0, ReacherEasy.reward(0.0, 0.06), 0);
        assertEquals(0.0, ReacherEasy.reward(0.0601, 0.06), 0);
    }

    @Test
    void reacherTargetIsPlacedAndReached() {
        MujocoAssumptions.assumeMujoco();
        try (ReacherEasy env = new ReacherEasy(3)) {
            Simulation sim = env.simulation();
            DataReader geoms = sim.reader(DataField.GEOM_XPOS);
            int target = sim.geomId("target");
            double[] g = geoms.read();
            double radius = Math.hypot(g[3 * target], g[3 * target + 1]);
            assertTrue(radius >= 0.05 && radius <= 0.20, "target radius " + radius);
            // move the target onto the finger
            int finger = sim.geomId("finger");
            sim.write(DataField.MOCAP_POS, new double[] {g[3 * finger], g[3 * finger + 1], 0.01});
            assertEquals(1.0, env.reward(new double[2]), 0);
        }
    }

    @Test
    void mujocoCartpoleRewardBranches() {
        assertEquals(1.0, DmcCartpoleSwingup.reward(0, 0, 0, 0), 1e-12);
        assertEquals(0.0, DmcCartpoleSwingup.reward(0, Math.PI, 0, 0), 1e-12);
        assertEquals(0.8, DmcCartpoleSwingup.reward(0, 0, 0, 1), 1e-12); // full control: small_control 4/5
        // off-centre by the margin: centered = (1 + 0.1) / 2
        assertEquals(0.55, DmcCartpoleSwingup.reward(2, 0, 0, 0), 1e-12);
    }

    @Test
    void mujocoCartpoleStartsHangingDown() {
        MujocoAssumptions.assumeMujoco();
        try (DmcCartpoleSwingup env = new DmcCartpoleSwingup(0)) {
            double[] s = env.state();
            assertEquals(-1, s[1], 0.01);   // pole cosine: hanging down
            assertTrue(env.step(new double[] {0}).reward() < 0.01);
        }
    }

    @Test
    void gymRewardFormula() {
        assertEquals(2 + 1 - 1e-3 * 3, GymLocomotion.reward(2, 1, 1e-3, 3), 1e-12);
        assertEquals(-1 - 0.1 * 6, GymLocomotion.reward(-1, 0, 0.1, 6), 1e-12);
        assertEquals(1 + 0.25 + 1, GymAnt.clippedSquares(new double[] {-3, 0.5, 1}), 1e-12);
    }

    @Test
    void hopperAndWalker2dTerminationBranches() {
        double[] v = new double[6];
        assertFalse(GymHopper.unhealthyState(new double[] {0, 1.25, 0, 0, 0, 0}, v));
        assertTrue(GymHopper.unhealthyState(new double[] {0, 0.7, 0, 0, 0, 0}, v));
        assertTrue(GymHopper.unhealthyState(new double[] {0, 1.25, 0.2, 0, 0, 0}, v));
        assertTrue(GymHopper.unhealthyState(new double[] {0, 1.25, 0, 0, 100, 0}, v));
        assertTrue(GymHopper.unhealthyState(new double[] {0, 1.25, 0, 0, 0, 0}, new double[] {0, 0, 0, -100, 0, 0}));
        assertFalse(GymHopper.unhealthyState(new double[] {1000, 1.25, 0, 0, 0, 0}, v), "x is not checked");
        assertFalse(GymWalker2d.unhealthyState(1.25, 0));
        assertTrue(GymWalker2d.unhealthyState(0.8, 0));
        assertTrue(GymWalker2d.unhealthyState(2.0, 0));
        assertTrue(GymWalker2d.unhealthyState(1.25, -1));
        assertTrue(GymWalker2d.unhealthyState(1.25, 1.01));
    }

    @Test
    void halfCheetahRewardIsForwardSpeedMinusControlCost() {
        MujocoAssumptions.assumeMujoco();
        try (GymHalfCheetah env = new GymHalfCheetah(0)) {
            Simulation sim = env.simulation();
            double[] v = new double[sim.nv()];
            v[0] = 2;
            sim.setState(sim.qpos(), v);
            Step s = env.step(new double[6]);
            assertEquals(2, s.reward(), 0.3);
            assertFalse(s.done());
        }
    }

    @Test
    void hopperFallingOverTerminates() {
        MujocoAssumptions.assumeMujoco();
        try (GymHopper env = new GymHopper(0)) {
            Simulation sim = env.simulation();
            double[] q = sim.qpos();
            q[2] = 0.5; // pitched beyond 0.2 rad
            sim.setState(q, new double[sim.nv()]);
            Step s = env.step(new double[3]);
            assertTrue(s.terminated());
            assertFalse(s.truncated());
        }
    }

    @Test
    void antPaysForContactForcesAndTerminatesWhenFlipped() {
        MujocoAssumptions.assumeMujoco();
        try (GymAnt env = new GymAnt(0)) {
            Step s = null;
            for (int i = 0; i < 20; i++) {
                s = env.step(new double[8]);
            }
            assertFalse(s.terminated());
            assertTrue(env.extraCost() > 0, "standing on four feet gives contact forces");
            Simulation sim = env.simulation();
            double[] q = sim.qpos();
            q[2] = 1.5; // torso far above 1.0
            sim.setState(q, new double[sim.nv()]);
            assertTrue(env.step(new double[8]).terminated());
        }
    }
}
