import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Draws SLAC Lab's icon: a cart on its rail balancing a pole (the lab's first task) and three latent-state dots,
 * on a rounded blue square. Writes slac-lab.svg and slac-lab-N.png for the sizes desktops use into a folder:
 * <pre>  java jlink/icon/DrawIcon.java assets/icon</pre>
 * One geometry on a 256-unit grid feeds both the PNGs and the SVG; below 32 px the dots are left out (they would blur).
 */
public final class DrawIcon {
    static final List<Integer> SIZES = List.of(16, 24, 32, 48, 64, 128, 256);
    static final Color TOP = new Color(0x2a5298), BOTTOM = new Color(0x16305e), RAIL = new Color(0x9fb8e0),
            CART = new Color(0xf2f5fa), POLE = new Color(0xffb23f), DOT = new Color(0x6fd3c7);
    static final double[][] DOTS = {{54, 100, 13}, {70, 64, 11}, {102, 42, 9}};

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java jlink/icon/DrawIcon.java OUTPUT_FOLDER");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        for (int size : SIZES) {
            ImageIO.write(draw(size), "png", out.resolve("slac-lab-" + size + ".png").toFile());
        }
        Files.writeString(out.resolve("slac-lab.svg"), svg());
        System.out.println("icon: " + out + "/slac-lab-{" + SIZES.stream().map(String::valueOf)
                .reduce((a, b) -> a + "," + b).orElse("") + "}.png and slac-lab.svg");
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.scale(size / 256.0, size / 256.0);
        boolean small = size < 32;
        g.setPaint(new GradientPaint(0, 8, TOP, 0, 248, BOTTOM));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56));
        g.setColor(RAIL);
        g.setStroke(new BasicStroke(small ? 14 : 8, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(36, 200, 220, 200));
        g.setColor(CART);
        g.fill(new RoundRectangle2D.Double(80, 156, 96, 40, 16, 16));
        g.setColor(POLE);
        g.setStroke(new BasicStroke(small ? 22 : 14, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(128, 166, 178, 70));
        double r = small ? 30 : 22;
        g.fill(new Ellipse2D.Double(178 - r, 70 - r, 2 * r, 2 * r));
        if (!small) {
            g.setColor(DOT);
            for (double[] d : DOTS) {
                g.fill(new Ellipse2D.Double(d[0] - d[2], d[1] - d[2], 2 * d[2], 2 * d[2]));
            }
        }
        g.dispose();
        return img;
    }

    static String svg() {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" height=\"256\" viewBox=\"0 0 256 256\">\n");
        s.append("  <title>SLAC Lab</title>\n");
        s.append("  <defs><linearGradient id=\"bg\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\">")
                .append("<stop offset=\"0\" stop-color=\"").append(hex(TOP)).append("\"/>")
                .append("<stop offset=\"1\" stop-color=\"").append(hex(BOTTOM)).append("\"/></linearGradient></defs>\n");
        s.append("  <rect x=\"8\" y=\"8\" width=\"240\" height=\"240\" rx=\"28\" fill=\"url(#bg)\"/>\n");
        s.append("  <line x1=\"36\" y1=\"200\" x2=\"220\" y2=\"200\" stroke=\"").append(hex(RAIL))
                .append("\" stroke-width=\"8\" stroke-linecap=\"round\"/>\n");
        s.append("  <rect x=\"80\" y=\"156\" width=\"96\" height=\"40\" rx=\"8\" fill=\"").append(hex(CART)).append("\"/>\n");
        s.append("  <line x1=\"128\" y1=\"166\" x2=\"178\" y2=\"70\" stroke=\"").append(hex(POLE))
                .append("\" stroke-width=\"14\" stroke-linecap=\"round\"/>\n");
        s.append("  <circle cx=\"178\" cy=\"70\" r=\"22\" fill=\"").append(hex(POLE)).append("\"/>\n");
        for (double[] d : DOTS) {
            s.append(String.format("  <circle cx=\"%.0f\" cy=\"%.0f\" r=\"%.0f\" fill=\"%s\"/>%n", d[0], d[1], d[2], hex(DOT)));
        }
        return s.append("</svg>\n").toString();
    }

    private static String hex(Color c) {
        return String.format("#%06x", c.getRGB() & 0xffffff);
    }
}
