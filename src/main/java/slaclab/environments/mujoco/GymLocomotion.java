package slaclab.environments.mujoco;

import slaclab.environments.TaskSpec;

/**
 * Gym's MuJoCo locomotion tasks (tasks.md, v2-v4 defaults): reward = dx / dt + healthy bonus - ctrl weight * sum a^2
 * (- the ant's contact cost), dx = qpos[0] (root x) after minus before the control step's frame skip, dt = the
 * control step; 1000 steps; the subclasses say when the robot has failed (terminated). Images come from camera 0, a
 * side camera tracking the centre of mass from 3 m; SLAC flipped Gym's frames vertically because mujoco-py renders
 * them upside down, so ours, upright already, need no flip. State: Gym's observation, qpos without the root x (and
 * for the ant the root y too) then qvel, clipped to +-10 where Gym clips it (Hopper, Walker2d).
 */
abstract class GymLocomotion extends MujocoTask {
    private final double healthyReward;
    private final double controlCost;
    private final int hiddenPositions;
    private final double velocityLimit;
    private double xBefore;
    private double xAfter;
    private double[] lastQpos;
    private double[] lastQvel;

    /**
     * @param hiddenPositions leading qpos entries the observation leaves out (Gym's exclude_current_positions)
     * @param velocityLimit   qvel is clipped to +-this in the observation (infinite: not clipped)
     */
    GymLocomotion(TaskSpec spec, String model, long seed, double healthyReward, double controlCost,
                  int hiddenPositions, double velocityLimit) {
        super(spec, Simulation.loadResource(model), seed, 0);
        this.healthyReward = healthyReward;
        this.controlCost = controlCost;
        this.hiddenPositions = hiddenPositions;
        this.velocityLimit = velocityLimit;
    }

    /** qpos[hiddenPositions:], then qvel clipped to +-velocityLimit (MODELS.md "State layouts"). */
    @Override
    public final double[] state() {
        double[] q = sim.qpos();
        double[] v = sim.qvel();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(-velocityLimit, Math.min(velocityLimit, v[i]));
        }
        return concat(java.util.Arrays.copyOfRange(q, hiddenPositions, q.length), v);
    }

    /** qpos0 + U(-a, a) and qvel + U(-a, a) (Hopper, Walker2d). */
    final void uniformNoise(double a) {
        double[] q = sim.qpos();
        double[] v = new double[sim.nv()];
        for (int i = 0; i < q.length; i++) {
            q[i] += uniform(-a, a);
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = uniform(-a, a);
        }
        sim.setState(q, v);
    }

    /** qpos0 + U(-a, a) and qvel = a N(0, 1) (HalfCheetah, Ant with a = 0.1). */
    final void uniformGaussianNoise(double a) {
        double[] q = sim.qpos();
        double[] v = new double[sim.nv()];
        for (int i = 0; i < q.length; i++) {
            q[i] += uniform(-a, a);
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = a * random.nextGaussian();
        }
        sim.setState(q, v);
    }

    @Override
    protected boolean simulate(double[] ctrl) {
        xBefore = sim.qpos()[0];
        boolean diverged = super.simulate(ctrl);
        lastQpos = sim.qpos();
        lastQvel = sim.qvel();
        xAfter = lastQpos[0];
        return diverged;
    }

    @Override
    protected double reward(double[] action) {
        double squares = 0;
        for (double a : action) {
            squares += a * a;
        }
        return reward((xAfter - xBefore) / spec().controlDt(), healthyReward, controlCost, squares) - extraCost();
    }

    /** forward velocity + healthy bonus - weight * sum a^2. */
    static double reward(double forwardVelocity, double healthy, double controlWeight, double squaredActions) {
        return forwardVelocity + healthy - controlWeight * squaredActions;
    }

    /** Further costs (the ant's contact forces); 0 by default. */
    double extraCost() {
        return 0;
    }

    @Override
    protected final boolean failed() {
        return unhealthy(lastQpos, lastQvel);
    }

    /** Gym's termination test on the state after the step. */
    abstract boolean unhealthy(double[] qpos, double[] qvel);
}
