import javax.imageio.ImageIO;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.HashSet;
import java.util.Set;

/**
 * Saves the X display named by DISPLAY as a PNG and fails when it shows next to nothing (fewer than 64 colours: an
 * empty Xvfb screen has one). Run as a source file: {@code java jlink/test/Screenshot.java out.png}.
 */
public final class Screenshot {
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java jlink/test/Screenshot.java OUT.png   (DISPLAY must name a display)");
            System.exit(2);
        }
        if (GraphicsEnvironment.isHeadless()) {
            System.err.println("error: no display (set DISPLAY, e.g. run under xvfb-run)");
            System.exit(2);
        }
        Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice()
                .getDefaultConfiguration().getBounds();
        BufferedImage img = new Robot().createScreenCapture(screen);
        ImageIO.write(img, "png", new File(args[0]));
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                colours.add(img.getRGB(x, y));
            }
        }
        System.out.println("screenshot " + args[0] + ": " + img.getWidth() + "x" + img.getHeight() + ", "
                + colours.size() + " colours");
        System.exit(colours.size() >= 64 ? 0 : 1);
    }
}
