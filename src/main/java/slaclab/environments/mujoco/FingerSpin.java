package slaclab.environments.mujoco;

import slaclab.environments.TaskSpec;
import slaclab.environments.mujoco.MujocoNative.DataField;
import slaclab.environments.mujoco.MujocoNative.ModelField;

/**
 * DeepMind Control's finger spin on MuJoCo (tasks.md): physics dt 0.01, control dt 0.02 (2 physics steps), gravity
 * off, motors proximal 30 and distal 15. Reward 1 if the spinner hinge velocity is <= -15 rad/s, else 0. Start:
 * proximal and distal uniform in their ranges (+-110 deg), spinner uniform in [-pi, pi], drawn again while anything
 * touches. Camera 0 fixed at (0,-1,0.8); SLAC action repeat 2. State: the suite's observation, position (proximal,
 * distal, spinner tip relative to the spinner's centre in x and z), velocity (proximal, distal, hinge), touch
 * (log1p of the touchtop and touchbottom sensors): 9 values.
 */
public final class FingerSpin extends MujocoTask {
    public static final TaskSpec SPEC = new TaskSpec("finger-spin", "MuJoCo", 2, 2, 1000, 0.02, 9);
    static final String MODEL = "/mujoco/finger.xml";
    static final double SPIN_VELOCITY = -15;
    static final int MAX_TRIES = 1000;
    /** sensordata layout (finger.xml): 0 hinge_velocity, 1 touchtop, 2 touchbottom. */
    static final int TOUCH_TOP = 1;
    static final int SENSOR_VALUES = 3;

    private final int hingeQvel;
    private final int[] fingerQpos = new int[2];
    private final int[] fingerQvel = new int[2];
    private final double[] fingerRange = new double[4];
    private final int hingeQpos;
    private final DataReader reader;
    private final int spinner;
    private final int tip;
    private final int xpos;
    private final int sitePos;
    private final int touch;

    public FingerSpin(long seed) {
        super(SPEC, Simulation.loadResource(MODEL), seed, 0);
        hingeQvel = sim.qvelAddress("hinge");
        hingeQpos = sim.qposAddress("hinge");
        double[] range = sim.model(ModelField.JNT_RANGE);
        String[] joints = {"proximal", "distal"};
        for (int i = 0; i < 2; i++) {
            int j = sim.jointId(joints[i]);
            fingerQpos[i] = sim.qposAddress(joints[i]);
            fingerQvel[i] = sim.qvelAddress(joints[i]);
            fingerRange[2 * i] = range[2 * j];
            fingerRange[2 * i + 1] = range[2 * j + 1];
        }
        spinner = sim.bodyId("spinner");
        tip = sim.siteId("tip");
        reader = sim.reader(DataField.XPOS, DataField.SITE_XPOS, DataField.SENSORDATA);
        xpos = reader.offset(DataField.XPOS);
        sitePos = reader.offset(DataField.SITE_XPOS);
        touch = reader.offset(DataField.SENSORDATA) + TOUCH_TOP;
        if (DataReader.size(sim, DataField.SENSORDATA) != SENSOR_VALUES) {
            sim.close();
            throw new IllegalStateException(MODEL + " must have the sensors hinge_velocity, touchtop, touchbottom"
                    + " (MODELS.md); it has " + DataReader.size(sim, DataField.SENSORDATA) + " sensor values");
        }
        reset();
    }

    @Override
    protected void initializeEpisode() {
        double[] q0 = sim.qpos();
        double[] zero = new double[sim.nv()];
        for (int tries = 0; tries < MAX_TRIES; tries++) {
            double[] q = q0.clone();
            for (int i = 0; i < 2; i++) {
                q[fingerQpos[i]] = uniform(fingerRange[2 * i], fingerRange[2 * i + 1]);
            }
            q[hingeQpos] = uniform(-Math.PI, Math.PI);
            sim.setState(q, zero);
            if (sim.contactCount() == 0) {
                return;
            }
        }
    }

    @Override
    protected double reward(double[] action) {
        return reward(sim.qvel()[hingeQvel]);
    }

    /**
     * position: proximal, distal, then the tip site minus the spinner body in x and z; velocity: proximal, distal,
     * hinge; touch: log1p of touchtop and touchbottom (MODELS.md "State layouts").
     */
    @Override
    public double[] state() {
        double[] v = reader.read();
        double[] q = sim.qpos();
        double[] qv = sim.qvel();
        int t = sitePos + 3 * tip, c = xpos + 3 * spinner;
        return new double[] {q[fingerQpos[0]], q[fingerQpos[1]], v[t] - v[c], v[t + 2] - v[c + 2],
                qv[fingerQvel[0]], qv[fingerQvel[1]], qv[hingeQvel],
                Math.log1p(v[touch]), Math.log1p(v[touch + 1])};
    }

    /** 1 when spinning at -15 rad/s or faster in the negative direction (tasks.md). */
    static double reward(double hingeVelocity) {
        return hingeVelocity <= SPIN_VELOCITY ? 1.0 : 0.0;
    }
}
