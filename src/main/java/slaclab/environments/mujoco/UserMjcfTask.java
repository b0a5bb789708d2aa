package slaclab.environments.mujoco;

import java.nio.file.Files;
import java.nio.file.Path;

import slaclab.environments.TaskSpec;
import slaclab.environments.mujoco.MujocoNative.DataField;
import slaclab.environments.mujoco.MujocoNative.ModelField;

/**
 * A user's own MJCF model as a task: {@code mjcf:PATH} or {@code mjcf:PATH#BODY}. Reward: the x velocity of BODY's
 * subtree centre of mass (default: the first body below the world), i.e. "run forward". One control step is one
 * physics step of the model's timestep; actions in [-1, 1] are scaled to each actuator's ctrlrange when it has one;
 * the episode starts at the model's reference pose with velocities 0.01 N(0,1); 1000 steps, action repeat 4.
 * Observation: the model's camera 0, or a side view tracking the first body if it has no camera.
 */
public final class UserMjcfTask extends MujocoTask {
    public static final String PREFIX = "mjcf:";
    static final int DEFAULT_ACTION_REPEAT = 4;
    static final int EPISODE_STEPS = 1000;

    private final int body;
    private final double[] ctrlLow;
    private final double[] ctrlHigh;
    private final double[] scaled;
    private final DataReader velocity;

    private UserMjcfTask(TaskSpec spec, Simulation sim, int body, long seed) {
        super(spec, sim, seed, sim.dim(MujocoNative.NCAM) > 0 ? 0 : -1);
        this.body = body;
        double[] range = sim.model(ModelField.ACTUATOR_CTRLRANGE);
        ctrlLow = new double[sim.nu()];
        ctrlHigh = new double[sim.nu()];
        for (int i = 0; i < sim.nu(); i++) {
            ctrlLow[i] = range[2 * i];
            ctrlHigh[i] = range[2 * i + 1];
        }
        scaled = new double[sim.nu()];
        velocity = sim.reader(DataField.SUBTREE_LINVEL);
        reset();
    }

    public static boolean isUserModel(String name) {
        return name != null && name.startsWith(PREFIX);
    }

    /** The spec of {@code mjcf:PATH[#BODY]}; loads the model to count its actuators. */
    public static TaskSpec spec(String name) {
        try (Simulation sim = open(name)) {
            resolveBody(sim, name);
            return specOf(name, sim);
        }
    }

    public static UserMjcfTask create(String name, long seed) {
        Simulation sim = open(name);
        try {
            int body = resolveBody(sim, name);
            return new UserMjcfTask(specOf(name, sim), sim, body, seed);
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
    }

    private static TaskSpec specOf(String name, Simulation sim) {
        if (sim.nu() == 0) {
            throw new IllegalArgumentException(path(name) + " has no actuators: nothing for the agent to control");
        }
        return new TaskSpec(name, "MuJoCo", sim.nu(), DEFAULT_ACTION_REPEAT, EPISODE_STEPS, sim.timestep(),
                sim.nq() + sim.nv());
    }

    static String path(String name) {
        String rest = name.substring(PREFIX.length());
        int hash = rest.lastIndexOf('#');
        return hash >= 0 ? rest.substring(0, hash) : rest;
    }

    static String bodyName(String name) {
        String rest = name.substring(PREFIX.length());
        int hash = rest.lastIndexOf('#');
        return hash >= 0 ? rest.substring(hash + 1) : null;
    }

    /** Loads the file; IllegalArgumentException with a clear message for every way that can fail. */
    private static Simulation open(String name) {
        String file = path(name);
        if (file.isEmpty()) {
            throw new IllegalArgumentException("'" + name + "': give a file, e.g. mjcf:/path/to/model.xml#torso");
        }
        String why = MujocoLibrary.unavailableReason();
        if (why != null) {
            throw new IllegalArgumentException("cannot open " + file + ": " + why);
        }
        if (!Files.isRegularFile(Path.of(file))) {
            throw new IllegalArgumentException("MJCF file not found: " + file);
        }
        try {
            return Simulation.load(Path.of(file));
        } catch (MujocoException e) {
            throw new IllegalArgumentException("MuJoCo could not load " + file + ": " + e.getMessage().strip(), e);
        }
    }

    private static int resolveBody(Simulation sim, String name) {
        String body = bodyName(name);
        if (body == null) {
            if (sim.dim(MujocoNative.NBODY) < 2) {
                throw new IllegalArgumentException(path(name) + " has no bodies besides the world");
            }
            return 1;
        }
        return sim.bodyId(body);
    }

    @Override
    protected void initializeEpisode() {
        double[] v = new double[sim.nv()];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.01 * random.nextGaussian();
        }
        sim.setState(sim.qpos(), v);
    }

    @Override
    protected boolean simulate(double[] ctrl) {
        for (int i = 0; i < ctrl.length; i++) {
            scaled[i] = ctrlHigh[i] > ctrlLow[i]
                    ? ctrlLow[i] + (ctrl[i] + 1) / 2 * (ctrlHigh[i] - ctrlLow[i]) : ctrl[i];
        }
        return super.simulate(scaled);
    }

    @Override
    protected double reward(double[] action) {
        return forwardVelocity();
    }

    /** x velocity of the reward body's subtree centre of mass. */
    public double forwardVelocity() {
        sim.computeSubtreeVelocity();
        return velocity.read()[3 * body];
    }
}
