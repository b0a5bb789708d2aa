package slaclab.environments.mujoco;

import slaclab.environments.TaskSpec;
import slaclab.environments.mujoco.MujocoNative.DataField;
import slaclab.environments.mujoco.MujocoNative.ModelField;

/**
 * DeepMind Control's reacher easy on MuJoCo (tasks.md): physics dt 0.02 = control dt, two motors of gear 0.05,
 * wrist limited to +-160 deg. Reward 1 if the finger is within 0.05 + 0.01 (target and finger radii) of the
 * target, else 0. Start: shoulder uniform in [-pi, pi], wrist uniform in its range; the target (a mocap body) at
 * angle U(0, 2 pi) and radius U(0.05, 0.20). Camera 0 looks down from z = 0.75; SLAC action repeat 4.
 * State: the suite's observation, position qpos (2), to_target = target minus finger in x and y (2), velocity
 * qvel (2).
 */
public final class ReacherEasy extends MujocoTask {
    public static final TaskSpec SPEC = new TaskSpec("reacher-easy", "MuJoCo", 2, 4, 1000, 0.02, 6);
    static final String MODEL = "/mujoco/reacher.xml";

    private final int shoulder;
    private final int wrist;
    private final double wristLow;
    private final double wristHigh;
    private final int finger;
    private final int target;
    private final double reach;
    private final DataReader geoms;
    private final double[] mocap = new double[3];

    public ReacherEasy(long seed) {
        super(SPEC, Simulation.loadResource(MODEL), seed, 0);
        shoulder = sim.qposAddress("shoulder");
        wrist = sim.qposAddress("wrist");
        double[] range = sim.model(ModelField.JNT_RANGE);
        int w = sim.jointId("wrist");
        wristLow = range[2 * w];
        wristHigh = range[2 * w + 1];
        finger = sim.geomId("finger");
        target = sim.geomId("target");
        double[] size = sim.model(ModelField.GEOM_SIZE);
        reach = size[3 * target] + size[3 * finger]; // 0.05 + 0.01
        geoms = sim.reader(DataField.GEOM_XPOS);
        reset();
    }

    @Override
    protected void initializeEpisode() {
        double[] q = sim.qpos();
        q[shoulder] = uniform(-Math.PI, Math.PI);
        q[wrist] = uniform(wristLow, wristHigh);
        sim.setState(q, new double[sim.nv()]);
        double angle = uniform(0, 2 * Math.PI);
        double radius = uniform(0.05, 0.20);
        mocap[0] = radius * Math.sin(angle);
        mocap[1] = radius * Math.cos(angle);
        mocap[2] = 0.01;
        sim.write(DataField.MOCAP_POS, mocap);
    }

    @Override
    protected double reward(double[] action) {
        double[] g = geoms.read();
        double dx = g[3 * target] - g[3 * finger], dy = g[3 * target + 1] - g[3 * finger + 1];
        return reward(Math.sqrt(dx * dx + dy * dy), reach);
    }

    static double reward(double distance, double reach) {
        return distance <= reach ? 1.0 : 0.0;
    }

    /** position qpos, to_target (target - finger, x and y), velocity qvel (MODELS.md "State layouts"). */
    @Override
    public double[] state() {
        double[] g = geoms.read();
        double[] toTarget = {g[3 * target] - g[3 * finger], g[3 * target + 1] - g[3 * finger + 1]};
        return concat(sim.qpos(), toTarget, sim.qvel());
    }
}
