package slaclab.models;

/**
 * The "partially stochastic" ablation of Section 7.2 (Figure 6): SLAC's architecture with stochastic z1 and a
 * deterministic z2 transition, "similar to the PlaNet model, but with our architecture".
 * <pre>
 *   p(z1_1) = N(0, I)                    q(z1_1 | x_1)                    (Gaussians, as SLAC)
 *   p(z1_t+1 | z2_t, a_t)                q(z1_t+1 | x_t+1, z2_t, a_t)     (Gaussians, as SLAC)
 *   z2_1 = f(z1_1)                       z2_t+1 = g(z1_t+1, z2_t, a_t)    (deterministic: the MLP's output)
 *   p(x_t | z1_t, z2_t)  fixed variance  p(r_t | z_t, a_t, z_t+1)
 * </pre>
 * Loss as SLAC's: analytic KL on z1 at every step (the first against N(0, I); z2 is shared by q and p, so it adds no
 * KL) + image NLL + reward NLL. Sizes: z1 32, z2 256 at paper sizes; f and g are SLAC's z2 networks with a last layer
 * of z2 (not 2 z2) outputs. This is the authors' released configuration "slac_ablation_partially_stochastic"
 * (latent2 prior and posterior Deterministic). Rollouts: z1 sampled from N(0, I) (prior) or q(z1_1 | x_1)
 * (conditional prior), then from p(z1_t+1 | z2_t, a_t); z2 computed.
 */
final class PartiallyStochasticLatentModel extends TwoLayerLatentModel {
    static final String NAME = "partially-stochastic";

    PartiallyStochasticLatentModel(ModelConfig config) {
        this(config, true);
    }

    private PartiallyStochasticLatentModel(ModelConfig config, boolean trainable) {
        super(config, trainable);
    }

    @Override
    boolean z1Stochastic() {
        return true;
    }

    @Override
    protected GraphLatentModel sameVariant(ModelConfig config, boolean trainable) {
        return new PartiallyStochasticLatentModel(config, trainable);
    }

    @Override
    String variant() {
        return NAME;
    }
}
