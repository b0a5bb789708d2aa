package slaclab.environments.mujoco;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * Stored first frames of the MuJoCo tasks (src/test/resources/mujoco-frames/TASK.png, 64x64). Regenerate after an
 * intended change to a model or the renderer with
 * {@code mvn -o test -Dtest=MujocoTasksTest -Dslaclab.regenerateFrames=true} (writes the PNGs into src/test/resources).
 */
final class ReferenceFrames {
    static final String PROPERTY = "slaclab.regenerateFrames";

    private ReferenceFrames() {
    }

    static boolean regenerate() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** The stored frame as 64x64x3 bytes, or null if there is none. */
    static byte[] load(String task) throws IOException {
        try (InputStream in = ReferenceFrames.class.getResourceAsStream("/mujoco-frames/" + task + ".png")) {
            if (in == null) {
                return null;
            }
            BufferedImage im = ImageIO.read(in);
            byte[] rgb = new byte[64 * 64 * 3];
            for (int i = 0; i < 64 * 64; i++) {
                int p = im.getRGB(i % 64, i / 64);
                rgb[3 * i] = (byte) (p >> 16);
                rgb[3 * i + 1] = (byte) (p >> 8);
                rgb[3 * i + 2] = (byte) p;
            }
            return rgb;
        }
    }

    static void save(String task, byte[] rgb) throws IOException {
        BufferedImage im = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 64 * 64; i++) {
            im.setRGB(i % 64, i / 64, ((rgb[3 * i] & 255) << 16) | ((rgb[3 * i + 1] & 255) << 8) | (rgb[3 * i + 2] & 255));
        }
        Path file = Path.of("src/test/resources/mujoco-frames", task + ".png");
        Files.createDirectories(file.getParent());
        ImageIO.write(im, "png", file.toFile());
    }

    /** Mean absolute difference per channel value, 0..255. */
    static double meanAbsoluteDifference(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 255) - (b[i] & 255));
        }
        return (double) sum / a.length;
    }
}
