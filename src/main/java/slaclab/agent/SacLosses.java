package slaclab.agent;

/**
 * Loss terms and diagnostics of one actor-critic update, averaged over the batch.
 *
 * @param critic  J_Q (Eq. 10), both critics
 * @param actor   J_pi (Eq. 11)
 * @param alphaLoss temperature loss
 * @param alpha   entropy temperature after the update
 * @param entropy -E[log pi] of the sampled actions
 * @param q       mean Q of the replayed actions
 */
public record SacLosses(double critic, double actor, double alphaLoss, double alpha, double entropy, double q) {
}
