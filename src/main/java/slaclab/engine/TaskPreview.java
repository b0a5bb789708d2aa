package slaclab.engine;

import slaclab.environments.Environment;
import slaclab.environments.Tasks;

/** A task's first observation, for showing what the agent will see before a run starts. */
public final class TaskPreview {
    private TaskPreview() {
    }

    /** The 64x64x3 HWC frame after a seeded reset, or null when the task cannot run here (or is unknown). */
    public static byte[] firstFrame(String task, long seed) {
        try {
            if (Tasks.unavailableReason(task) != null) {
                return null;
            }
            try (Environment env = Tasks.create(task, seed)) {
                byte[] rgb = new byte[Environment.IMAGE_SIZE * Environment.IMAGE_SIZE * 3];
                env.render(rgb);
                return rgb;
            }
        } catch (RuntimeException e) {
            return null;
        }
    }
}
