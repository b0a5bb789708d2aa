package slaclab.environments.mujoco;

import slaclab.environments.TaskSpec;
import slaclab.environments.mujoco.MujocoNative.DataField;

/**
 * Gym Ant (tasks.md): dt 0.01 (RK4) x frame skip 5, gear 150; reward dx/dt + 1 - 0.5 sum a^2 - 5e-4 sum
 * clip(cfrc_ext, -1, 1)^2 (per-body contact forces, which need mj_forward + mj_rnePostConstraint after the step);
 * terminates on a non-finite state or torso z outside [0.2, 1.0]; reset qpos + U(+-0.1), qvel 0.1 N(0,1); SLAC
 * action repeat 4. State: qpos[2:] (the root x and y left out), qvel = 27 values, Gym v4's default observation
 * (use_contact_forces off; v2/v3 appended 84 clipped contact forces, which v4 made optional).
 */
public final class GymAnt extends GymLocomotion {
    public static final TaskSpec SPEC = new TaskSpec("gym-ant", "MuJoCo", 8, 4, 1000, 0.05, 27);
    static final double CONTACT_COST = 5e-4;

    private final DataReader forces;

    public GymAnt(long seed) {
        super(SPEC, "/mujoco/ant.xml", seed, 1.0, 0.5, 2, Double.POSITIVE_INFINITY);
        forces = sim.reader(DataField.CFRC_EXT);
        reset();
    }

    @Override
    protected void initializeEpisode() {
        uniformGaussianNoise(0.1);
    }

    @Override
    double extraCost() {
        sim.forward();
        sim.computeContactForces();
        return CONTACT_COST * clippedSquares(forces.read());
    }

    static double clippedSquares(double[] values) {
        double sum = 0;
        for (double f : values) {
            double c = Math.max(-1, Math.min(1, f));
            sum += c * c;
        }
        return sum;
    }

    @Override
    boolean unhealthy(double[] qpos, double[] qvel) {
        for (double q : qpos) {
            if (!Double.isFinite(q)) {
                return true;
            }
        }
        for (double v : qvel) {
            if (!Double.isFinite(v)) {
                return true;
            }
        }
        return qpos[2] < 0.2 || qpos[2] > 1.0;
    }
}
