package slaclab.rendering;

/** An immutable linear RGB colour, each channel in [0, 1]. */
public record Rgb(double r, double g, double b) {
    public Rgb {
        if (!(r >= 0 && r <= 1 && g >= 0 && g <= 1 && b >= 0 && b <= 1)) {
            throw new IllegalArgumentException("colour channels must lie in [0, 1]: " + r + ", " + g + ", " + b);
        }
    }
}
