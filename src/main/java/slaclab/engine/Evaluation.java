package slaclab.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * Result of one evaluation point.
 *
 * @param envSteps     environment steps at evaluation
 * @param returns      return of each evaluation episode
 * @param meanReturn   their mean
 * @param rolloutRows  truth, posterior, prior and conditional-prior frames (HWC uint8), empty when no sequence exists yet
 * @param rolloutPng   the figure written for it, or null
 */
public record Evaluation(long envSteps, List<Double> returns, double meanReturn, List<List<byte[]>> rolloutRows,
                         Path rolloutPng) {
    public static final List<String> ROW_LABELS = List.of("truth", "posterior", "prior", "cond. prior");
}
