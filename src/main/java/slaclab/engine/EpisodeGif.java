package slaclab.engine;

import slaclab.environments.Environment;
import slaclab.engine.io.AnimatedGif;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An episode of a policy (e.g. a lesson stage's evaluation episode) as an animated GIF with counter, action, return. */
public final class EpisodeGif {
    /**
     * One observation of the episode.
     *
     * @param image         64x64 HWC RGB bytes
     * @param action        the action that led to it (null at the start)
     * @param episodeReturn the return so far
     */
    public record Frame(byte[] image, float[] action, double episodeReturn) {
    }

    private EpisodeGif() {
    }

    /** Writes the frames at 10 a second, looping, each drawn {@code scale} times larger under {@code label}. */
    public static void write(Path gif, String label, List<Frame> frames, int scale) throws IOException {
        List<BufferedImage> images = new ArrayList<>();
        int last = frames.size() - 1;
        for (int k = 0; k < frames.size(); k++) {
            Frame f = frames.get(k);
            String caption = "step " + k + "/" + last + (f.action() == null ? "" : "  a " + ImaginationGif.action(
                    f.action())) + String.format(Locale.ROOT, "  return %.1f", f.episodeReturn());
            images.add(AnimatedGif.frame(List.of(label), List.of(f.image()), Environment.IMAGE_SIZE, scale, caption));
        }
        AnimatedGif.write(gif, images, ImaginationGif.DELAY_MS);
    }
}
