package slaclab.environments.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import slaclab.environments.Step;

/** Reward functions (tasks.md) on hand-set values and, with MuJoCo, on hand-set simulator states. */
@Tag("mujoco")
class TaskRewardsTest {
    @Test
    void cheetahRewardIsSpeedOverTenClipped() {
        assertEquals(0.0, CheetahRun.reward(-3), 0);
        assertEquals(0.0, CheetahRun.reward(0), 0);
        assertEquals(0.5, CheetahRun.reward(5), 1e-12);
        assertEquals(1.0, CheetahRun.reward(10), 0);
        assertEquals(1.0, CheetahRun.reward(14), 0);
    }

    @Test
    void cheetahSpeedComesFromTheTorsoSubtreeCentreOfMass() {
        MujocoAssumptions.assumeMujoco();
        try (CheetahRun env = new CheetahRun(0)) {
            Simulation sim = env.simulation();
            double[] v = new double[sim.nv()];
            v[sim.qvelAddress("rootx")] = 5; // the whole body moves at 5 m/s
            sim.setState(sim.qpos(), v);
            assertEquals(5, env.speed(), 1e-9);
            assertEquals(0.5, env.reward(new double[6]), 1e-9);
            v[sim.qvelAddress("rootx")] = -2;
            sim.setState(sim.qpos(), v);
            assertEquals(0.0, env.reward(new double[6]), 0);
        }
    }

    @Test
    void cheetahStartsSettledOnTheFloor() {
        MujocoAssumptions.assumeMujoco();
        try (CheetahRun env = new CheetahRun(5)) {
            double[] s = env.state();
            assertTrue(Math.abs(s[8]) < 0.5, "settled: small forward velocity " + s[8]); // after 200 settling steps
        }
    }

    @Test
    void walkerRewardBranches() {
        // upright, tall and at walking speed: 1
        assertEquals(1.0, WalkerWalk.reward(1.3, 1, 1.5), 1e-12);
        // standing still: stand * 1/6
        assertEquals(1.0 / 6, WalkerWalk.reward(1.3, 1, 0), 1e-12);
        // half speed: (5 * 0.5 + 1) / 6
        assertEquals(3.5 / 6, WalkerWalk.reward(1.2, 1, 0.5), 1e-12);
        // fallen: height 0.6 below 1.2 by one margin -> standing 0.1; lying flat zz = 0 -> upright 0.5
        double stand = (3 * 0.1 + 0.5) / 4;
        assertEquals(stand / 6, WalkerWalk.reward(0.6, 0, -1), 1e-12);
        // upside down and far below: standing ~ 0, upright 0
        assertTrue(WalkerWalk.reward(0, -1, 0) < 1e-3);
    }

    @Test
    void walkerRewardOnAHandSetState() {
        MujocoAssumptions.assumeMujoco();
        try (WalkerWalk env = new WalkerWalk(0)) {
            Simulation sim = env.simulation();
            double[] q = new double[sim.nq()]; // all zero: torso upright at z = 1.3, legs straight
            double[] v = new double[sim.nv()];
            v[sim.qvelAddress("rootx")] = 2;
            sim.setState(q, v);
            assertEquals(1.0, env.reward(new double[6]), 1e-9);
            v[sim.qvelAddress("rootx")] = 0;
            sim.setState(q, v);
            assertEquals(1.0 / 6, env.reward(new double[6]), 1e-9);
        }
    }

    @Test
    void ballInCupRewardBranches() {
        assertEquals(1.0, BallInCupCatch.reward(0, 0, 0.025), 0);
        assertEquals(1.0, BallInCupCatch.reward(0.025, -0.025, 0.025), 0);
        assertEquals(0.0, BallInCupCatch.reward(0.026, 0, 0.025), 0);
        assertEquals(0.0, BallInCupCatch.reward(0, -0.03, 0.025), 0);
    }

    @Test
    void ballInTheCupEarnsOne() {
        MujocoAssumptions.assumeMujoco();
        try (BallInCupCatch env = new BallInCupCatch(0)) {
            Simulation sim = env.simulation();
            double[] q = new double[sim.nq()];
            // cup at rest (z 0.6), target 0.05 below its origin; the ball body sits at z 0.2 plus its slide
            q[sim.qposAddress("ball_z")] = 0.35;
            sim.setState(q, new double[sim.nv()]);
            Step s = env.step(new double[2]);
            assertEquals(1.0, s.reward(), 0);
            q[sim.qposAddress("ball_z")] = 0.1;
            sim.setState(q, new double[sim.nv()]);
            assertEquals(0.0, env.step(new double[2]).reward(), 0);
        }
    }

    @Test
    void ballInCupStartHasNoContacts() {
        MujocoAssumptions.assumeMujoco();
        for (long seed = 0; seed < 5; seed++) {
            try (BallInCupCatch env = new BallInCupCatch(seed)) {
                assertEquals(0, env.simulation().contactCount());
            }
        }
    }
}
