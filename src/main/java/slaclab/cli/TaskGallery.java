package slaclab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import slaclab.engine.io.RolloutGrid;
import slaclab.environments.Environment;
import slaclab.environments.Tasks;

/**
 * {@code tasks --gallery FILE.png}: the first observation (seed 0, right after reset) of each task in one labelled
 * PNG grid. Tasks that cannot run here are skipped with a note.
 */
final class TaskGallery {
    static final int DEFAULT_SCALE = 3;
    static final int DEFAULT_COLUMNS = 4;

    private TaskGallery() {
    }

    /**
     * Renders the first frame of each of {@code tasks} that is available here and writes the grid to {@code png}
     * atomically; notes go to {@code out}. Returns the names drawn, in order.
     */
    static List<String> write(Path png, List<String> tasks, int scale, int columns, PrintStream out)
            throws IOException {
        checkLayout(scale, columns);
        List<String> drawn = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        for (String task : tasks) {
            String why = Tasks.unavailableReason(task);
            if (why != null) {
                out.println("gallery: skipped " + task + " (not available here: " + why + ")");
                continue;
            }
            frames.add(firstFrame(task));
            drawn.add(task);
        }
        if (drawn.isEmpty()) {
            throw new IllegalArgumentException("no task is available here, so there is nothing to draw");
        }
        RolloutGrid.writeGallery(png, drawn, frames, Environment.IMAGE_SIZE, scale, columns);
        out.printf("gallery: wrote %s (%d of %d tasks, first frame at seed 0, %dx scale)%n", png, drawn.size(),
                tasks.size(), scale);
        return drawn;
    }

    static void checkLayout(int scale, int columns) {
        if (scale < 1 || scale > 16) {
            throw new IllegalArgumentException("--scale must be between 1 and 16, got " + scale);
        }
        if (columns < 1) {
            throw new IllegalArgumentException("--columns must be >= 1, got " + columns);
        }
    }

    /** What the agent sees first: the frame of a new instance seeded with 0 (instances start reset). */
    static byte[] firstFrame(String task) {
        byte[] rgb = new byte[Environment.IMAGE_SIZE * Environment.IMAGE_SIZE * 3];
        try (Environment env = Tasks.create(task, 0)) {
            env.render(rgb);
        }
        return rgb;
    }
}
