package slaclab.engine.io;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * Animated GIFs of frame sequences (an imagination, a rollout, an episode) through the JDK's own GIF writer: every
 * frame is a row of labelled panels (64x64 frames drawn larger with sharp pixels) over a caption line (the frame
 * counter, the action), and the file loops forever (the NETSCAPE2.0 extension).
 */
public final class AnimatedGif {
    private static final Color BACKGROUND = new Color(24, 26, 31);
    private static final Color TEXT = new Color(235, 237, 240);
    private static final Color LABEL = new Color(150, 156, 168);

    private AnimatedGif() {
    }

    /**
     * One frame: {@code panels} (each imageSize x imageSize HWC RGB bytes) side by side, drawn {@code scale} times
     * larger, each with its label above, and {@code caption} below.
     */
    public static BufferedImage frame(List<String> labels, List<byte[]> panels, int imageSize, int scale,
                                      String caption) {
        if (labels.size() != panels.size() || panels.isEmpty()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + panels.size() + " panels");
        }
        int cell = imageSize * scale, gap = Math.max(4, cell / 32);
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(11, Math.min(20, cell / 14)));
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        pg.dispose();
        int line = fm.getHeight() + gap;
        int w = panels.size() * cell + (panels.size() + 1) * gap;
        int h = line + cell + gap + line;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, w, h);
        g.setFont(font);
        for (int p = 0; p < panels.size(); p++) {
            int x0 = gap + p * (cell + gap);
            g.setColor(LABEL);
            g.drawString(labels.get(p), x0, gap / 2 + fm.getAscent());
            g.drawImage(scaled(panels.get(p), imageSize, scale), x0, line, null);
        }
        g.setColor(TEXT);
        g.drawString(caption, gap, line + cell + gap + fm.getAscent());
        g.dispose();
        return img;
    }

    /**
     * Sequences as a GIF (e.g. a rollout's truth, posterior, prior and conditional-prior rows): frame t shows every
     * sequence's frame t side by side, labelled, captioned "t=k of n" (from 1, as the rollout grid numbers them).
     */
    public static void writeSequences(Path gif, List<String> labels, List<List<byte[]>> sequences, int imageSize,
                                      int scale, int delayMs) throws IOException {
        int n = sequences.stream().mapToInt(List::size).max().orElse(0);
        List<BufferedImage> frames = new java.util.ArrayList<>();
        for (int t = 0; t < n; t++) {
            List<byte[]> panels = new java.util.ArrayList<>();
            for (List<byte[]> seq : sequences) {
                panels.add(t < seq.size() ? seq.get(t) : new byte[3 * imageSize * imageSize]);
            }
            frames.add(frame(labels, panels, imageSize, scale, "t=" + (t + 1) + " of " + n));
        }
        write(gif, frames, delayMs);
    }

    private static BufferedImage scaled(byte[] hwc, int size, int scale) {
        BufferedImage out = new BufferedImage(size * scale, size * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size * scale; y++) {
            for (int x = 0; x < size * scale; x++) {
                int i = 3 * ((y / scale) * size + x / scale);
                out.setRGB(x, y, (hwc[i] & 0xff) << 16 | (hwc[i + 1] & 0xff) << 8 | (hwc[i + 2] & 0xff));
            }
        }
        return out;
    }

    /** Writes the frames as a looping GIF, each shown {@code delayMs} (rounded to the format's 10 ms), atomically. */
    public static void write(Path gif, List<BufferedImage> frames, int delayMs) throws IOException {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a GIF needs at least one frame");
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IOException("this Java runtime has no GIF writer");
        }
        ImageWriter writer = writers.next();
        AtomicFiles.write(gif, out -> {
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.prepareWriteSequence(null);
                for (BufferedImage f : frames) {
                    writer.writeToSequence(new IIOImage(f, null, metadata(writer, f, delayMs)), null);
                }
                writer.endWriteSequence();
            } finally {
                writer.dispose();
            }
        });
    }

    private static IIOMetadata metadata(ImageWriter writer, BufferedImage f, int delayMs) throws IOException {
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata m = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(f), param);
        String format = m.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) m.getAsTree(format);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(Math.max(1, Math.round(delayMs / 10f))));
        control.setAttribute("transparentColorIndex", "0");
        IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
        app.setAttribute("applicationID", "NETSCAPE");
        app.setAttribute("authenticationCode", "2.0");
        app.setUserObject(new byte[]{1, 0, 0});                 // loop forever
        child(root, "ApplicationExtensions").appendChild(app);
        m.setFromTree(format, root);
        return m;
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
