package slaclab.environments.mujoco;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import slaclab.environments.mujoco.MujocoNative.DataField;
import slaclab.environments.mujoco.MujocoNative.Kind;
import slaclab.environments.mujoco.MujocoNative.ModelField;

/**
 * One MuJoCo model and its data (mjModel + mjData), owned by one thread. {@link #close()} frees the native memory;
 * a Simulation that is never closed is freed when it becomes unreachable (Cleaner). Any call after close throws
 * IllegalStateException instead of touching freed memory.
 */
public final class Simulation implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    /** The native handle, owned by the Cleaner action so it can free without the Simulation. */
    private static final class Handle implements Runnable {
        private long pointer;

        Handle(long pointer) {
            this.pointer = pointer;
        }

        @Override
        public synchronized void run() {
            if (pointer != 0) {
                MujocoNative.free(pointer);
                pointer = 0;
            }
        }
    }

    private final Handle handle;
    private final Cleaner.Cleanable cleanable;
    private final String source;
    private final int[] dims;
    private boolean closed;

    private Simulation(long pointer, String source) {
        this.handle = new Handle(pointer);
        this.cleanable = CLEANER.register(this, handle);
        this.source = source;
        this.dims = MujocoNative.dims(pointer);
    }

    /** Loads an MJCF file. Throws MujocoException with MuJoCo's message for a parse error, or if MuJoCo is missing. */
    public static Simulation load(Path file) {
        MujocoLibrary.require();
        if (!Files.isRegularFile(file)) {
            throw new MujocoException("MJCF file not found: " + file);
        }
        return new Simulation(MujocoNative.load(file.toAbsolutePath().toString()), file.toString());
    }

    /**
     * Loads an MJCF file from the class path (e.g. "/mujoco/cheetah.xml"). The model must be self-contained (no
     * includes or meshes): it is copied to a temporary file for MuJoCo's loader.
     */
    public static Simulation loadResource(String resource) {
        MujocoLibrary.require();
        try (InputStream in = Simulation.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new MujocoException("MJCF resource not found on the class path: " + resource);
            }
            Path tmp = Files.createTempFile("slaclab-model", ".xml");
            try {
                Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return new Simulation(MujocoNative.load(tmp.toString()), resource);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new MujocoException("could not read " + resource + ": " + e.getMessage(), e);
        }
    }

    long pointer() {
        if (closed) {
            throw new IllegalStateException("simulation of " + source + " is closed");
        }
        return handle.pointer;
    }

    public String source() {
        return source;
    }

    public int nq() {
        return dims[MujocoNative.NQ];
    }

    public int nv() {
        return dims[MujocoNative.NV];
    }

    public int nu() {
        return dims[MujocoNative.NU];
    }

    int dim(int index) {
        return dims[index];
    }

    /** The id of a named object, or -1 if the model has none. */
    int id(Kind kind, String name) {
        return MujocoNative.nameToId(pointer(), kind.ordinal(), name);
    }

    /** The id of a named object; IllegalArgumentException naming the model's objects of that kind if missing. */
    int requireId(Kind kind, String name) {
        int id = id(kind, name);
        if (id < 0) {
            throw new IllegalArgumentException("no " + kind.name().toLowerCase() + " named '" + name + "' in " + source
                    + "; " + plural(kind) + ": " + String.join(", ", names(kind)));
        }
        return id;
    }

    private static String plural(Kind kind) {
        return kind == Kind.BODY ? "bodies" : kind.name().toLowerCase() + "s";
    }

    public int bodyId(String name) {
        return requireId(Kind.BODY, name);
    }

    public int jointId(String name) {
        return requireId(Kind.JOINT, name);
    }

    public int geomId(String name) {
        return requireId(Kind.GEOM, name);
    }

    public int siteId(String name) {
        return requireId(Kind.SITE, name);
    }

    public int actuatorId(String name) {
        return requireId(Kind.ACTUATOR, name);
    }

    /** Names of every object of a kind (unnamed ones skipped). */
    List<String> names(Kind kind) {
        int count = switch (kind) {
            case BODY -> dims[MujocoNative.NBODY];
            case JOINT -> dims[MujocoNative.NJNT];
            case GEOM -> dims[MujocoNative.NGEOM];
            case SITE -> dims[MujocoNative.NSITE];
            case CAMERA -> dims[MujocoNative.NCAM];
            case ACTUATOR -> dims[MujocoNative.NU];
            case TENDON -> dims[MujocoNative.NTENDON];
            case MATERIAL -> dims[MujocoNative.NMAT];
            case SENSOR -> 0;
        };
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String n = MujocoNative.idToName(pointer(), kind.ordinal(), i);
            if (n != null && !n.isEmpty()) {
                names.add(n);
            }
        }
        return names;
    }

    String name(Kind kind, int id) {
        return MujocoNative.idToName(pointer(), kind.ordinal(), id);
    }

    /** A copy of a model array (once at start-up; values as doubles). */
    double[] model(ModelField field) {
        return MujocoNative.model(pointer(), field.ordinal());
    }

    /** Writes one element of a double-valued model array (e.g. a target geom's position). */
    void setModel(ModelField field, int index, double value) {
        if (!MujocoNative.setModel(pointer(), field.ordinal(), index, value)) {
            throw new IllegalArgumentException("cannot write " + field + "[" + index + "]");
        }
    }

    /** The qpos address of a named joint. */
    public int qposAddress(String joint) {
        return (int) model(ModelField.JNT_QPOSADR)[jointId(joint)];
    }

    /** The qvel (dof) address of a named joint. */
    public int qvelAddress(String joint) {
        return (int) model(ModelField.JNT_DOFADR)[jointId(joint)];
    }

    /** A reader for a fixed list of data fields, copied in one native call per {@link DataReader#read()}. */
    DataReader reader(DataField... fields) {
        return new DataReader(this, fields);
    }

    public double[] qpos() {
        double[] q = new double[nq()];
        MujocoNative.read(pointer(), new int[] {DataField.QPOS.ordinal()}, q);
        return q;
    }

    public double[] qvel() {
        double[] v = new double[nv()];
        MujocoNative.read(pointer(), new int[] {DataField.QVEL.ordinal()}, v);
        return v;
    }

    /** Sets positions and velocities, then mj_forward. */
    public void setState(double[] qpos, double[] qvel) {
        if (qpos.length != nq() || qvel.length != nv()) {
            throw new IllegalArgumentException("state needs " + nq() + " positions and " + nv() + " velocities");
        }
        MujocoNative.setState(pointer(), qpos, qvel);
    }

    /** Overwrites a double-valued data array (e.g. mocap_pos), then mj_forward. */
    void write(DataField field, double[] values) {
        if (!MujocoNative.write(pointer(), field.ordinal(), values)) {
            throw new IllegalArgumentException("cannot write " + values.length + " values to " + field);
        }
        forward();
    }

    /** mj_resetData (the model's reference pose qpos0, zero velocities) then mj_forward. */
    public void reset() {
        MujocoNative.reset(pointer());
    }

    public void forward() {
        MujocoNative.forward(pointer());
    }

    /** mj_rnePostConstraint: makes cfrc_ext (per-body contact forces) current. */
    void computeContactForces() {
        MujocoNative.contactForces(pointer());
    }

    /** mj_subtreeVel: makes subtree_linvel current. */
    void computeSubtreeVelocity() {
        MujocoNative.subtreeVelocity(pointer());
    }

    /**
     * ctrl = controls, then {@code substeps} physics steps. Returns true if the simulation diverged (MuJoCo's bad
     * state warnings or non-finite positions/velocities).
     */
    public boolean step(double[] controls, int substeps) {
        if (controls.length != nu()) {
            throw new IllegalArgumentException("need " + nu() + " controls, got " + controls.length);
        }
        return MujocoNative.step(pointer(), controls, substeps) != 0;
    }

    public int contactCount() {
        return MujocoNative.contacts(pointer(), null);
    }

    /** Contacts as (geom1, geom2, distance) triples; returns the contact count. */
    int contacts(double[] out) {
        return MujocoNative.contacts(pointer(), out);
    }

    public double timestep() {
        return model(ModelField.TIMESTEP)[0];
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cleanable.clean();
        }
    }
}
