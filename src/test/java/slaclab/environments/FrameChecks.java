package slaclab.environments;

import java.util.HashSet;
import java.util.Set;

/** Pixel statistics used by the environment tests. */
public final class FrameChecks {
    private FrameChecks() {
    }

    static byte[] frame(Environment env) {
        byte[] rgb = new byte[Environment.IMAGE_SIZE * Environment.IMAGE_SIZE * 3];
        env.render(rgb);
        return rgb;
    }

    public static int distinctColours(byte[] rgb) {
        Set<Integer> colours = new HashSet<>();
        for (int i = 0; i < rgb.length; i += 3) {
            colours.add(((rgb[i] & 255) << 16) | ((rgb[i + 1] & 255) << 8) | (rgb[i + 2] & 255));
        }
        return colours.size();
    }

    /**
     * Pixels with the warm body/effector hue (red > green > blue, red well above blue); floor and sky are
     * blue-dominant, so only the robot produces these.
     */
    public static int bodyPixels(byte[] rgb) {
        int count = 0;
        for (int i = 0; i < rgb.length; i += 3) {
            int r = rgb[i] & 255, g = rgb[i + 1] & 255, b = rgb[i + 2] & 255;
            if (r > g && g > b && r - b > 60) {
                count++;
            }
        }
        return count;
    }

    /** Mean column of the body-coloured pixels (NaN if none). */
    static double bodyColumn(byte[] rgb) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < rgb.length; i += 3) {
            int r = rgb[i] & 255, g = rgb[i + 1] & 255, b = rgb[i + 2] & 255;
            if (r > g && g > b && r - b > 60) {
                sum += (i / 3) % Environment.IMAGE_SIZE;
                count++;
            }
        }
        return sum / count;
    }

    /** Mean row of the body-coloured pixels (NaN if none); row 0 is the top. */
    static double bodyRow(byte[] rgb) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < rgb.length; i += 3) {
            int r = rgb[i] & 255, g = rgb[i + 1] & 255, b = rgb[i + 2] & 255;
            if (r > g && g > b && r - b > 60) {
                sum += (i / 3) / Environment.IMAGE_SIZE;
                count++;
            }
        }
        return sum / count;
    }

    static int differingPixels(byte[] a, byte[] b) {
        int count = 0;
        for (int i = 0; i < a.length; i += 3) {
            if (a[i] != b[i] || a[i + 1] != b[i + 1] || a[i + 2] != b[i + 2]) {
                count++;
            }
        }
        return count;
    }
}
