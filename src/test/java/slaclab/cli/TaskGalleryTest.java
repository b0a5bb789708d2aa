package slaclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tasks --gallery}: the first frame of each task in one labelled PNG grid. */
class TaskGalleryTest {
    private static final List<String> PURE_JAVA = List.of("pendulum-swingup", "cartpole-swingup");

    @Test
    void tinyGalleryOfThePureJavaTasksHasTheLayoutSizeAndTheirFirstFrames(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("gallery.png");
        ByteArrayOutputStream notes = new ByteArrayOutputStream();
        List<String> drawn = TaskGallery.write(png, PURE_JAVA, 2, 4,
                new PrintStream(notes, true, StandardCharsets.UTF_8));
        assertEquals(PURE_JAVA, drawn);
        assertTrue(notes.toString(StandardCharsets.UTF_8).contains("wrote " + png + " (2 of 2 tasks"), notes.toString());

        BufferedImage image = ImageIO.read(png.toFile());
        // 2 frames in one row of 2 columns: cell 128, gap max(8, 128/12) = 10, label band max(20, 128/7) = 20
        assertEquals(2 * 10 + 2 * 128 + 10, image.getWidth());
        assertEquals(2 * 10 + 128 + 20, image.getHeight());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(png), files.toList(), "no temporary file left behind");
        }

        for (int i = 0; i < PURE_JAVA.size(); i++) {
            byte[] frame = TaskGallery.firstFrame(PURE_JAVA.get(i));
            int x0 = 10 + i * (128 + 10);
            int y0 = 10;
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < 128; y++) {
                for (int x = 0; x < 128; x++) {
                    int p = 3 * ((y / 2) * 64 + x / 2); // sharp pixels: each frame pixel is a 2x2 block
                    int expected = (frame[p] & 255) << 16 | (frame[p + 1] & 255) << 8 | (frame[p + 2] & 255);
                    int actual = image.getRGB(x0 + x, y0 + y) & 0xFFFFFF;
                    assertEquals(expected, actual, PURE_JAVA.get(i) + " pixel " + x + "," + y);
                    colours.add(actual);
                }
            }
            assertTrue(colours.size() > 50, PURE_JAVA.get(i) + " frame is not blank: " + colours.size() + " colours");
        }
        assertFalse(java.util.Arrays.equals(TaskGallery.firstFrame(PURE_JAVA.get(0)),
                TaskGallery.firstFrame(PURE_JAVA.get(1))), "two different tasks");

        // the label band under each frame carries text: light pixels on the dark background
        int light = 0;
        for (int y = 10 + 128; y < 10 + 128 + 20; y++) {
            for (int x = 10; x < 10 + 128; x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 8) & 255) > 150) {
                    light++;
                }
            }
        }
        assertTrue(light > 20, "label drawn under the frame: " + light + " light pixels");
    }

    @Test
    void moreTasksThanColumnsWrapIntoRows(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("g.png");
        TaskGallery.write(png, PURE_JAVA, 1, 1, new PrintStream(new ByteArrayOutputStream()));
        BufferedImage image = ImageIO.read(png.toFile());
        // 1 column, 2 rows: cell 64, gap 8, band 20
        assertEquals(2 * 8 + 64, image.getWidth());
        assertEquals(2 * 8 + 2 * (64 + 20) + 8, image.getHeight());
    }

    /** The list and the gallery cover the MuJoCo tasks only where MuJoCo is available. */
    @Test
    @Tag("mujoco")
    void commandKeepsTheListAndRejectsBadOptions(@TempDir Path dir) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ByteArrayOutputStream withGallery = new ByteArrayOutputStream();
        Path png = dir.resolve("all.png");
        try {
            System.setOut(new PrintStream(plain, true, StandardCharsets.UTF_8));
            assertEquals(0, new TasksCommand().run(new String[0]));
            System.setOut(new PrintStream(withGallery, true, StandardCharsets.UTF_8));
            assertEquals(0, new TasksCommand().run(new String[] {"--gallery", png.toString(), "--scale", "1"}));
        } finally {
            System.setOut(saved);
        }
        String list = plain.toString(StandardCharsets.UTF_8);
        String out = withGallery.toString(StandardCharsets.UTF_8);
        assertTrue(list.startsWith("task "), list);
        assertTrue(out.startsWith(list), "the task list comes first, unchanged:\n" + out);
        assertTrue(out.contains("gallery: wrote " + png), out);
        assertTrue(ImageIO.read(png.toFile()).getWidth() > 0);

        assertThrows(IllegalArgumentException.class, () -> new TasksCommand().run(new String[] {"--scale", "2"}));
        assertThrows(IllegalArgumentException.class,
                () -> new TasksCommand().run(new String[] {"--gallery", "x.png", "--scale", "0"}));
        assertThrows(IllegalArgumentException.class,
                () -> new TasksCommand().run(new String[] {"--gallery", "x.png", "--columns", "0"}));
        assertThrows(IllegalArgumentException.class, () -> new TasksCommand().run(new String[] {"--gallery"}));
    }
}
