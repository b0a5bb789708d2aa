package slaclab.engine;

import java.util.List;

/**
 * Decoded samples of one sequence, answering a {@link RunControl.RolloutRequest}.
 *
 * @param envSteps training environment steps when they were made
 * @param request  what was asked
 * @param rows     truth, posterior, prior and conditional-prior frames (each 64x64x3 HWC uint8), labelled by
 *                 {@link Evaluation#ROW_LABELS}; empty when {@code problem} is set
 * @param problem  why no rollout could be made (e.g. the episode is still shorter than asked), or null
 */
public record RolloutView(long envSteps, RunControl.RolloutRequest request, List<List<byte[]>> rows, String problem) {
}
