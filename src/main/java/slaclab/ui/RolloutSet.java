package slaclab.ui;

import javafx.scene.image.Image;

import java.util.List;

/**
 * Rollout frames ready to show: rows of truth, posterior, prior and conditional-prior samples.
 *
 * @param labels  one label per row
 * @param rows    the frames of each row, oldest first
 * @param caption where they came from, e.g. "replay sequence 3, 8 steps, at 12,000 env steps"
 */
record RolloutSet(List<String> labels, List<List<Image>> rows, String caption) {
}
