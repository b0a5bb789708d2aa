package slaclab.models;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A latent variable model that the SLAC agent learns on top of: it turns image sequences into latent
 * states for the critic and features for the actor, and trains itself on replay sequences.
 */
public interface LatentModel extends AutoCloseable {
    /** Size of the per-frame encoder features the actor reads. */
    int featureDim();

    /** Size of the latent state the critic reads. */
    int latentDim();

    /** One Adam step on the model loss for these sequences; returns the loss terms before the step. */
    LatentLosses update(SequenceData data);

    /** Features and posterior latent samples for every frame of the sequences; no gradients. */
    Posterior posterior(SequenceData data);

    /** Encoder features of single frames [N, 3, 64, 64] -> [N, F]. */
    org.nd4j.linalg.api.ndarray.INDArray encode(org.nd4j.linalg.api.ndarray.INDArray frames);

    /** Decoded posterior, prior and conditional-prior samples for the sequences. */
    Rollouts rollouts(SequenceData data);

    /** Number of trainable parameters. */
    long parameterCount();

    /** Counts the time of this model's graph ops and optimiser steps in {@code times} from now on ({@code bench}). */
    void profile(slaclab.models.nn.OpTimes times);

    default void save(DataOutputStream out) throws IOException {
        save(out, slaclab.models.nn.ParamGroup.Storage.CHECKPOINT);
    }

    /** Writes the parameters as {@code storage} keeps them; {@link #load} reads every storage. */
    void save(DataOutputStream out, slaclab.models.nn.ParamGroup.Storage storage) throws IOException;

    void load(DataInputStream in) throws IOException;

    @Override
    default void close() {
    }
}
