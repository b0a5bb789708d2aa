package slaclab.models;

/**
 * SLAC's fully stochastic two-layer sequential latent variable model (Section 6, Appendix B):
 * <pre>
 *   p(z1_1) = N(0, I)                    q(z1_1 | x_1)
 *   p(z2_1 | z1_1)                       (q over z2 is p over z2)
 *   p(z1_t+1 | z2_t, a_t)                q(z1_t+1 | x_t+1, z2_t, a_t)
 *   p(z2_t+1 | z1_t+1, z2_t, a_t)
 *   p(x_t | z1_t, z2_t)  fixed variance  p(r_t | z_t, a_t, z_t+1)
 * </pre>
 * Loss (Eq. 9, the reward appended to the observation): analytic KL on z1 at every step (the first against
 * N(0, I)) + image NLL + reward NLL. The graph is {@link TwoLayerLatentModel}'s with z1 and z2 both stochastic;
 * noise for every reparameterised sample comes in through placeholders ("eps1", "eps2"; "prior_eps1", "prior_eps2"
 * for the rollouts), so the graph itself is deterministic.
 */
public final class SlacLatentModel extends TwoLayerLatentModel {
    public SlacLatentModel(ModelConfig config) {
        this(config, true);
    }

    /** @param trainable build the backward graph (false: inference only, for rollouts of other lengths) */
    private SlacLatentModel(ModelConfig config, boolean trainable) {
        super(config, trainable);
    }

    @Override
    boolean z1Stochastic() {
        return true;
    }

    @Override
    boolean z2Stochastic() {
        return true;
    }

    @Override
    protected GraphLatentModel sameVariant(ModelConfig config, boolean trainable) {
        return new SlacLatentModel(config, trainable);
    }

    @Override
    String variant() {
        return LatentModels.SLAC;
    }
}
