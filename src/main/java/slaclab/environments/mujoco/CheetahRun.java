package slaclab.environments.mujoco;

import slaclab.environments.TaskSpec;
import slaclab.environments.mujoco.MujocoNative.DataField;
import slaclab.environments.mujoco.MujocoNative.ModelField;

/**
 * DeepMind Control's cheetah run on MuJoCo (tasks.md): physics dt 0.01 = control dt, 6 motors (gears bthigh 120,
 * bshin 90, bfoot 60, fthigh 90, fshin 60, ffoot 30, in cheetah.xml), reward clip(vx / 10, 0, 1) with vx the torso
 * subtree centre-of-mass x velocity; start: leg joints uniform in their ranges, then 200 zero-control steps;
 * camera 0 tracks the centre of mass from 3 m at the side; SLAC action repeat 4; 1000 steps. State: the suite's
 * observation, position qpos[1:] (the root x left out: it grows without bound) then velocity qvel, 17 values.
 */
public final class CheetahRun extends MujocoTask {
    public static final TaskSpec SPEC = new TaskSpec("cheetah-run", "MuJoCo", 6, 4, 1000, 0.01, 17);
    static final String MODEL = "/mujoco/cheetah.xml";
    /** tasks.md: reward saturates at 10 m/s. */
    static final double RUN_SPEED = 10;
    static final int SETTLING_STEPS = 200;
    static final String[] LEG_JOINTS = {"bthigh", "bshin", "bfoot", "fthigh", "fshin", "ffoot"};

    private final int[] legQpos = new int[LEG_JOINTS.length];
    private final double[] legRange = new double[2 * LEG_JOINTS.length];
    private final DataReader speed;
    private final int torsoVelocity;

    public CheetahRun(long seed) {
        super(SPEC, Simulation.loadResource(MODEL), seed, 0);
        double[] range = sim.model(ModelField.JNT_RANGE);
        for (int i = 0; i < LEG_JOINTS.length; i++) {
            int j = sim.jointId(LEG_JOINTS[i]);
            legQpos[i] = sim.qposAddress(LEG_JOINTS[i]);
            legRange[2 * i] = range[2 * j];
            legRange[2 * i + 1] = range[2 * j + 1];
        }
        // the model's subtreelinvel sensor on the torso: sensordata[0..2], computed by mj_step1 for the new state
        speed = sim.reader(DataField.SENSORDATA);
        torsoVelocity = 0;
        reset();
    }

    @Override
    protected void initializeEpisode() {
        double[] q = sim.qpos();
        for (int i = 0; i < legQpos.length; i++) {
            q[legQpos[i]] = uniform(legRange[2 * i], legRange[2 * i + 1]);
        }
        sim.setState(q, new double[sim.nv()]);
        settle(SETTLING_STEPS);
    }

    @Override
    protected double reward(double[] action) {
        return reward(speed.read()[torsoVelocity]);
    }

    /** clip(vx / 10, 0, 1) (tasks.md). */
    static double reward(double vx) {
        return Math.max(0, Math.min(1, vx / RUN_SPEED));
    }

    /** position = qpos without rootx (qpos[0]), then velocity = qvel (MODELS.md "State layouts"). */
    @Override
    public double[] state() {
        double[] q = sim.qpos();
        return concat(java.util.Arrays.copyOfRange(q, 1, q.length), sim.qvel());
    }

    /** The torso subtree centre-of-mass x velocity of the current state. */
    public double speed() {
        return speed.read()[torsoVelocity];
    }
}
