package slaclab.models;

/**
 * The "fully deterministic" ablation of Section 7.2 (Figure 6): SLAC's two-layer architecture "that removes all
 * stochasticity from the hidden state dynamics". Every latent state is a network output, never a sample:
 * <pre>
 *   z1_1 = e(x_1)                        z1_t+1 = e'(x_t+1, z2_t, a_t)    (the posterior networks' outputs)
 *   z2_1 = f(z1_1)                       z2_t+1 = g(z1_t+1, z2_t, a_t)
 *   prediction of z1_t+1: mu(z2_t, a_t)  (SLAC's p(z1_t+1 | z2_t, a_t) network, mean only)
 *   p(x_t | z1_t, z2_t)  fixed variance  p(r_t | z_t, a_t, z_t+1)  (SLAC's, learned std)
 * </pre>
 * The paper does not say what replaces the KL; we follow the authors' released configuration
 * "slac_ablation_deterministic": the posterior and z2 distributions are point masses, the z1 transition keeps a
 * Gaussian with a learned mean and unit standard deviation, the KL is estimated as log q - log p at the sample
 * (kl_analytic = False, log q = 0 for a point mass) and skipped at the first step (skip_first_kl = True, as the first
 * state has no transition). The latent term, reported in the "kl" slot of {@link LatentLosses}, is therefore
 * sum_{t=2..T} 0.5 |z1_t - mu(z2_t-1, a_t-1)|^2: -log N(z1_t; mu, I) without its constant (z1 log 2pi / 2 per step),
 * so it reads as 0 for a perfect prediction. Loss = that term + image NLL + reward NLL. There is no noise placeholder
 * in the posterior at all. Sizes: z1 32, z2 256 at paper sizes; the networks' last layers have d, not 2 d, outputs.
 * <p>
 * Rollouts: the prior row starts from z1_1 ~ N(0, I), the authors' p(z1_1), the only random draw (the posterior is
 * never pulled towards it, so these images may look unlike any frame); the conditional prior starts from e(x_1); both
 * then follow the mean transition z1_t+1 = mu(z2_t, a_t) with the true actions, without noise.
 */
final class DeterministicLatentModel extends TwoLayerLatentModel {
    static final String NAME = "deterministic";

    DeterministicLatentModel(ModelConfig config) {
        this(config, true);
    }

    private DeterministicLatentModel(ModelConfig config, boolean trainable) {
        super(config, trainable);
    }

    @Override
    boolean z1Stochastic() {
        return false;
    }

    @Override
    protected GraphLatentModel sameVariant(ModelConfig config, boolean trainable) {
        return new DeterministicLatentModel(config, trainable);
    }

    @Override
    String variant() {
        return NAME;
    }
}
