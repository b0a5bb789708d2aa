package slaclab.models;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import slaclab.models.nn.OpTimes;
import slaclab.models.nn.ParamGroup;

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
    INDArray encode(INDArray frames);

    /** Decoded posterior, prior and conditional-prior samples for the sequences. */
    Rollouts rollouts(SequenceData data);

    /**
     * The N(0, I) draws one prior step reads (imagination), by name, with their sizes; for each, {@link #priorStep}
     * and {@link #conditionalStart} take a [B, size] array.
     */
    Map<String, Integer> stepNoise();

    /**
     * A posterior sample of the latent state at the last of these real frames: q(z_1 | x_1) for one frame, the
     * filtering posterior (Eq. 9's q terms) over the frames and the actions between them otherwise.
     *
     * @param frames  [n, 3, 64, 64] one episode's consecutive frames, values in [0, 1]
     * @param actions [n - 1, A] the actions between them
     * @return [1, Z]
     */
    INDArray filter(INDArray frames, INDArray actions);

    /** z_1 ~ q(z_1 | x_1) for frames [B, 3, 64, 64] with explicit draws ({@link #stepNoise}): the conditional prior's
     * start. */
    INDArray conditionalStart(INDArray frames, Map<String, INDArray> draws);

    /**
     * One step of the prior, z_t+1 ~ p(z_t+1 | z_t, a_t), from latents [B, Z] and actions [B, A] with explicit draws
     * ({@link #stepNoise}), and its decoded frame: the rollouts' conditional-prior step, one step at a time.
     */
    PriorStep priorStep(INDArray latents, INDArray actions, Map<String, INDArray> draws);

    /** The decoder's mean frames p(x | z) for latents [B, Z]: [B, 3, 64, 64]. */
    INDArray decode(INDArray latents);

    /** The named parts of the latent state, in order (z1 and z2 for SLAC's two layers; h and s for PlaNet's RSSM). */
    default List<LatentBlock> latentBlocks() {
        return List.of(new LatentBlock("z", 0, latentDim()));
    }

    /** Number of trainable parameters. */
    long parameterCount();

    /** Counts the time of this model's graph ops and optimiser steps in {@code times} from now on ({@code bench}). */
    void profile(OpTimes times);

    default void save(DataOutputStream out) throws IOException {
        save(out, ParamGroup.Storage.CHECKPOINT);
    }

    /** Writes the parameters as {@code storage} keeps them; {@link #load} reads every storage. */
    void save(DataOutputStream out, ParamGroup.Storage storage) throws IOException;

    void load(DataInputStream in) throws IOException;

    @Override
    default void close() {
    }
}
