package slaclab.engine.io;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A PNG grid of image sequences: one labelled row per sequence (e.g. "truth", "posterior", "prior",
 * "cond. prior"), time running left to right, on a dark background; or a gallery of single frames, each labelled
 * underneath ({@link #writeGallery}, e.g. the first frame of every task).
 */
public final class RolloutGrid {
    private static final Color BACKGROUND = new Color(24, 26, 31);
    private static final Color LABEL = new Color(235, 237, 240);
    private static final Color HEADER = new Color(150, 156, 168);
    private static final Color EMPTY = new Color(44, 47, 54);
    private static final Color BORDER = new Color(70, 74, 84);

    private RolloutGrid() {
    }

    /**
     * Writes the grid to {@code png} atomically. Each frame is imageSize x imageSize HWC RGB uint8 (row 0 at the
     * top), drawn {@code scale} times larger with sharp pixels; null frames are left as empty cells. A header row
     * numbers the time steps.
     */
    public static void write(Path png, List<String> rowLabels, List<List<byte[]>> rows, int imageSize, int scale)
            throws IOException {
        BufferedImage image = render(rowLabels, rows, imageSize, scale);
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /** The grid as an image (what {@link #write} saves). */
    public static BufferedImage render(List<String> rowLabels, List<List<byte[]>> rows, int imageSize, int scale) {
        if (rowLabels.size() != rows.size()) {
            throw new IllegalArgumentException(rowLabels.size() + " labels for " + rows.size() + " rows");
        }
        if (imageSize <= 0 || scale <= 0) {
            throw new IllegalArgumentException("imageSize and scale must be positive");
        }
        int columns = 0;
        for (List<byte[]> row : rows) {
            columns = Math.max(columns, row.size());
        }
        int cell = imageSize * scale;
        int gap = Math.max(3, cell / 24);
        int margin = Math.max(12, cell / 8);
        Font labelFont = new Font(Font.SANS_SERIF, Font.BOLD, clamp(cell / 5, 14, 36));
        Font headerFont = new Font(Font.SANS_SERIF, Font.PLAIN, clamp(cell / 7, 12, 28));

        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics labelMetrics = pg.getFontMetrics(labelFont);
        FontMetrics headerMetrics = pg.getFontMetrics(headerFont);
        int labelWidth = 0;
        for (String label : rowLabels) {
            labelWidth = Math.max(labelWidth, labelMetrics.stringWidth(label == null ? "" : label));
        }
        pg.dispose();
        int labelColumn = labelWidth + 2 * margin;
        int headerHeight = headerMetrics.getHeight() + gap * 2;

        int width = labelColumn + Math.max(1, columns) * (cell + gap) - gap + margin;
        int height = margin + headerHeight + Math.max(1, rows.size()) * (cell + gap) - gap + margin;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);

            g.setFont(headerFont);
            g.setColor(HEADER);
            int headerBase = margin + headerMetrics.getAscent();
            for (int c = 0; c < columns; c++) {
                String text = "t=" + c;
                int x = labelColumn + c * (cell + gap) + (cell - headerMetrics.stringWidth(text)) / 2;
                g.drawString(text, x, headerBase);
            }

            int top = margin + headerHeight;
            for (int r = 0; r < rows.size(); r++) {
                int y = top + r * (cell + gap);
                String label = rowLabels.get(r) == null ? "" : rowLabels.get(r);
                g.setFont(labelFont);
                g.setColor(LABEL);
                int baseline = y + (cell - labelMetrics.getHeight()) / 2 + labelMetrics.getAscent();
                g.drawString(label, labelColumn - margin - labelMetrics.stringWidth(label), baseline);
                List<byte[]> row = rows.get(r);
                for (int c = 0; c < columns; c++) {
                    int x = labelColumn + c * (cell + gap);
                    byte[] frame = c < row.size() ? row.get(c) : null;
                    if (frame == null) {
                        g.setColor(EMPTY);
                        g.fillRect(x, y, cell, cell);
                    } else {
                        blit(image, frame, imageSize, scale, x, y);
                        g.setColor(BORDER);
                        g.drawRect(x - 1, y - 1, cell + 1, cell + 1);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Writes a gallery to {@code png} atomically: the frames in a grid of {@code columns} columns, left to right
     * then top to bottom, each drawn {@code scale} times larger with sharp pixels and its label centred beneath it
     * (in one font size, shrunk until the widest label fits a frame's width). Frames are imageSize x imageSize HWC RGB uint8.
     */
    public static void writeGallery(Path png, List<String> labels, List<byte[]> frames, int imageSize, int scale,
            int columns) throws IOException {
        BufferedImage image = renderGallery(labels, frames, imageSize, scale, columns);
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /**
     * The gallery as an image (what {@link #writeGallery} saves). With n frames, c = min(columns, n) columns and
     * r = ceil(n / c) rows, cell = imageSize * scale, gap = max(8, cell / 12), label band = max(20, cell / 7):
     * width = 2 gap + c cell + (c - 1) gap, height = 2 gap + r (cell + band) + (r - 1) gap.
     */
    public static BufferedImage renderGallery(List<String> labels, List<byte[]> frames, int imageSize, int scale,
            int columns) {
        if (labels.size() != frames.size()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + frames.size() + " frames");
        }
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames to draw");
        }
        if (imageSize <= 0 || scale <= 0 || columns <= 0) {
            throw new IllegalArgumentException("imageSize, scale and columns must be positive");
        }
        int n = frames.size();
        int cols = Math.min(columns, n);
        int rowCount = (n + cols - 1) / cols;
        int cell = imageSize * scale;
        int gap = galleryGap(cell);
        int band = galleryBand(cell);
        int width = 2 * gap + cols * cell + (cols - 1) * gap;
        int height = 2 * gap + rowCount * (cell + band) + (rowCount - 1) * gap;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            // one font size for every label: the largest (up to 3/4 of the band) at which the widest one fits
            int size = clamp(band * 3 / 4, 10, 28);
            FontMetrics m = g.getFontMetrics(new Font(Font.SANS_SERIF, Font.BOLD, size));
            while (size > 6 && widest(m, labels) > cell) {
                size--;
                m = g.getFontMetrics(new Font(Font.SANS_SERIF, Font.BOLD, size));
            }
            g.setFont(m.getFont());
            for (int i = 0; i < n; i++) {
                int x = gap + (i % cols) * (cell + gap);
                int y = gap + (i / cols) * (cell + band + gap);
                blit(image, frames.get(i), imageSize, scale, x, y);
                g.setColor(BORDER);
                g.drawRect(x - 1, y - 1, cell + 1, cell + 1);
                String label = labels.get(i) == null ? "" : labels.get(i);
                g.setColor(LABEL);
                int baseline = y + cell + (band - m.getHeight()) / 2 + m.getAscent() + 1;
                g.drawString(label, x + (cell - m.stringWidth(label)) / 2, baseline);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static int widest(FontMetrics m, List<String> labels) {
        int w = 0;
        for (String label : labels) {
            w = Math.max(w, m.stringWidth(label == null ? "" : label));
        }
        return w;
    }

    static int galleryGap(int cell) {
        return Math.max(8, cell / 12);
    }

    static int galleryBand(int cell) {
        return Math.max(20, cell / 7);
    }

    /**
     * Converts one decoded image, 3*S*S floats in CHW order starting at {@code offset} (values in [0,1], clamped;
     * NaN becomes 0), to HWC RGB uint8.
     */
    public static byte[] toBytes(float[] chw, int offset, int imageSize) {
        int plane = imageSize * imageSize;
        if (offset < 0 || offset + 3 * plane > chw.length) {
            throw new IndexOutOfBoundsException("image at " + offset + " exceeds array of " + chw.length);
        }
        byte[] out = new byte[3 * plane];
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < 3; c++) {
                out[3 * p + c] = (byte) toByte(chw[offset + c * plane + p]);
            }
        }
        return out;
    }

    private static int toByte(float v) {
        if (!(v > 0f)) {
            return 0; // also NaN
        }
        if (v >= 1f) {
            return 255;
        }
        return (int) (v * 255f + 0.5f);
    }

    private static void blit(BufferedImage image, byte[] frame, int size, int scale, int x0, int y0) {
        if (frame.length != 3 * size * size) {
            throw new IllegalArgumentException("frame length " + frame.length + " != " + 3 * size * size);
        }
        int cell = size * scale;
        int[] line = new int[cell];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = 3 * (y * size + x);
                int rgb = (frame[i] & 0xFF) << 16 | (frame[i + 1] & 0xFF) << 8 | (frame[i + 2] & 0xFF);
                for (int k = 0; k < scale; k++) {
                    line[x * scale + k] = rgb;
                }
            }
            for (int k = 0; k < scale; k++) {
                image.setRGB(x0, y0 + y * scale + k, cell, 1, line, 0, cell);
            }
        }
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
