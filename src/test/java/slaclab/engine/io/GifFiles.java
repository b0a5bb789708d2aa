package slaclab.engine.io;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads animated GIFs back for tests. */
public final class GifFiles {
    private GifFiles() {
    }

    /** Every frame of the GIF, read with ImageIO. */
    public static List<BufferedImage> frames(Path gif) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
            try {
                r.setInput(in);
                int n = r.getNumImages(true);
                List<BufferedImage> out = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    out.add(r.read(i));
                }
                return out;
            } finally {
                r.dispose();
            }
        }
    }
}
