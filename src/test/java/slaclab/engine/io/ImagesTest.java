package slaclab.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static int distinctColors(BufferedImage img) {
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colors.add(img.getRGB(x, y));
            }
        }
        return colors.size();
    }

    @Test
    void returnCurveIsADecodablePng() throws IOException {
        double[] ts = new double[60];
        double[] tr = new double[60];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = i * 1000;
            tr[i] = 10 * i + (i % 3) * 20;
        }
        Path png = dir.resolve("returns.png");
        Plots.returnCurve(png, "cheetah run", ts, tr, new double[] {0, 20000, 40000}, new double[] {5, 150, Double.NaN});
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img);
        assertEquals(Plots.WIDTH, img.getWidth());
        assertEquals(Plots.HEIGHT, img.getHeight());
        assertTrue(distinctColors(img) > 10);
    }

    @Test
    void returnCurveHandlesEmptyAndSinglePoints() throws IOException {
        Path empty = dir.resolve("empty.png");
        Plots.returnCurve(empty, "walker walk", new double[0], new double[0], new double[0], new double[0]);
        BufferedImage img = ImageIO.read(empty.toFile());
        assertEquals(Plots.WIDTH, img.getWidth());
        assertTrue(distinctColors(img) > 2);

        Path single = dir.resolve("single.png");
        Plots.returnCurve(single, "walker walk", new double[] {0}, new double[] {3}, new double[] {0},
                new double[] {3});
        assertEquals(Plots.HEIGHT, ImageIO.read(single.toFile()).getHeight());
        assertThrows(IllegalArgumentException.class,
                () -> Plots.returnCurve(single, "x", new double[1], new double[2], new double[0], new double[0]));
    }

    @Test
    void compactTickLabels() {
        assertEquals("0", Plots.compact(0));
        assertEquals("500", Plots.compact(500));
        assertEquals("25k", Plots.compact(25000));
        assertEquals("1.5M", Plots.compact(1_500_000));
    }

    @Test
    void rolloutGridHasExpectedSizeAndShowsFrames() throws IOException {
        int s = 64;
        int scale = 2;
        List<List<byte[]>> rows = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            List<byte[]> row = new ArrayList<>();
            for (int t = 0; t < 9; t++) {
                byte[] f = new byte[3 * s * s];
                for (int y = 0; y < s; y++) {
                    for (int x = 0; x < s; x++) {
                        f[3 * (y * s + x)] = (byte) (x * 4);
                        f[3 * (y * s + x) + 1] = (byte) (y * 4);
                        f[3 * (y * s + x) + 2] = (byte) (t * 28 + r * 10);
                    }
                }
                row.add(f);
            }
            rows.add(row);
        }
        rows.get(3).set(8, null);
        List<String> labels = List.of("truth", "posterior", "prior", "cond. prior");
        Path png = dir.resolve("rollout.png");
        RolloutGrid.write(png, labels, rows, s, scale);
        BufferedImage img = ImageIO.read(png.toFile());
        BufferedImage expected = RolloutGrid.render(labels, rows, s, scale);
        assertEquals(expected.getWidth(), img.getWidth());
        assertEquals(expected.getHeight(), img.getHeight());
        assertTrue(img.getWidth() > 9 * s * scale && img.getHeight() > 4 * s * scale);
        assertTrue(distinctColors(img) > 100);
        // The bottom-right pixel of the last frame of row 0 shows frame pixel (63, 63) exactly.
        int frameRight = img.getWidth() - 1 - Math.max(12, s * scale / 8);
        int rowBottom = findRowBottom(img, frameRight, 0xFF000000 | (63 * 4) << 16 | (63 * 4) << 8 | (8 * 28));
        assertTrue(rowBottom > 0, "frame pixels found at the expected place");
    }

    private static int findRowBottom(BufferedImage img, int x, int argb) {
        for (int y = 0; y < img.getHeight(); y++) {
            if (img.getRGB(x, y) == argb) {
                return y;
            }
        }
        return -1;
    }

    @Test
    void toBytesConvertsChwToHwcWithClamping() {
        int s = 2;
        float[] chw = new float[1 + 3 * s * s];
        // offset 1; R plane, G plane, B plane
        float[] values = {0f, 1f, 0.5f, -3f, 0.2f, 2f, Float.NaN, 1f / 255f, 0.999f, 0.001f, 0.25f, 0.75f};
        System.arraycopy(values, 0, chw, 1, values.length);
        byte[] hwc = RolloutGrid.toBytes(chw, 1, s);
        int[] expected = {0, 51, 255, 255, 255, 0, 128, 0, 64, 0, 1, 191};
        int[] got = new int[hwc.length];
        for (int i = 0; i < hwc.length; i++) {
            got[i] = hwc[i] & 0xFF;
        }
        assertArrayEquals(expected, got);
    }
}
