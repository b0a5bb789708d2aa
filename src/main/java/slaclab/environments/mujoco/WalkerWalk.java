package slaclab.environments.mujoco;

import slaclab.environments.TaskSpec;
import slaclab.environments.Tolerance;
import slaclab.environments.mujoco.MujocoNative.DataField;
import slaclab.environments.mujoco.MujocoNative.ModelField;

/**
 * DeepMind Control's walker walk on MuJoCo (tasks.md): physics dt 0.0025, control dt 0.025 (10 physics steps),
 * 6 motors (hip 100, knee 50, ankle 20 per leg). Reward stand * (5 move + 1) / 6 with stand = (3 standing +
 * upright) / 4, standing = tolerance(torso z, [1.2, inf), margin 0.6, gaussian), upright = (1 + torso zz) / 2,
 * move = clip(vx, 0, 1) (vx: torso subtree centre-of-mass x velocity). Start: limited joints uniform in their
 * ranges, torso pitch uniform in [-pi, pi], torso at z = 1.3. Camera 0 tracks from the side; action repeat 2.
 * State: the suite's observation, orientations (xx and xz of each body's rotation matrix, 7 bodies), torso height,
 * velocity qvel: 24 values.
 */
public final class WalkerWalk extends MujocoTask {
    public static final TaskSpec SPEC = new TaskSpec("walker-walk", "MuJoCo", 6, 2, 1000, 0.025, 24);
    static final String MODEL = "/mujoco/walker.xml";
    static final double STAND_HEIGHT = 1.2;
    static final double WALK_SPEED = 1.0;

    private final DataReader reader;
    private final int torso;
    private final int xpos;
    private final int xmat;
    private final int sensor;
    private final int pitchQpos;
    private final int bodies;

    public WalkerWalk(long seed) {
        super(SPEC, Simulation.loadResource(MODEL), seed, 0);
        torso = sim.bodyId("torso");
        pitchQpos = sim.qposAddress("rooty");
        reader = sim.reader(DataField.XPOS, DataField.XMAT, DataField.SENSORDATA);
        xpos = reader.offset(DataField.XPOS);
        xmat = reader.offset(DataField.XMAT);
        sensor = reader.offset(DataField.SENSORDATA); // torso_subtreelinvel: sensordata[0..2]
        bodies = DataReader.size(sim, DataField.XPOS) / 3;
        reset();
    }

    @Override
    protected void initializeEpisode() {
        double[] q = sim.qpos();
        double[] limited = sim.model(ModelField.JNT_LIMITED);
        double[] range = sim.model(ModelField.JNT_RANGE);
        double[] adr = sim.model(ModelField.JNT_QPOSADR);
        for (int j = 0; j < limited.length; j++) {
            if (limited[j] != 0) {
                q[(int) adr[j]] = uniform(range[2 * j], range[2 * j + 1]);
            }
        }
        q[pitchQpos] = uniform(-Math.PI, Math.PI);
        sim.setState(q, new double[sim.nv()]);
    }

    @Override
    protected double reward(double[] action) {
        double[] v = reader.read();
        return reward(v[xpos + 3 * torso + 2], v[xmat + 9 * torso + 8], v[sensor]);
    }

    /**
     * orientations: for each body but the world, in model order, xmat xx then xz (the cosine and sine of its pitch);
     * height: torso z; velocity: qvel (MODELS.md "State layouts").
     */
    @Override
    public double[] state() {
        double[] v = reader.read();
        double[] orientations = new double[2 * (bodies - 1)];
        for (int b = 1; b < bodies; b++) {
            orientations[2 * (b - 1)] = v[xmat + 9 * b];
            orientations[2 * (b - 1) + 1] = v[xmat + 9 * b + 2];
        }
        return concat(orientations, new double[] {v[xpos + 3 * torso + 2]}, sim.qvel());
    }

    /** tasks.md walker walk reward from torso height, torso zz (cosine of its tilt) and forward velocity. */
    static double reward(double torsoHeight, double torsoZz, double vx) {
        double standing = Tolerance.tolerance(torsoHeight, STAND_HEIGHT, Double.POSITIVE_INFINITY, STAND_HEIGHT / 2);
        double upright = (1 + torsoZz) / 2;
        double stand = (3 * standing + upright) / 4;
        double move = Math.max(0, Math.min(1, vx / WALK_SPEED));
        return stand * (5 * move + 1) / 6;
    }
}
