package slaclab.environments;

import java.util.SplittableRandom;

import slaclab.rendering.Camera;
import slaclab.rendering.Capsule;
import slaclab.rendering.Cylinder;
import slaclab.rendering.Palette;
import slaclab.rendering.Plane;
import slaclab.rendering.RayCaster;
import slaclab.rendering.Rotation;
import slaclab.rendering.Scene;
import slaclab.rendering.Sphere;

/**
 * DeepMind Control's pendulum swingup in pure Java (tasks.md): a 1 kg bob 0.5 m from a hinge with damping 0.1,
 * gravity 9.81, torque = 1 x action, control dt 0.02; reward 1 while the pole is within 8 degrees of upright.
 * The angle is 0 when the bob is straight above the hinge and grows rotating +z towards +x (hinge axis +y).
 */
public final class PendulumSwingup implements Environment {
    /** Action repeat 2: the SLAC paper has no setting for this task; tasks.md says 2-4 works. */
    public static final TaskSpec SPEC = new TaskSpec("pendulum-swingup", "pure Java", 1, 2, 1000, 0.02, 3);

    static final double BOB_MASS = 1.0;
    static final double LENGTH = 0.5;
    static final double BOB_RADIUS = 0.05;
    static final double GRAVITY = 9.81;
    static final double DAMPING = 0.1;
    static final double GEAR = 1.0;
    /** Point mass at 0.5 m plus the bob sphere's own inertia (2/5 m r^2), as MuJoCo computes it; the rod is massless. */
    static final double INERTIA = BOB_MASS * LENGTH * LENGTH + 0.4 * BOB_MASS * BOB_RADIUS * BOB_RADIUS;
    /** RK4 substeps per 0.02 s control step. */
    static final int SUBSTEPS = 4;
    static final double COS_UPRIGHT = Math.cos(Math.toRadians(8));
    /** Hinge height above the floor (DeepMind Control's model). */
    static final double PIVOT_HEIGHT = 0.6;

    private final SplittableRandom random;
    private final double damping;
    private double angle;
    private double velocity;
    private int steps;

    private final Scene scene;
    private final RayCaster caster = RayCaster.standard64();
    private final Capsule pole;
    private final Sphere bob;
    private final double[] rotation = new double[9];

    public PendulumSwingup(long seed) {
        this(seed, DAMPING);
    }

    /** Test hook: a pendulum with another hinge damping (0 for energy conservation checks). */
    PendulumSwingup(long seed, double damping) {
        this.random = new SplittableRandom(seed);
        this.damping = damping;
        // DeepMind Control's "fixed" camera: at (0,-1.5,2) with xyaxes (1 0 0, 0 1 1), looking down at 45 degrees
        scene = new Scene(new Camera().setPosition(0, -1.5, 2).setXyAxes(1, 0, 0, 0, 1, 1));
        scene.add(Plane.floor(2, 2));
        scene.add(new Cylinder(0.021, 0.03, Palette.DECORATION)).setFromTo(0, -0.03, PIVOT_HEIGHT, 0, 0.03, PIVOT_HEIGHT);
        pole = scene.add(new Capsule(0.02, LENGTH / 2, Palette.BODY));
        bob = scene.add(new Sphere(BOB_RADIUS, Palette.EFFECTOR));
        reset();
    }

    @Override
    public TaskSpec spec() {
        return SPEC;
    }

    @Override
    public void reset() {
        angle = random.nextDouble(-Math.PI, Math.PI); // tasks.md: uniform in [-pi, pi), velocity 0
        velocity = 0;
        steps = 0;
    }

    @Override
    public Step step(double[] action) {
        Actions.check(action, 1);
        if (steps >= SPEC.episodeSteps()) {
            throw new IllegalStateException("episode is over after " + steps + " steps; call reset()");
        }
        double torque = GEAR * Actions.clip(action[0]);
        double h = SPEC.controlDt() / SUBSTEPS;
        for (int i = 0; i < SUBSTEPS; i++) {
            rk4(h, torque);
        }
        angle -= 2 * Math.PI * Math.floor((angle + Math.PI) / (2 * Math.PI)); // wrap to [-pi, pi)
        steps++;
        boolean diverged = !Double.isFinite(angle) || !Double.isFinite(velocity);
        double reward = !diverged && Math.cos(angle) >= COS_UPRIGHT ? 1.0 : 0.0;
        return new Step(reward, diverged, !diverged && steps >= SPEC.episodeSteps());
    }

    /** I th'' = m g l sin th - b th' + torque (th = 0 upright). */
    private double acceleration(double th, double thDot, double torque) {
        return (BOB_MASS * GRAVITY * LENGTH * Math.sin(th) - damping * thDot + torque) / INERTIA;
    }

    private void rk4(double h, double torque) {
        double k1x = velocity;
        double k1v = acceleration(angle, velocity, torque);
        double k2x = velocity + 0.5 * h * k1v;
        double k2v = acceleration(angle + 0.5 * h * k1x, k2x, torque);
        double k3x = velocity + 0.5 * h * k2v;
        double k3v = acceleration(angle + 0.5 * h * k2x, k3x, torque);
        double k4x = velocity + h * k3v;
        double k4v = acceleration(angle + h * k3x, k4x, torque);
        angle += h / 6 * (k1x + 2 * k2x + 2 * k3x + k4x);
        velocity += h / 6 * (k1v + 2 * k2v + 2 * k3v + k4v);
    }

    @Override
    public void render(byte[] rgb) {
        double s = Math.sin(angle), c = Math.cos(angle);
        Rotation.aboutY(angle, rotation); // local z -> (sin th, 0, cos th)
        pole.setRotation(rotation).setPosition(0.5 * LENGTH * s, 0, PIVOT_HEIGHT + 0.5 * LENGTH * c);
        bob.setPosition(LENGTH * s, 0, PIVOT_HEIGHT + LENGTH * c);
        caster.render(scene, rgb);
    }

    /** [cos th, sin th, th'] (DeepMind Control's orientation and velocity observations). */
    @Override
    public double[] state() {
        return new double[] {Math.cos(angle), Math.sin(angle), velocity};
    }

    /** Test hook. */
    void setState(double angle, double velocity) {
        this.angle = angle;
        this.velocity = velocity;
    }

    /** Kinetic plus potential energy, potential zero at the hinge height. */
    double energy() {
        return 0.5 * INERTIA * velocity * velocity + BOB_MASS * GRAVITY * LENGTH * Math.cos(angle);
    }

    int stepsTaken() {
        return steps;
    }
}
