package slaclab.engine;

/** What the training loop is doing. */
public enum Phase {
    /** Uniform random actions fill the replay buffer. */
    COLLECT,
    /** The latent model trains alone on the collected data. */
    PRETRAIN,
    /** Acting with the policy; one model and one actor-critic update per {@code updateEvery} agent steps. */
    TRAIN,
    /** Evaluation episodes, figures and a checkpoint. */
    EVALUATE,
    DONE
}
