package slaclab.agent;

import slaclab.models.nn.Layers;

/**
 * Settings of the soft actor-critic that learns in the model's latent space (Appendix C), and of the SAC baselines.
 *
 * @param actionDim         |A|
 * @param historyFrames     frames the actor reads (T - 1 = 8 for sequences of 8 steps)
 * @param discount          gamma (0.99)
 * @param targetTau         EMA rate of the target critics (0.005 every update)
 * @param learningRate      Adam rate of actor, critics and alpha (3e-4)
 * @param initialLogAlpha   log of the initial entropy temperature (0)
 * @param hiddenUnits       units in each of the two hidden layers of the actor and the critics (256)
 * @param seed              seed of the initial weights and policy noise
 * @param activation        nonlinearity of the actor's and critics' hidden layers (LeakyReLU 0.2, Appendix B)
 * @param logStd            how the actor's log-std is bounded (clipped to [-20, 2], the paper's SAC)
 * @param targetUpdateEvery updates between two EMA steps of the target critics (1: every update)
 * @param weightInit        how the actor's and critics' initial weights are drawn (Glorot uniform, Appendix B)
 */
public record AgentConfig(int actionDim, int historyFrames, double discount, double targetTau, double learningRate,
                          double initialLogAlpha, int hiddenUnits, long seed, Layers.Activation activation,
                          LogStdBounds logStd, int targetUpdateEvery, Layers.Init weightInit) {
    public AgentConfig {
        if (targetUpdateEvery < 1) {
            throw new IllegalArgumentException("targetUpdateEvery must be >= 1, got " + targetUpdateEvery);
        }
    }

    /** The paper's activation, log-std clip, target schedule and Glorot initialisation. */
    public AgentConfig(int actionDim, int historyFrames, double discount, double targetTau, double learningRate,
                       double initialLogAlpha, int hiddenUnits, long seed) {
        this(actionDim, historyFrames, discount, targetTau, learningRate, initialLogAlpha, hiddenUnits, seed,
                Layers.Activation.LEAKY_RELU, LogStdBounds.CLIP, 1, Layers.Init.GLOROT);
    }

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
