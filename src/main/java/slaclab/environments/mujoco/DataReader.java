package slaclab.environments.mujoco;

import slaclab.environments.mujoco.MujocoNative.DataField;

/**
 * Copies a fixed list of mjData arrays back to back into one Java array in a single native call, and knows where
 * each field starts ({@link #offset}). One reader per use (e.g. a frame: geom poses, camera pose, tendon path).
 */
final class DataReader {
    private final Simulation sim;
    private final int[] codes;
    private final DataField[] fields;
    private final int[] offsets;
    private final double[] values;

    DataReader(Simulation sim, DataField... fields) {
        this.sim = sim;
        this.fields = fields.clone();
        this.codes = new int[fields.length];
        this.offsets = new int[fields.length];
        int total = 0;
        for (int i = 0; i < fields.length; i++) {
            codes[i] = fields[i].ordinal();
            offsets[i] = total;
            total += size(sim, fields[i]);
        }
        this.values = new double[Math.max(1, total)];
    }

    /** Number of values of a field for this model (fields whose size varies by step are not supported). */
    static int size(Simulation s, DataField f) {
        int nbody = s.dim(MujocoNative.NBODY), ngeom = s.dim(MujocoNative.NGEOM), nsite = s.dim(MujocoNative.NSITE);
        int ncam = s.dim(MujocoNative.NCAM), nten = s.dim(MujocoNative.NTENDON), nwrap = s.dim(MujocoNative.NWRAP);
        return switch (f) {
            case QPOS -> s.nq();
            case QVEL, QACC, QFRC_ACTUATOR -> s.nv();
            case CTRL, ACTUATOR_FORCE -> s.nu();
            case ACT -> s.dim(MujocoNative.NA);
            case XPOS, SUBTREE_COM, SUBTREE_LINVEL, XIPOS -> 3 * nbody;
            case XMAT -> 9 * nbody;
            case XQUAT -> 4 * nbody;
            case GEOM_XPOS -> 3 * ngeom;
            case GEOM_XMAT -> 9 * ngeom;
            case SITE_XPOS -> 3 * nsite;
            case SITE_XMAT -> 9 * nsite;
            case CAM_XPOS -> 3 * ncam;
            case CAM_XMAT -> 9 * ncam;
            case CVEL, CFRC_EXT -> 6 * nbody;
            case SENSORDATA -> s.dim(MujocoNative.NSENSORDATA);
            case TEN_WRAPADR, TEN_WRAPNUM, TEN_LENGTH -> nten;
            case WRAP_XPOS -> 6 * nwrap;
            case WRAP_OBJ -> 2 * nwrap;
            case TIME, NCON -> 1;
            case MOCAP_POS -> 3 * s.dim(MujocoNative.NMOCAP);
        };
    }

    /** Copies the fields from the simulation; returns the shared value array. */
    double[] read() {
        int n = MujocoNative.read(sim.pointer(), codes, values);
        if (n < 0) {
            throw new IllegalStateException("native read failed (field list too long or buffer too small)");
        }
        return values;
    }

    /** The values as of the last {@link #read()}. */
    double[] values() {
        return values;
    }

    int offset(DataField field) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == field) {
                return offsets[i];
            }
        }
        throw new IllegalArgumentException(field + " is not read by this reader");
    }
}
