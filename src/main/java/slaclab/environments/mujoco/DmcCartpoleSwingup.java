package slaclab.environments.mujoco;

import slaclab.environments.TaskSpec;
import slaclab.environments.Tolerance;
import slaclab.environments.mujoco.MujocoNative.DataField;

/**
 * DeepMind Control's cartpole swingup on MuJoCo (tasks.md); named dmc-cartpole-swingup beside the pure-Java
 * cartpole-swingup. Physics dt 0.01 (RK4) = control dt, gear 10, cart limited to +-1.8 m. Reward upright * centered *
 * small_control * small_velocity with upright = (cos th + 1) / 2, centered = (1 + tolerance(x, margin 2)) / 2,
 * small_control = (4 + quadratic tolerance(u, margin 1, value 0)) / 5, small_velocity = (1 + tolerance(th', margin
 * 5)) / 2. Start: x, th - pi and both velocities 0.01 N(0,1). Camera 0 fixed at (0,-4,1); action repeat 8 as the
 * pure-Java task (PlaNet's). State: the suite's observation, position (cart x, pole cos, pole sin: xmat zz and xz of
 * the pole), velocity qvel: 5 values, as the pure-Java task's.
 */
public final class DmcCartpoleSwingup extends MujocoTask {
    public static final TaskSpec SPEC = new TaskSpec("dmc-cartpole-swingup", "MuJoCo", 1, 8, 1000, 0.01, 5);
    static final String MODEL = "/mujoco/cartpole.xml";

    private final int slider;
    private final int hinge;
    private final int sliderVelocity;
    private final int hingeVelocity;
    private final int pole;
    private final DataReader poses;

    public DmcCartpoleSwingup(long seed) {
        super(SPEC, Simulation.loadResource(MODEL), seed, 0);
        slider = sim.qposAddress("slider");
        hinge = sim.qposAddress("hinge_1");
        sliderVelocity = sim.qvelAddress("slider");
        hingeVelocity = sim.qvelAddress("hinge_1");
        pole = sim.bodyId("pole_1");
        poses = sim.reader(DataField.XMAT);
        reset();
    }

    @Override
    protected void initializeEpisode() {
        double[] q = sim.qpos();
        double[] v = new double[sim.nv()];
        q[slider] = 0.01 * random.nextGaussian();
        q[hinge] = Math.PI + 0.01 * random.nextGaussian();
        v[sliderVelocity] = 0.01 * random.nextGaussian();
        v[hingeVelocity] = 0.01 * random.nextGaussian();
        sim.setState(q, v);
    }

    @Override
    protected double reward(double[] action) {
        double[] q = sim.qpos();
        double[] v = sim.qvel();
        return reward(q[slider], q[hinge], v[hingeVelocity], action[0]);
    }

    /** position: cart x, pole xmat zz (cos) and xz (sin); velocity: qvel (MODELS.md "State layouts"). */
    @Override
    public double[] state() {
        double[] m = poses.read();
        double[] position = {sim.qpos()[slider], m[9 * pole + 8], m[9 * pole + 2]};
        return concat(position, sim.qvel());
    }

    static double reward(double x, double theta, double thetaDot, double u) {
        double upright = (Math.cos(theta) + 1) / 2;
        double centered = (1 + Tolerance.tolerance(x, 0, 0, 2)) / 2;
        double smallControl = (4 + Tolerance.tolerance(u, 0, 0, 1, Tolerance.Sigmoid.QUADRATIC, 0)) / 5;
        double smallVelocity = (1 + Tolerance.tolerance(thetaDot, 0, 0, 5)) / 2;
        return upright * centered * smallControl * smallVelocity;
    }
}
