package slaclab.models;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Filtered latents of a batch of sequences, with no gradient attached.
 *
 * @param features encoder features [B, T, F] (what the actor reads)
 * @param latents  posterior samples of the model's latent state, [B, T, Z] (what the critic reads): z_t = [z1_t, z2_t]
 *                 for SLAC; each variant's own state for the others (ABLATIONS.md)
 */
public record Posterior(INDArray features, INDArray latents) {
}
