package slaclab.models;

/**
 * The terms of the model loss (Eq. 9), each summed over time and averaged over the batch.
 *
 * @param kl        KL(q(z1) || p(z1)) over the sequence
 * @param imageNll  -log p(x_t | z_t) over the sequence
 * @param rewardNll -log p(r_t | z_t, a_t, z_t+1) over the sequence
 */
public record LatentLosses(double kl, double imageNll, double rewardNll) {
    public double total() {
        return kl + imageNll + rewardNll;
    }
}
