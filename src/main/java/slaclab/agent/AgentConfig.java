package slaclab.agent;

import slaclab.models.nn.Layers;

/**
 * Settings of the soft actor-critic that learns in the model's latent space (Appendix C).
 *
 * @param actionDim     |A|
 * @param historyFrames frames the actor reads (T - 1 = 8 for sequences of 8 steps)
 * @param discount      gamma (0.99)
 * @param targetTau     EMA rate of the target critics (0.005 every update)
 * @param learningRate  Adam rate of actor, critics and alpha (3e-4)
 * @param initialLogAlpha log of the initial entropy temperature (0)
 * @param hiddenUnits   units in each of the two hidden layers of the actor and the critics (256)
 * @param seed          seed of the initial weights and policy noise
 */
public record AgentConfig(int actionDim, int historyFrames, double discount, double targetTau, double learningRate,
                          double initialLogAlpha, int hiddenUnits, long seed) {
    public static AgentConfig paper(int actionDim, long seed) {
        return new AgentConfig(actionDim, 8, 0.99, 0.005, 3e-4, 0.0, Layers.HIDDEN, seed);
    }

    /** Target entropy -|A| for the automatic temperature. */
    public double targetEntropy() {
        return -actionDim;
    }

    /** Length of the actor's input: features of the history frames and the actions between them. */
    public int historyLength(int featureDim) {
        return historyFrames * featureDim + (historyFrames - 1) * actionDim;
    }
}
