package slaclab.rendering;

/** DeepMind Control's colours (tasks.md, "Palette"). */
public final class Palette {
    private Palette() {
    }

    public static final Rgb BODY = new Rgb(.7, .5, .3);
    public static final Rgb EFFECTOR = new Rgb(.7, .4, .2);
    public static final Rgb DECORATION = new Rgb(.3, .5, .7);
    public static final Rgb TARGET = new Rgb(.6, .3, .3);
    /** Floor checker squares. */
    public static final Rgb FLOOR_1 = new Rgb(.1, .2, .3);
    public static final Rgb FLOOR_2 = new Rgb(.2, .3, .4);
    /** Sky gradient: this colour straight up, black straight down. */
    public static final Rgb SKY_TOP = new Rgb(.4, .6, .8);
    public static final Rgb SKY_BOTTOM = new Rgb(0, 0, 0);
    /** Headlight (at the camera). */
    public static final double HEADLIGHT_AMBIENT = 0.4;
    public static final double HEADLIGHT_DIFFUSE = 0.8;
}
