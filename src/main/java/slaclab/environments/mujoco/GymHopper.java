package slaclab.environments.mujoco;

import slaclab.environments.TaskSpec;

/**
 * Gym Hopper (tasks.md): dt 0.002 (RK4) x frame skip 4, gear 200; reward dx/dt + 1 - 1e-3 sum a^2; terminates when
 * z <= 0.7 or |pitch| >= 0.2 or any |qpos[2:]|, |qvel| >= 100; reset noise U(+-5e-3); SLAC action repeat 2.
 * State: qpos[1:], clip(qvel, -10, 10) (11).
 */
public final class GymHopper extends GymLocomotion {
    public static final TaskSpec SPEC = new TaskSpec("gym-hopper", "MuJoCo", 3, 2, 1000, 0.008, 11);
    /** Gym clips the observed qvel to +-10. */
    static final double VELOCITY_LIMIT = 10;

    public GymHopper(long seed) {
        super(SPEC, "/mujoco/hopper.xml", seed, 1.0, 1e-3, 1, VELOCITY_LIMIT);
        reset();
    }

    @Override
    protected void initializeEpisode() {
        uniformNoise(5e-3);
    }

    @Override
    boolean unhealthy(double[] qpos, double[] qvel) {
        return unhealthyState(qpos, qvel);
    }

    /** qpos[1] is the torso height, qpos[2] the pitch (hopper.xml contract). */
    static boolean unhealthyState(double[] qpos, double[] qvel) {
        if (!(qpos[1] > 0.7) || !(Math.abs(qpos[2]) < 0.2)) {
            return true;
        }
        for (int i = 2; i < qpos.length; i++) {
            if (!(Math.abs(qpos[i]) < 100)) {
                return true;
            }
        }
        for (double v : qvel) {
            if (!(Math.abs(v) < 100)) {
                return true;
            }
        }
        return false;
    }
}
