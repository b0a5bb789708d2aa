package slaclab.environments;

/**
 * One instance of a control task: physics, reward and camera.
 * Instances are not thread-safe; each is seeded once and is reproducible from its seed.
 */
public interface Environment extends AutoCloseable {
    /** Image side length of every observation. */
    int IMAGE_SIZE = 64;

    TaskSpec spec();

    /** Starts a new episode from the task's initial state distribution (drawn from this instance's random stream). */
    void reset();

    /** Applies one control step; {@code action} has {@code spec().actionDim()} components in [-1, 1] (clipped). */
    Step step(double[] action);

    /**
     * Renders the current state from the task's camera into {@code rgb}, a 64x64x3 array in row-major
     * height-width-channel order (row 0 at the top), one unsigned byte per channel.
     */
    void render(byte[] rgb);

    /**
     * The true low-dimensional state, for state-based baselines: the task's standard observation (DeepMind Control's
     * or Gym's, flattened in the suite's order; src/main/resources/mujoco/MODELS.md "State layouts"), with no
     * unbounded world position in it. {@code spec().stateDim()} values.
     */
    double[] state();

    @Override
    default void close() {
    }
}
