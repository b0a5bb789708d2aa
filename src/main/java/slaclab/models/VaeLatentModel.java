package slaclab.models;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import slaclab.models.nn.Gaussians;
import slaclab.models.nn.Gaussians.Normal;
import slaclab.models.nn.Layers;

import java.util.Map;

/**
 * The non-sequential VAE of Section 7.2 (Figure 6; Kingma and Welling 2014, as used for RL representations by DARLA,
 * World Models, RIG): every frame is encoded on its own.
 * <pre>
 *   p(z_t) = N(0, I)                     q(z_t | x_t)           for every frame t, independently
 *   p(x_t | z_t)  fixed variance         p(r_t | z_t, a_t, z_t+1)
 * </pre>
 * The latent the critic reads for frame t is a sample of q(z_t | x_t): it depends on that frame only, not on other
 * frames nor on the actions. Loss: analytic KL(q(z_t | x_t) || N(0, I)) summed over the T frames + image NLL + reward
 * NLL. q is SLAC's encoder followed by a 2 x 256 LeakyReLU Gaussian head; decoder and reward model are SLAC's.
 * <p>
 * Choices: one latent layer of {@code z2Dim} components (256 at paper sizes), as the authors' released
 * "slac_ablation_simple_vae" (SimpleModelDistributionNetwork, latent_size = 256, non-sequential prior and posterior);
 * their other VAE configuration ("slac_ablation_vae") keeps SLAC's z1/z2 split, which the paper's "standard
 * non-sequential VAE" does not suggest. The reward model is kept (both configurations set model_reward = True, and the
 * paper appends the reward to the observation for every model, Section 5): it reads the per-frame latents of two
 * consecutive frames and the action, so the reward term is the only place where actions enter the loss. Rollouts
 * follow the model's own prior, which has no dynamics: the prior row decodes independent z_t ~ N(0, I); the
 * conditional prior decodes z_1 ~ q(z_1 | x_1) and then independent z_t ~ N(0, I) (the authors'
 * sample_prior_or_posterior with a non-sequential prior does the same).
 */
final class VaeLatentModel extends OneLatentModel {
    static final String NAME = "vae";

    // Assigned while the base constructor builds the graph; no initialiser, so it keeps that value.
    private Layers.Mlp q;

    VaeLatentModel(ModelConfig config) {
        this(config, true);
    }

    private VaeLatentModel(ModelConfig config, boolean trainable) {
        super(config, trainable);
    }

    @Override
    protected GraphLatentModel sameVariant(ModelConfig config, boolean trainable) {
        return new VaeLatentModel(config, trainable);
    }

    @Override
    String variant() {
        return NAME;
    }

    @Override
    protected Latents buildLatents(Ctx c) {
        SameDiff g = c.g;
        int z = latentDim();
        q = c.layers.mlp(c.params(), "posterior_z", config.featureDim(), 2 * z);
        Normal qz = Gaussians.head(g, q.apply(c.layers, c.frameFeatures), z);           // [B*T, Z], all frames at once
        SDVariable rows = qz.sample(c.posteriorNoiseRows("eps", z));
        SDVariable kl = g.reshape(Gaussians.klStandard(g, qz), -1, c.t).sum(1);         // [B]
        c.exposeRows("posterior_z_mean", qz.mean(), z);
        c.exposeRows("posterior_z_std", qz.std(), z);
        return new Latents(g.reshape(rows, -1, c.t, z), kl);
    }

    @Override
    Layers.Mlp firstPosterior() {
        return q;
    }

    /** The prior has no dynamics: z_t+1 ~ N(0, I) whatever z_t and a_t. */
    @Override
    protected SDVariable priorStep(Ctx c, SDVariable z, SDVariable a, Map<String, SDVariable> eps) {
        return eps.get("prior_eps");
    }
}
