package slaclab.environments.mujoco;

import java.util.ArrayList;
import java.util.List;

import slaclab.environments.mujoco.MujocoNative.DataField;
import slaclab.environments.mujoco.MujocoNative.ModelField;
import slaclab.rendering.Box;
import slaclab.rendering.Camera;
import slaclab.rendering.Capsule;
import slaclab.rendering.Cylinder;
import slaclab.rendering.Ellipsoid;
import slaclab.rendering.Plane;
import slaclab.rendering.Primitive;
import slaclab.rendering.Rgb;
import slaclab.rendering.Scene;
import slaclab.rendering.Sphere;

/**
 * The bridge from a MuJoCo model to the pure-Java ray caster: one primitive per visible geom (plane, sphere,
 * capsule, ellipsoid, cylinder, box; meshes and height fields are left out), coloured by its material or rgba
 * (the models carry DeepMind Control's palette), planes drawn as DeepMind Control's checker floor; tendons as thin
 * capsules along their wrap points; the camera is one of the model's (fixed or tracking: MuJoCo's cam_xpos/cam_xmat
 * after mj_step1 already follow the body or subtree centre of mass). Each {@link #update()} copies geom, camera and
 * tendon poses in one native call. Geom groups 0-2 are visible (MuJoCo's default), transparent geoms are skipped.
 */
final class MujocoScene {
    static final int GEOM_PLANE = 0, GEOM_SPHERE = 2, GEOM_CAPSULE = 3, GEOM_ELLIPSOID = 4, GEOM_CYLINDER = 5,
            GEOM_BOX = 6;
    /** A model without cameras is watched from this far to the side, tracking the first body's subtree. */
    static final double FALLBACK_DISTANCE = 3.0;

    private final Scene scene;
    private final int[] geomIds;
    private final Primitive[] geoms;
    private final int[] tendonIds;
    private final List<Capsule[]> tendonPieces = new ArrayList<>();
    private final int camera;
    private final DataReader reader;
    private final int geomPos, geomMat, camPos, camMat, wrapAdr, wrapNum, wrapPos, wrapObj, subtreeCom;

    /** @param cameraIndex the model camera to look through; -1 (or no cameras) for a side view tracking body 1 */
    MujocoScene(Simulation sim, int cameraIndex) {
        int ncam = sim.dim(MujocoNative.NCAM);
        if (cameraIndex >= ncam) {
            throw new IllegalArgumentException("camera " + cameraIndex + " requested, model has " + ncam);
        }
        camera = cameraIndex;
        double fovy = camera >= 0 ? sim.model(ModelField.CAM_FOVY)[camera] : Camera.DEFAULT_FOVY_DEGREES;
        scene = new Scene(new Camera(fovy));

        double[] type = sim.model(ModelField.GEOM_TYPE);
        double[] size = sim.model(ModelField.GEOM_SIZE);
        double[] group = sim.model(ModelField.GEOM_GROUP);
        double[] rgba = sim.model(ModelField.GEOM_RGBA);
        double[] matid = sim.model(ModelField.GEOM_MATID);
        double[] matRgba = sim.model(ModelField.MAT_RGBA);
        List<Integer> ids = new ArrayList<>();
        List<Primitive> prims = new ArrayList<>();
        for (int g = 0; g < type.length; g++) {
            double[] c = colour(rgba, g, matRgba, (int) matid[g]);
            if (group[g] > 2 || c[3] <= 0) {
                continue;
            }
            Primitive p = primitive((int) type[g], size[3 * g], size[3 * g + 1], size[3 * g + 2],
                    new Rgb(c[0], c[1], c[2]));
            if (p != null) {
                ids.add(g);
                prims.add(scene.add(p));
            }
        }
        geomIds = ids.stream().mapToInt(Integer::intValue).toArray();
        geoms = prims.toArray(new Primitive[0]);

        int ntendon = sim.dim(MujocoNative.NTENDON);
        int nwrap = sim.dim(MujocoNative.NWRAP);
        double[] width = sim.model(ModelField.TENDON_WIDTH);
        double[] tRgba = sim.model(ModelField.TENDON_RGBA);
        double[] tMat = sim.model(ModelField.TENDON_MATID);
        List<Integer> tids = new ArrayList<>();
        for (int t = 0; t < ntendon; t++) {
            double[] c = colour(tRgba, t, matRgba, (int) tMat[t]);
            if (c[3] <= 0 || !(width[t] > 0)) {
                continue;
            }
            Capsule[] pieces = new Capsule[Math.max(1, 2 * nwrap - 1)];
            for (int k = 0; k < pieces.length; k++) {
                pieces[k] = scene.add(new Capsule(width[t], 0, new Rgb(c[0], c[1], c[2])));
                pieces[k].setVisible(false);
            }
            tids.add(t);
            tendonPieces.add(pieces);
        }
        tendonIds = tids.stream().mapToInt(Integer::intValue).toArray();

        reader = sim.reader(DataField.GEOM_XPOS, DataField.GEOM_XMAT, DataField.CAM_XPOS, DataField.CAM_XMAT,
                DataField.TEN_WRAPADR, DataField.TEN_WRAPNUM, DataField.WRAP_XPOS, DataField.WRAP_OBJ,
                DataField.SUBTREE_COM);
        geomPos = reader.offset(DataField.GEOM_XPOS);
        geomMat = reader.offset(DataField.GEOM_XMAT);
        camPos = reader.offset(DataField.CAM_XPOS);
        camMat = reader.offset(DataField.CAM_XMAT);
        wrapAdr = reader.offset(DataField.TEN_WRAPADR);
        wrapNum = reader.offset(DataField.TEN_WRAPNUM);
        wrapPos = reader.offset(DataField.WRAP_XPOS);
        wrapObj = reader.offset(DataField.WRAP_OBJ);
        subtreeCom = reader.offset(DataField.SUBTREE_COM);
    }

    /** rgba of item i: its material's if it has one, else its own. */
    private static double[] colour(double[] rgba, int i, double[] matRgba, int mat) {
        double[] src = mat >= 0 ? matRgba : rgba;
        int at = 4 * (mat >= 0 ? mat : i);
        return new double[] {src[at], src[at + 1], src[at + 2], src[at + 3]};
    }

    /** The primitive of a MuJoCo geom type with MuJoCo's size convention, or null for unsupported types. */
    static Primitive primitive(int type, double s0, double s1, double s2, Rgb colour) {
        return switch (type) {
            case GEOM_PLANE -> Plane.floor(s0, s1);
            case GEOM_SPHERE -> new Sphere(s0, colour);
            case GEOM_CAPSULE -> new Capsule(s0, s1, colour);
            case GEOM_ELLIPSOID -> new Ellipsoid(s0, s1, s2, colour);
            case GEOM_CYLINDER -> new Cylinder(s0, s1, colour);
            case GEOM_BOX -> new Box(s0, s1, s2, colour);
            default -> null;
        };
    }

    Scene scene() {
        return scene;
    }

    /** Number of geoms drawn (tendons not counted). */
    int geomCount() {
        return geoms.length;
    }

    /** Copies the current poses from the simulation into the scene. */
    void update() {
        double[] v = reader.read();
        for (int i = 0; i < geoms.length; i++) {
            int g = geomIds[i];
            geoms[i].setPose(v, geomPos + 3 * g, v, geomMat + 9 * g);
        }
        Camera cam = scene.camera();
        if (camera >= 0) {
            int p = camPos + 3 * camera, m = camMat + 9 * camera;
            cam.setPosition(v[p], v[p + 1], v[p + 2]);
            // cam_xmat's columns are the camera's x (right), y (up), z (back) axes in world coordinates
            cam.setXyAxes(v[m], v[m + 3], v[m + 6], v[m + 1], v[m + 4], v[m + 7]);
        } else {
            int c = subtreeCom + 3; // body 1: the first body below the world
            double cx = v[c], cz = v[c + 2];
            cam.setPosition(cx, -FALLBACK_DISTANCE, cz).setXyAxes(1, 0, 0, 0, 0, 1);
        }
        for (int k = 0; k < tendonIds.length; k++) {
            int t = tendonIds[k];
            Capsule[] pieces = tendonPieces.get(k);
            int adr = (int) v[wrapAdr + t], num = (int) v[wrapNum + t];
            int used = 0;
            for (int j = adr; j < adr + num - 1 && used < pieces.length; j++) {
                if ((int) v[wrapObj + j] == -2 || (int) v[wrapObj + j + 1] == -2) {
                    continue; // pulley: no segment across it
                }
                int a = wrapPos + 3 * j, b = a + 3;
                pieces[used].setSegment(v[a], v[a + 1], v[a + 2], v[b], v[b + 1], v[b + 2]);
                pieces[used++].setVisible(true);
            }
            for (int j = used; j < pieces.length; j++) {
                pieces[j].setVisible(false);
            }
        }
    }
}
