package slaclab.environments.mujoco;

/**
 * The JNI entry points of libslacmujoco.so (src/main/native/slacmujoco.c). Only {@link MujocoLibrary} loads the
 * shim; everything else goes through {@link Simulation}. A handle is a pointer to the shim's model + data pair.
 *
 * <p>Why a JNI shim rather than JNA or JavaCPP: the shim is compiled against the installed MuJoCo headers, so
 * every mjModel/mjData offset is the compiler's, not a hand-written Java mirror of 3 kB and 41 kB structs (JNA's
 * Structure mapping would be exactly that mirror, and a silent source of garbage reads on any mismatch). It
 * copies whole arrays per call (one JNI crossing per step or frame; JNA adds microseconds per call, which
 * matters at 1-14 us per mj_step), and it turns mju_error, which would otherwise exit() the JVM, into a Java
 * exception. JavaCPP would also need a native build step (its generator compiles C++ with the same headers)
 * plus a large generated binding for the few functions used here. The shim is built by Maven when the headers
 * are present and skipped otherwise; see README "MuJoCo tasks".
 */
final class MujocoNative {
    private MujocoNative() {
    }

    /** mjData arrays, in the shim's order (slacmujoco.c data_field). */
    enum DataField {
        QPOS, QVEL, CTRL, ACT, QACC, XPOS, XMAT, XQUAT, GEOM_XPOS, GEOM_XMAT, SITE_XPOS, SITE_XMAT, CAM_XPOS,
        CAM_XMAT, SUBTREE_COM, CVEL, CFRC_EXT, SENSORDATA, TEN_WRAPADR, TEN_WRAPNUM, WRAP_XPOS, WRAP_OBJ, TIME, NCON,
        SUBTREE_LINVEL, TEN_LENGTH, QFRC_ACTUATOR, XIPOS, ACTUATOR_FORCE, MOCAP_POS
    }

    /** mjModel arrays, in the shim's order (slacmujoco.c model_field). */
    enum ModelField {
        TIMESTEP, INTEGRATOR, GEOM_TYPE, GEOM_SIZE, GEOM_RGBA, GEOM_MATID, GEOM_GROUP, GEOM_BODYID, GEOM_POS,
        MAT_RGBA, CAM_MODE, CAM_FOVY, CAM_BODYID, JNT_TYPE, JNT_QPOSADR, JNT_DOFADR, JNT_LIMITED, JNT_RANGE,
        BODY_PARENTID, BODY_POS, ACTUATOR_CTRLRANGE, ACTUATOR_GEAR, ACTUATOR_TRNID, TENDON_WIDTH, TENDON_RGBA,
        TENDON_MATID, QPOS0, SITE_SIZE, SITE_POS
    }

    /** Object kinds for name lookups, in the shim's order (slacmujoco.c obj_type). */
    enum Kind {
        BODY, JOINT, GEOM, SITE, CAMERA, ACTUATOR, TENDON, SENSOR, MATERIAL
    }

    /** Index of each value in {@link #dims}. */
    static final int NQ = 0, NV = 1, NU = 2, NA = 3, NBODY = 4, NJNT = 5, NGEOM = 6, NSITE = 7, NCAM = 8, NMAT = 9,
            NTENDON = 10, NWRAP = 11, NSENSORDATA = 12, NKEY = 13, NLIGHT = 14, NCONMAX = 15, NMOCAP = 16;

    static native int headerVersion();

    static native int libraryVersion();

    static native int[] layoutSizes();

    static native String signature();

    static native long load(String path);

    static native void free(long handle);

    static native int[] dims(long handle);

    static native int nameToId(long handle, int kind, String name);

    static native String idToName(long handle, int kind, int id);

    static native double[] model(long handle, int field);

    static native boolean setModel(long handle, int field, int index, double value);

    static native int read(long handle, int[] fields, double[] out);

    static native boolean write(long handle, int field, double[] values);

    static native void setState(long handle, double[] qpos, double[] qvel);

    static native void reset(long handle);

    static native void forward(long handle);

    static native void contactForces(long handle);

    static native void subtreeVelocity(long handle);

    static native int step(long handle, double[] ctrl, int substeps);

    static native int contacts(long handle, double[] out);
}
