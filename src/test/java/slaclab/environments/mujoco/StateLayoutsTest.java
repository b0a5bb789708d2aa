package slaclab.environments.mujoco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import slaclab.environments.mujoco.MujocoNative.DataField;

/**
 * Each built-in task's state is its suite's observation in the documented order (MODELS.md "State layouts"),
 * checked on hand-set simulator states against values worked out from the model's geometry.
 */
@Tag("mujoco")
class StateLayoutsTest {
    private static final double EPS = 1e-9;

    @BeforeEach
    void needsMujoco() {
        MujocoAssumptions.assumeMujoco();
    }

    /** q[i] = 0.1 (i + 1), v[i] = -0.2 (i + 1): every entry different, so a shifted index shows. */
    private static double[][] distinct(Simulation sim) {
        double[] q = new double[sim.nq()];
        double[] v = new double[sim.nv()];
        for (int i = 0; i < q.length; i++) {
            q[i] = 0.1 * (i + 1);
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = -0.2 * (i + 1);
        }
        return new double[][] {q, v};
    }

    private static double[] from(double[] a, int first) {
        return java.util.Arrays.copyOfRange(a, first, a.length);
    }

    private static double[] join(double[]... parts) {
        return MujocoTask.concat(parts);
    }

    @Test
    void cheetahLeavesOutTheRootX() {
        try (CheetahRun env = new CheetahRun(0)) {
            Simulation sim = env.simulation();
            double[][] s = distinct(sim);
            sim.setState(s[0], s[1]);
            assertArrayEquals(join(from(s[0], 1), s[1]), env.state(), EPS);
            assertEquals(17, env.state().length);
            s[0][sim.qposAddress("rootx")] = 250;   // far down the track: the state does not change
            sim.setState(s[0], s[1]);
            assertArrayEquals(join(from(s[0], 1), s[1]), env.state(), EPS);
        }
    }

    @Test
    void walkerGivesBodyOrientationsTorsoHeightAndVelocity() {
        try (WalkerWalk env = new WalkerWalk(0)) {
            Simulation sim = env.simulation();
            double[] q = new double[sim.nq()];
            double[] v = distinct(sim)[1];
            double pitch = 0.3, rootz = 0.1, rootx = 7;
            double[] right = {0.2, -0.5, 0.4};   // hip, knee, ankle
            double[] left = {0.6, -1.0, -0.3};
            q[sim.qposAddress("rootz")] = rootz;
            q[sim.qposAddress("rootx")] = rootx;
            q[sim.qposAddress("rooty")] = pitch;
            String[] joints = {"hip", "knee", "ankle"};
            for (int i = 0; i < 3; i++) {
                q[sim.qposAddress("right_" + joints[i])] = right[i];
                q[sim.qposAddress("left_" + joints[i])] = left[i];
            }
            sim.setState(q, v);
            // rooty turns about +y, the leg joints about -y: a body's pitch is rooty minus the joints above it
            double[] angles = {pitch, pitch - right[0], pitch - right[0] - right[1], pitch - right[0] - right[1]
                    - right[2], pitch - left[0], pitch - left[0] - left[1], pitch - left[0] - left[1] - left[2]};
            double[] expected = new double[24];
            for (int b = 0; b < 7; b++) {
                expected[2 * b] = Math.cos(angles[b]);       // xx
                expected[2 * b + 1] = Math.sin(angles[b]);   // xz
            }
            expected[14] = 1.3 + rootz;                     // torso z
            System.arraycopy(v, 0, expected, 15, 9);
            assertArrayEquals(expected, env.state(), EPS);
        }
    }

    @Test
    void ballInCupIsPositionThenVelocity() {
        try (BallInCupCatch env = new BallInCupCatch(0)) {
            Simulation sim = env.simulation();
            double[][] s = distinct(sim);
            sim.setState(s[0], s[1]);
            assertArrayEquals(join(s[0], s[1]), env.state(), EPS);
        }
    }

    @Test
    void fingerGivesJointsTipRelativeToTheSpinnerVelocitiesAndTouch() {
        try (FingerSpin env = new FingerSpin(0)) {
            Simulation sim = env.simulation();
            double proximal = -1.2, distal = 0.4, hinge = 0.8;
            double[] v = {0.5, -0.7, -12};
            sim.setState(new double[] {proximal, distal, hinge}, v);
            assertEquals(0, sim.contactCount(), "finger hangs clear of the spinner");
            // the tip site sits 0.13 above the spinner's centre; the hinge turns about -y
            double[] expected = {proximal, distal, -0.13 * Math.sin(hinge), 0.13 * Math.cos(hinge), v[0], v[1], v[2],
                    0, 0};
            assertArrayEquals(expected, env.state(), EPS);

            sim.setState(new double[] {0, 0, 0}, new double[3]);   // pointing at the spinner: the tip presses a cap
            assertTrue(sim.contactCount() > 0, "fingertip in the spinner");
            double[] touch = sim.reader(DataField.SENSORDATA).read();
            double[] s = env.state();
            assertEquals(Math.log1p(touch[FingerSpin.TOUCH_TOP]), s[7], EPS);
            assertEquals(Math.log1p(touch[FingerSpin.TOUCH_TOP + 1]), s[8], EPS);
            assertTrue(s[7] + s[8] > 0, "a pressing fingertip is felt");
        }
    }

    @Test
    void reacherGivesPositionTargetOffsetAndVelocity() {
        try (ReacherEasy env = new ReacherEasy(0)) {
            Simulation sim = env.simulation();
            double shoulder = 0.7, wrist = -1.1;
            double[] v = {0.3, -0.4};
            sim.setState(new double[] {shoulder, wrist}, v);
            sim.write(DataField.MOCAP_POS, new double[] {0.05, -0.15, 0.01});
            // two links of 0.12 m in the x-y plane
            double fx = 0.12 * Math.cos(shoulder) + 0.12 * Math.cos(shoulder + wrist);
            double fy = 0.12 * Math.sin(shoulder) + 0.12 * Math.sin(shoulder + wrist);
            assertArrayEquals(new double[] {shoulder, wrist, 0.05 - fx, -0.15 - fy, v[0], v[1]}, env.state(), EPS);
        }
    }

    @Test
    void mujocoCartpoleIsXCosSinAndVelocities() {
        try (DmcCartpoleSwingup env = new DmcCartpoleSwingup(0)) {
            Simulation sim = env.simulation();
            double x = 0.3, theta = 2.5;
            double[] v = {-0.6, 1.7};
            sim.setState(new double[] {x, theta}, v);
            assertArrayEquals(new double[] {x, Math.cos(theta), Math.sin(theta), v[0], v[1]}, env.state(), EPS);
        }
    }

    @Test
    void gymHalfCheetahLeavesOutTheRootX() {
        try (GymHalfCheetah env = new GymHalfCheetah(0)) {
            Simulation sim = env.simulation();
            double[][] s = distinct(sim);
            sim.setState(s[0], s[1]);
            assertArrayEquals(join(from(s[0], 1), s[1]), env.state(), EPS);
        }
    }

    @Test
    void gymHopperAndWalker2dClipTheVelocities() {
        try (GymHopper hopper = new GymHopper(0); GymWalker2d walker = new GymWalker2d(0)) {
            for (MujocoTask env : new MujocoTask[] {hopper, walker}) {
                Simulation sim = env.simulation();
                double[][] s = distinct(sim);
                s[1][0] = 25;
                s[1][2] = -30;
                sim.setState(s[0], s[1]);
                double[] clipped = s[1].clone();
                clipped[0] = 10;
                clipped[2] = -10;
                assertArrayEquals(join(from(s[0], 1), clipped), env.state(), EPS, env.spec().name());
            }
        }
    }

    @Test
    void gymAntLeavesOutTheRootXAndY() {
        try (GymAnt env = new GymAnt(0)) {
            Simulation sim = env.simulation();
            double[][] s = distinct(sim);
            double half = 0.4;   // a unit quaternion: a turn about z
            s[0][3] = Math.cos(half);
            s[0][4] = 0;
            s[0][5] = 0;
            s[0][6] = Math.sin(half);
            sim.setState(s[0], s[1]);
            assertArrayEquals(join(from(s[0], 2), s[1]), env.state(), EPS);
            assertEquals(27, env.state().length);
        }
    }
}
