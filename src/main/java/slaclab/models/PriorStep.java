package slaclab.models;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One step of the learned prior, z_t+1 ~ p(z_t+1 | z_t, a_t), with the frame the decoder p(x_t+1 | z_t+1) draws for it.
 *
 * @param latent the next latent state [B, Z]
 * @param image  its decoded mean frame [B, 3, 64, 64], values near [0, 1]
 */
public record PriorStep(INDArray latent, INDArray image) {
}
