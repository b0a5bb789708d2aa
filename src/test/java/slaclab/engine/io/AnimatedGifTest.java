package slaclab.engine.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rollout rows as an animated GIF: one frame per time step, the panels side by side, looping, with its delay. */
class AnimatedGifTest {
    @Test
    void aRolloutBecomesOneLoopingFramePerTimeStep(@TempDir Path dir) throws Exception {
        List<List<byte[]>> rows = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            List<byte[]> row = new ArrayList<>();
            for (int t = 0; t < 9; t++) {
                byte[] f = new byte[64 * 64 * 3];
                java.util.Arrays.fill(f, (byte) (20 * t + 10 * r));
                row.add(f);
            }
            rows.add(row);
        }
        List<String> labels = List.of("truth", "posterior", "prior", "cond. prior");
        Path gif = dir.resolve("rollouts.gif");
        AnimatedGif.writeSequences(gif, labels, rows, 64, 2, 300);

        BufferedImage expected = AnimatedGif.frame(labels, rows.stream().map(r -> r.get(0)).toList(), 64, 2, "");
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
            r.setInput(in);
            assertEquals(9, r.getNumImages(true), "one frame per time step");
            assertEquals(9, GifFiles.frames(gif).size());
            BufferedImage first = r.read(0), last = r.read(8);
            assertEquals(expected.getWidth(), first.getWidth());
            assertEquals(expected.getHeight(), first.getHeight());
            assertTrue(expected.getWidth() >= 4 * 128, "four panels of 128 pixels");
            // the first panel's centre shows the row's frame at that time step
            int y = first.getHeight() / 2, x = expected.getWidth() / 8;
            assertTrue((first.getRGB(x, y) & 0xff) < (last.getRGB(x, y) & 0xff), "the frames change with time");
            IIOMetadata m = r.getImageMetadata(0);
            String tree = dump(m.getAsTree(m.getNativeMetadataFormatName()));
            assertTrue(tree.contains("delayTime=30"), tree);
            assertTrue(tree.contains("applicationID=NETSCAPE"), tree);
            r.dispose();
        }
    }

    private static String dump(Node n) {
        StringBuilder sb = new StringBuilder(n.getNodeName());
        if (n.getAttributes() != null) {
            for (int i = 0; i < n.getAttributes().getLength(); i++) {
                Node a = n.getAttributes().item(i);
                sb.append(' ').append(a.getNodeName()).append('=').append(a.getNodeValue());
            }
        }
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            sb.append(" [").append(dump(c)).append(']');
        }
        return sb.toString();
    }
}
