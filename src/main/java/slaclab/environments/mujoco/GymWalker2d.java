package slaclab.environments.mujoco;

import slaclab.environments.TaskSpec;

/**
 * Gym Walker2d (tasks.md): dt 0.002 (RK4) x frame skip 4, gear 100; reward dx/dt + 1 - 1e-3 sum a^2; terminates
 * unless 0.8 < z < 2 and -1 < pitch < 1; reset noise U(+-5e-3); SLAC action repeat 4.
 * State: qpos[1:], clip(qvel, -10, 10) (17).
 */
public final class GymWalker2d extends GymLocomotion {
    public static final TaskSpec SPEC = new TaskSpec("gym-walker2d", "MuJoCo", 6, 4, 1000, 0.008, 17);
    /** Gym clips the observed qvel to +-10. */
    static final double VELOCITY_LIMIT = 10;

    public GymWalker2d(long seed) {
        super(SPEC, "/mujoco/walker2d.xml", seed, 1.0, 1e-3, 1, VELOCITY_LIMIT);
        reset();
    }

    @Override
    protected void initializeEpisode() {
        uniformNoise(5e-3);
    }

    @Override
    boolean unhealthy(double[] qpos, double[] qvel) {
        return unhealthyState(qpos[1], qpos[2]);
    }

    /** Torso height qpos[1] and pitch qpos[2] (walker2d.xml contract). */
    static boolean unhealthyState(double height, double pitch) {
        return !(height > 0.8 && height < 2.0 && pitch > -1 && pitch < 1);
    }
}
