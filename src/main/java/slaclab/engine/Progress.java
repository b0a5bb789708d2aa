package slaclab.engine;

/**
 * A snapshot of a run, immutable, handed to listeners.
 *
 * @param phase          what the loop is doing
 * @param envSteps       environment steps so far (before action repeat)
 * @param totalEnvSteps  the run's length
 * @param agentSteps     policy decisions so far
 * @param modelUpdates   latent-model updates so far (pre-training included)
 * @param sacUpdates     actor-critic updates so far
 * @param pretrainDone   pre-training updates done (of pretrainTotal)
 * @param pretrainTotal  pre-training updates planned
 * @param updatesPerSecond recent (model + actor-critic) update pairs per second
 * @param elapsedSeconds wall time of this process's part of the run
 * @param lastEvalReturn most recent evaluation return, NaN before the first
 * @param metrics        latest loss terms (kl, nll_image, ..., alpha), possibly empty
 */
public record Progress(Phase phase, long envSteps, long totalEnvSteps, long agentSteps, long modelUpdates,
                       long sacUpdates, long pretrainDone, long pretrainTotal, double updatesPerSecond,
                       double elapsedSeconds, double lastEvalReturn, java.util.Map<String, Double> metrics) {
}
