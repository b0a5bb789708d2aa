package slaclab.environments.mujoco;

import java.util.SplittableRandom;

import slaclab.environments.Environment;
import slaclab.environments.Step;
import slaclab.environments.TaskSpec;
import slaclab.rendering.RayCaster;

/**
 * Base of every MuJoCo task: one {@link Simulation}, a seeded random stream, and the control loop. One
 * {@link #step} is one control step = controlDt / physics dt physics steps done natively in one call (SLAC's action
 * repeat is applied on top, by the trainer). Actions are clipped to [-1, 1]. A diverged simulation (MuJoCo's bad
 * state warnings, non-finite state) ends the episode as terminated with reward 0 (tasks.md: "only a diverged
 * simulation ends early"). Subclasses give the initial state, the reward and, for Gym tasks, the termination rule.
 */
public abstract class MujocoTask implements Environment {
    protected final Simulation sim;
    protected final SplittableRandom random;
    private final TaskSpec spec;
    private final int substeps;
    private final int cameraIndex;
    private final double[] controls;
    private final RayCaster caster = RayCaster.standard64();
    private MujocoScene view;
    private int steps;
    private boolean over;

    /**
     * @param cameraIndex the model camera that gives the observation (tasks.md: camera 0); -1 for a side view
     */
    protected MujocoTask(TaskSpec spec, Simulation sim, long seed, int cameraIndex) {
        this.spec = spec;
        this.sim = sim;
        this.random = new SplittableRandom(seed);
        this.cameraIndex = cameraIndex;
        double ratio = spec.controlDt() / sim.timestep();
        this.substeps = (int) Math.round(ratio);
        if (substeps < 1 || Math.abs(ratio - substeps) > 1e-6 * ratio) {
            sim.close();
            throw new IllegalStateException(spec.name() + ": control dt " + spec.controlDt()
                    + " is not a whole number of physics steps of " + sim.timestep());
        }
        if (sim.nu() != spec.actionDim()) {
            sim.close();
            throw new IllegalStateException(spec.name() + ": model has " + sim.nu() + " actuators, task expects "
                    + spec.actionDim());
        }
        this.controls = new double[sim.nu()];
    }

    @Override
    public final TaskSpec spec() {
        return spec;
    }

    /** Physics steps per control step. */
    public final int substeps() {
        return substeps;
    }

    @Override
    public final void reset() {
        sim.reset();
        initializeEpisode();
        steps = 0;
        over = false;
    }

    /** Draws the initial state from {@link #random} and sets it (the simulation was just reset to qpos0). */
    protected abstract void initializeEpisode();

    /** Reward of the control step just taken, from the new state and the clipped action. */
    protected abstract double reward(double[] action);

    /** Gym-style failure: the episode ends without bootstrapping. DeepMind Control tasks never terminate. */
    protected boolean failed() {
        return false;
    }

    @Override
    public final Step step(double[] action) {
        if (action == null || action.length != controls.length) {
            throw new IllegalArgumentException("action must have " + controls.length + " component(s), got "
                    + (action == null ? "null" : action.length));
        }
        if (over || steps >= spec.episodeSteps()) {
            throw new IllegalStateException("episode is over after " + steps + " steps; call reset()");
        }
        for (int i = 0; i < controls.length; i++) {
            double a = action[i];
            if (!Double.isFinite(a)) {
                throw new IllegalArgumentException("action components must be finite, got " + a);
            }
            controls[i] = a < -1 ? -1 : (a > 1 ? 1 : a);
        }
        boolean diverged = simulate(controls);
        steps++;
        if (diverged) {
            over = true;
            return new Step(0.0, true, false);
        }
        double r = reward(controls);
        boolean failed = failed();
        boolean truncated = !failed && steps >= spec.episodeSteps();
        over = failed || truncated;
        return new Step(r, failed, truncated);
    }

    /** One control step of physics with these controls; true if the simulation diverged. */
    protected boolean simulate(double[] ctrl) {
        return sim.step(ctrl, substeps);
    }

    /** Runs {@code n} physics steps with zero controls (DeepMind Control's settling); true if it diverged. */
    protected final boolean settle(int n) {
        return sim.step(new double[sim.nu()], n);
    }

    public final int stepsTaken() {
        return steps;
    }

    @Override
    public void render(byte[] rgb) {
        if (view == null) {
            view = new MujocoScene(sim, cameraIndex);
        }
        view.update();
        caster.render(view.scene(), rgb);
    }

    /**
     * The raw simulator state, qpos then qvel. The built-in tasks override this with their suite's observation
     * (MODELS.md, "State layouts"); a user's MJCF model, which has none, keeps it.
     */
    @Override
    public double[] state() {
        return concat(sim.qpos(), sim.qvel());
    }

    /** The arrays back to back. */
    protected static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] out = new double[n];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** The underlying simulation (for tests and tools). */
    public final Simulation simulation() {
        return sim;
    }

    /** Uniform in [lo, hi). */
    protected final double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    @Override
    public void close() {
        sim.close();
    }
}
