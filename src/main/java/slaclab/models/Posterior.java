package slaclab.models;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Filtered latents of a batch of sequences, with no gradient attached.
 *
 * @param features encoder features [B, T, F] (what the actor reads)
 * @param latents  posterior samples z_t = [z1_t, z2_t], [B, T, Z] (what the critic reads)
 */
public record Posterior(INDArray features, INDArray latents) {
}
