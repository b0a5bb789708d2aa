package slaclab.models;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Decoded image sequences for one batch, each [B*T, 3, 64, 64] in [0, 1] (Section 7.3, Figure 7):
 * posterior samples, prior samples (z_1 from p(z_1)) and conditional-prior samples (z_1 from q(z_1 | x_1)),
 * the last two propagated through the learned dynamics with the true actions.
 */
public record Rollouts(INDArray posterior, INDArray prior, INDArray conditionalPrior) {
}
