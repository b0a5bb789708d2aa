package slaclab.engine;

import slaclab.environments.Environment;
import slaclab.engine.io.AnimatedGif;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An imagination as an animated GIF: the dream (and the real environment beside it) with a counter and the action. */
public final class ImaginationGif {
    /** Frame delay of the GIFs, ms (10 frames a second). */
    public static final int DELAY_MS = 100;

    private ImaginationGif() {
    }

    /**
     * @param truth also draw the real environment's frames and the image error
     * @param scale how many times larger than 64x64 each frame is drawn
     */
    public static void write(Path gif, List<ImaginedFrame> frames, boolean truth, int scale) throws IOException {
        List<BufferedImage> images = new ArrayList<>();
        int last = frames.isEmpty() ? 0 : frames.get(frames.size() - 1).step();
        for (ImaginedFrame f : frames) {
            images.add(truth
                    ? AnimatedGif.frame(List.of("imagined", "real"), List.of(f.dream(), f.truth()),
                    Environment.IMAGE_SIZE, scale, caption(f, last) + String.format(Locale.ROOT, "  error %.4f",
                            f.error()))
                    : AnimatedGif.frame(List.of("imagined"), List.of(f.dream()), Environment.IMAGE_SIZE, scale,
                    caption(f, last)));
        }
        AnimatedGif.write(gif, images, DELAY_MS);
    }

    /** "step 3/20  a +0.52" (the start: "start (posterior)"). */
    static String caption(ImaginedFrame f, int last) {
        return f.action() == null ? "step 0/" + last + "  start" : "step " + f.step() + "/" + last + "  a "
                + action(f.action());
    }

    /** An action as signed two-decimal components, e.g. "+0.52 -1.00". */
    public static String action(float[] a) {
        StringBuilder sb = new StringBuilder();
        for (float v : a) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%+.2f", v));
        }
        return sb.toString();
    }
}
