package slaclab.rendering;

import java.util.Arrays;

/**
 * What a {@link RayCaster} draws: a camera, primitives, and DeepMind Control-like lighting: a headlight
 * at the camera (ambient 0.4, diffuse 0.8), one directional light from above that casts shadows, and a
 * sky gradient from (.4,.6,.8) straight up to black straight down (tasks.md, "Palette").
 * The directional light points straight down with diffuse 0.5 by default (DeepMind Control's models put a
 * light 6 m above the origin; MuJoCo's default spot light has diffuse 0.7 but is attenuated off its axis).
 * Build a scene once and move its primitives and camera between frames.
 */
public final class Scene {
    private final Camera camera;
    private Primitive[] primitives = new Primitive[8];
    private int size;
    final double[] toLight = {0, 0, 1};
    private double lightDiffuse = 0.5;
    private double ambient = Palette.HEADLIGHT_AMBIENT;
    private double headlightDiffuse = Palette.HEADLIGHT_DIFFUSE;
    private Rgb skyTop = Palette.SKY_TOP;
    private Rgb skyBottom = Palette.SKY_BOTTOM;

    public Scene(Camera camera) {
        if (camera == null) {
            throw new IllegalArgumentException("camera is required");
        }
        this.camera = camera;
    }

    /** Adds a primitive and returns it, for keeping a handle to move it later. */
    public <T extends Primitive> T add(T primitive) {
        if (primitive == null) {
            throw new IllegalArgumentException("primitive is required");
        }
        if (size == primitives.length) {
            primitives = Arrays.copyOf(primitives, 2 * size);
        }
        primitives[size++] = primitive;
        return primitive;
    }

    public Camera camera() {
        return camera;
    }

    public int size() {
        return size;
    }

    public Primitive primitive(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return primitives[index];
    }

    /** The directional light: direction towards the light (normalised here) and its diffuse intensity. */
    public Scene setLight(double towardX, double towardY, double towardZ, double diffuse) {
        Vec3.normalize(Vec3.set(toLight, towardX, towardY, towardZ));
        this.lightDiffuse = diffuse;
        return this;
    }

    public Scene setHeadlight(double ambient, double diffuse) {
        this.ambient = ambient;
        this.headlightDiffuse = diffuse;
        return this;
    }

    public Scene setSky(Rgb top, Rgb bottom) {
        this.skyTop = top;
        this.skyBottom = bottom;
        return this;
    }

    public double lightDiffuse() {
        return lightDiffuse;
    }

    public double ambient() {
        return ambient;
    }

    public double headlightDiffuse() {
        return headlightDiffuse;
    }

    public Rgb skyTop() {
        return skyTop;
    }

    public Rgb skyBottom() {
        return skyBottom;
    }
}
