package slaclab.environments.mujoco;

import slaclab.environments.TaskSpec;
import slaclab.environments.mujoco.MujocoNative.DataField;
import slaclab.environments.mujoco.MujocoNative.ModelField;

/**
 * DeepMind Control's ball_in_cup catch on MuJoCo (tasks.md): physics dt 0.002, control dt 0.02 (10 physics steps),
 * cup x and z slides (gear 5, spring 20, damping 3), ball on a 0.3 m string. Reward 1 if the ball centre is within
 * +-(target half size - ball radius) = +-0.025 of the target site in x and z, else 0. Start: ball offset x U(-0.2,
 * 0.2), z U(0.2, 0.5), drawn again while anything touches. Camera 0 fixed at (0,-1,0.8); action repeat 4.
 * State: the suite's observation, position qpos (cup x, z, ball x, z) then velocity qvel: 8 values.
 */
public final class BallInCupCatch extends MujocoTask {
    public static final TaskSpec SPEC = new TaskSpec("ball_in_cup-catch", "MuJoCo", 2, 4, 1000, 0.02, 8);
    static final String MODEL = "/mujoco/ball_in_cup.xml";
    /** Give up resampling a start without contacts after this many tries (never needed in practice). */
    static final int MAX_TRIES = 1000;

    private final DataReader reader;
    private final int ball;
    private final int target;
    private final int xpos;
    private final int sitePos;
    private final int ballX;
    private final int ballZ;
    private final double tolerance;

    public BallInCupCatch(long seed) {
        super(SPEC, Simulation.loadResource(MODEL), seed, 0);
        ball = sim.bodyId("ball");
        target = sim.siteId("target");
        ballX = sim.qposAddress("ball_x");
        ballZ = sim.qposAddress("ball_z");
        // DeepMind Control: target half size (site size, x and z alike) minus the ball radius = 0.025
        tolerance = sim.model(ModelField.SITE_SIZE)[3 * target] - sim.model(ModelField.GEOM_SIZE)[3 * sim.geomId("ball")];
        reader = sim.reader(DataField.XPOS, DataField.SITE_XPOS);
        xpos = reader.offset(DataField.XPOS);
        sitePos = reader.offset(DataField.SITE_XPOS);
        reset();
    }

    @Override
    protected void initializeEpisode() {
        double[] q0 = sim.qpos();
        double[] zero = new double[sim.nv()];
        for (int tries = 0; tries < MAX_TRIES; tries++) {
            double[] q = q0.clone();
            q[ballX] = uniform(-0.2, 0.2);
            q[ballZ] = uniform(0.2, 0.5);
            sim.setState(q, zero);
            if (sim.contactCount() == 0) {
                return;
            }
        }
    }

    @Override
    protected double reward(double[] action) {
        double[] v = reader.read();
        int b = xpos + 3 * ball, t = sitePos + 3 * target;
        return reward(v[t] - v[b], v[t + 2] - v[b + 2], tolerance);
    }

    /** position qpos, velocity qvel: the suite's observation is the raw state (MODELS.md "State layouts"). */
    @Override
    public double[] state() {
        return super.state();
    }

    /** 1 if the ball-to-target offsets in x and z are both within the tolerance, else 0. */
    static double reward(double dx, double dz, double tolerance) {
        return Math.abs(dx) <= tolerance && Math.abs(dz) <= tolerance ? 1.0 : 0.0;
    }
}
