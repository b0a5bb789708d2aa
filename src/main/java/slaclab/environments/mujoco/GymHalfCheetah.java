package slaclab.environments.mujoco;

import slaclab.environments.TaskSpec;

/**
 * Gym HalfCheetah (tasks.md): dt 0.01 x frame skip 5, gears 120, 90, 60, 120, 60, 30; reward dx/dt - 0.1 sum a^2;
 * never terminates; reset qpos + U(+-0.1), qvel 0.1 N(0,1); SLAC action repeat 1.
 * State: qpos[1:], qvel (17).
 */
public final class GymHalfCheetah extends GymLocomotion {
    public static final TaskSpec SPEC = new TaskSpec("gym-half-cheetah", "MuJoCo", 6, 1, 1000, 0.05, 17);

    public GymHalfCheetah(long seed) {
        super(SPEC, "/mujoco/half_cheetah.xml", seed, 0.0, 0.1, 1, Double.POSITIVE_INFINITY);
        reset();
    }

    @Override
    protected void initializeEpisode() {
        uniformGaussianNoise(0.1);
    }

    @Override
    boolean unhealthy(double[] qpos, double[] qvel) {
        return false;
    }
}
