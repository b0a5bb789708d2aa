package slaclab.ui;

import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Draws charts off the FX thread (XChart bitmaps take 10-50 ms) on one low-priority thread, and hands the images to
 * the FX thread. Jobs are keyed: a new job for a key replaces one still waiting, so a busy machine draws only the
 * newest data.
 */
final class ChartPainter {
    private record Job(Supplier<BufferedImage> draw, Consumer<Image> show) {
    }

    private final Map<String, Job> waiting = new ConcurrentHashMap<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "chart-painter");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });

    /** Draw with {@code draw} (on the painter thread; it must use only data copied beforehand), show on the FX thread. */
    void paint(String key, Supplier<BufferedImage> draw, Consumer<Image> show) {
        if (waiting.put(key, new Job(draw, show)) == null) {
            thread.execute(() -> {
                Job job = waiting.remove(key);
                if (job == null) {
                    return;
                }
                BufferedImage image;
                try {
                    image = job.draw().get();
                } catch (RuntimeException e) {
                    return;  // a chart that cannot be drawn keeps its previous image
                }
                Image fx = SwingFXUtils.toFXImage(image, null);
                Platform.runLater(() -> job.show().accept(fx));
            });
        }
    }
}
