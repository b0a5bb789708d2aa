package slaclab.agent;

import org.nd4j.linalg.api.ndarray.INDArray;
import slaclab.models.LatentLosses;
import slaclab.models.Rollouts;
import slaclab.models.SequenceData;
import slaclab.models.nn.ParamGroup;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * What the training loop needs from a learner: SLAC ({@link SlacAgent}, on any latent-model variant) and the two
 * baselines of the paper's Figure 5 ({@link PixelSacAgent}, {@link StateSacAgent}). The loop collects data, calls
 * the updates, acts and checkpoints; an agent without a latent model skips pre-training and model updates and has no
 * rollouts.
 */
public interface Agent extends AutoCloseable {
    /** What the agent learns and acts from. */
    enum Input {
        /** 64x64 frames (the replay's sequences of images). */
        PIXELS,
        /** The environment's true low-dimensional state (the replay's state vectors); frames are not read. */
        STATE
    }

    Input input();

    /** Steps per replay sequence its actor-critic update reads (each sequence holds steps + 1 observations). */
    int sequenceLength();

    /** Whether it learns a latent model: then the loop pre-trains and updates it and asks it for rollouts. */
    boolean hasModel();

    /** One latent-model step (Eq. 9); only for agents with a model. */
    default LatentLosses updateModel(SequenceData data) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no latent model");
    }

    /**
     * One actor-critic step.
     *
     * @param data   sequences of {@link #sequenceLength()} steps; {@code data.frames()} is null for a STATE agent
     * @param states [B, T, S] true states of the same sequences, or null when the agent reads pixels
     */
    SacLosses updateActorCritic(SequenceData data, INDArray states);

    /** An action in [-1, 1]^A for one environment; {@code mean} takes tanh(mean) instead of sampling. */
    float[] act(ActorInput input, boolean mean);

    /** Decoded posterior, prior and conditional-prior samples; only for agents with a model. */
    default Rollouts rollouts(SequenceData data) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no latent model to roll out");
    }

    /** Trainable parameters of everything it learns. */
    long parameterCount();

    /** Writes everything training needs to continue exactly (a checkpoint's agent). */
    default void save(DataOutputStream out) throws IOException {
        save(out, ParamGroup.Storage.CHECKPOINT);
    }

    /** Writes the parameters as {@code storage} keeps them; {@link #load} reads every storage. */
    void save(DataOutputStream out, ParamGroup.Storage storage) throws IOException;

    void load(DataInputStream in) throws IOException;

    @Override
    void close();
}
