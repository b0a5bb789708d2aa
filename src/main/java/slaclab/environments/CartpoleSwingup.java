package slaclab.environments;

import java.util.SplittableRandom;

import slaclab.rendering.Box;
import slaclab.rendering.Camera;
import slaclab.rendering.Capsule;
import slaclab.rendering.Palette;
import slaclab.rendering.Plane;
import slaclab.rendering.RayCaster;
import slaclab.rendering.Rotation;
import slaclab.rendering.Scene;

/**
 * DeepMind Control's cartpole swingup in pure Java (tasks.md): a 1 kg cart on a slider limited to +-1.8 m,
 * a uniform 0.1 kg, 1 m pole on a hinge at the cart centre, force = 10 x action, RK4 with dt 0.01 (one physics
 * step per control step). th = 0 is upright; th grows rotating +z towards +x (hinge axis +y).
 *
 * <p>Equations of motion (Lagrange). Cart mass M, pole mass m, length L, centre of mass at l = L/2,
 * inertia about the hinge J = m L^2 / 3. Pole centre (x + l sin th, l cos th):
 * <pre>
 *   T = 1/2 (M + m) x'^2 + m l cos(th) x' th' + 1/2 J th'^2,   V = m g l cos th
 *   (M + m) x'' + m l cos(th) th'' - m l sin(th) th'^2 = F - b_x x'
 *   m l cos(th) x'' + J th''       - m g l sin(th)      = -b_th th'
 * </pre>
 * solved as a 2x2 linear system each evaluation. The slider limit is a hard, plastic stop: the cart is
 * clamped and the impulse that zeroes its velocity into the wall also acts on the pole through the coupled
 * mass matrix (th' += m l cos(th) x' / J), which keeps the pole's motion consistent.
 */
public final class CartpoleSwingup implements Environment {
    /** Action repeat 8 (PlaNet; the SLAC paper's table says 4-8). */
    public static final TaskSpec SPEC = new TaskSpec("cartpole-swingup", "pure Java", 1, 8, 1000, 0.01, 5);

    static final double CART_MASS = 1.0;
    static final double POLE_MASS = 0.1;
    static final double POLE_LENGTH = 1.0;
    static final double HALF_LENGTH = POLE_LENGTH / 2;
    static final double POLE_INERTIA = POLE_MASS * POLE_LENGTH * POLE_LENGTH / 3; // about the hinge
    static final double GRAVITY = 9.81;
    static final double GEAR = 10.0;
    static final double SLIDER_LIMIT = 1.8;
    /** DeepMind Control's joint damping: slider 5e-4, hinge 2e-6. */
    static final double SLIDER_DAMPING = 5e-4;
    static final double HINGE_DAMPING = 2e-6;
    /** Hinge (cart centre) height; DeepMind Control's floor is 0.05 m lower than z = 0. */
    static final double CART_HEIGHT = 1.0;
    static final double FLOOR_HEIGHT = -0.05;
    /**
     * Camera distance behind the rail, DeepMind Control's (camera at y = -4). Its 45 degree view spans x in
     * +-1.66 m at the rail, so near the +-1.8 m stops the cart leaves the picture, as it does in DeepMind Control.
     */
    static final double CAMERA_DISTANCE = 4.0;

    private final SplittableRandom random;
    private double x;
    private double theta;
    private double xDot;
    private double thetaDot;
    private int steps;
    private double xAcc;
    private double thetaAcc;

    private final Scene scene;
    private final RayCaster caster = RayCaster.standard64();
    private final Box cart;
    private final Capsule pole;
    private final double[] rotation = new double[9];

    public CartpoleSwingup(long seed) {
        this.random = new SplittableRandom(seed);
        // DeepMind Control's "fixed" camera looks along +y (zaxis 0 -1 0) at the hinge height
        scene = new Scene(new Camera().setPosition(0, -CAMERA_DISTANCE, CART_HEIGHT).setZAxis(0, -1, 0));
        scene.add(Plane.floor(4, 4)).setPosition(0, 0, FLOOR_HEIGHT);
        Rotation.fromZAxis(1, 0, 0, rotation);
        scene.add(new Capsule(0.02, 2, Palette.DECORATION)).setRotation(rotation).setPosition(0, 0.07, CART_HEIGHT);
        scene.add(new Capsule(0.02, 2, Palette.DECORATION)).setRotation(rotation).setPosition(0, -0.07, CART_HEIGHT);
        cart = scene.add(new Box(0.2, 0.15, 0.1, Palette.BODY));
        pole = scene.add(new Capsule(0.045, HALF_LENGTH, Palette.BODY));
        reset();
    }

    @Override
    public TaskSpec spec() {
        return SPEC;
    }

    @Override
    public void reset() {
        // tasks.md: x, th - pi and both velocities each 0.01 N(0,1): the pole hangs down
        x = 0.01 * random.nextGaussian();
        theta = Math.PI + 0.01 * random.nextGaussian();
        xDot = 0.01 * random.nextGaussian();
        thetaDot = 0.01 * random.nextGaussian();
        steps = 0;
    }

    @Override
    public Step step(double[] action) {
        Actions.check(action, 1);
        if (steps >= SPEC.episodeSteps()) {
            throw new IllegalStateException("episode is over after " + steps + " steps; call reset()");
        }
        double u = Actions.clip(action[0]);
        rk4(SPEC.controlDt(), GEAR * u);
        enforceSliderLimit();
        steps++;
        boolean diverged = !(Double.isFinite(x) && Double.isFinite(theta) && Double.isFinite(xDot)
                && Double.isFinite(thetaDot));
        double reward = diverged ? 0.0 : reward(x, theta, thetaDot, u);
        return new Step(reward, diverged, !diverged && steps >= SPEC.episodeSteps());
    }

    /**
     * DeepMind Control's smooth swingup reward (tasks.md): upright * centered * small_control * small_velocity.
     */
    static double reward(double x, double theta, double thetaDot, double u) {
        double upright = (Math.cos(theta) + 1) / 2;
        double centered = (1 + Tolerance.tolerance(x, 0, 0, 2)) / 2;
        double smallControl = (4 + Tolerance.tolerance(u, 0, 0, 1, Tolerance.Sigmoid.QUADRATIC, 0)) / 5;
        double smallVelocity = (1 + Tolerance.tolerance(thetaDot, 0, 0, 5)) / 2;
        return upright * centered * smallControl * smallVelocity;
    }

    /** Sets {@link #xAcc} and {@link #thetaAcc} from the equations of motion in the class comment. */
    private void accelerations(double th, double xd, double thd, double force) {
        double sin = Math.sin(th), cos = Math.cos(th);
        double a = CART_MASS + POLE_MASS;
        double b = POLE_MASS * HALF_LENGTH * cos;
        double c = POLE_INERTIA;
        double r1 = force - SLIDER_DAMPING * xd + POLE_MASS * HALF_LENGTH * sin * thd * thd;
        double r2 = POLE_MASS * GRAVITY * HALF_LENGTH * sin - HINGE_DAMPING * thd;
        double det = a * c - b * b;
        xAcc = (c * r1 - b * r2) / det;
        thetaAcc = (a * r2 - b * r1) / det;
    }

    private void rk4(double h, double force) {
        accelerations(theta, xDot, thetaDot, force);
        double k1x = xDot, k1t = thetaDot, k1v = xAcc, k1w = thetaAcc;
        accelerations(theta + 0.5 * h * k1t, xDot + 0.5 * h * k1v, thetaDot + 0.5 * h * k1w, force);
        double k2x = xDot + 0.5 * h * k1v, k2t = thetaDot + 0.5 * h * k1w, k2v = xAcc, k2w = thetaAcc;
        accelerations(theta + 0.5 * h * k2t, xDot + 0.5 * h * k2v, thetaDot + 0.5 * h * k2w, force);
        double k3x = xDot + 0.5 * h * k2v, k3t = thetaDot + 0.5 * h * k2w, k3v = xAcc, k3w = thetaAcc;
        accelerations(theta + h * k3t, xDot + h * k3v, thetaDot + h * k3w, force);
        double k4x = xDot + h * k3v, k4t = thetaDot + h * k3w, k4v = xAcc, k4w = thetaAcc;
        x += h / 6 * (k1x + 2 * k2x + 2 * k3x + k4x);
        theta += h / 6 * (k1t + 2 * k2t + 2 * k3t + k4t);
        xDot += h / 6 * (k1v + 2 * k2v + 2 * k3v + k4v);
        thetaDot += h / 6 * (k1w + 2 * k2w + 2 * k3w + k4w);
    }

    /** Hard stop at +-1.8 m: clamp, and remove the velocity into the wall with an impulse on the cart. */
    private void enforceSliderLimit() {
        if (x > SLIDER_LIMIT || x < -SLIDER_LIMIT) {
            x = x > 0 ? SLIDER_LIMIT : -SLIDER_LIMIT;
            if (x * xDot > 0) {
                thetaDot += POLE_MASS * HALF_LENGTH * Math.cos(theta) * xDot / POLE_INERTIA;
                xDot = 0;
            }
        }
    }

    @Override
    public void render(byte[] rgb) {
        double s = Math.sin(theta), c = Math.cos(theta);
        cart.setPosition(x, 0, CART_HEIGHT);
        Rotation.aboutY(theta, rotation); // local z -> (sin th, 0, cos th)
        pole.setRotation(rotation).setPosition(x + HALF_LENGTH * s, 0, CART_HEIGHT + HALF_LENGTH * c);
        caster.render(scene, rgb);
    }

    /** [x, cos th, sin th, x', th'] (DeepMind Control's position and velocity observations). */
    @Override
    public double[] state() {
        return new double[] {x, Math.cos(theta), Math.sin(theta), xDot, thetaDot};
    }

    /** Test hook: sets the full state. */
    void setState(double x, double theta, double xDot, double thetaDot) {
        this.x = x;
        this.theta = theta;
        this.xDot = xDot;
        this.thetaDot = thetaDot;
    }

    int stepsTaken() {
        return steps;
    }
}
