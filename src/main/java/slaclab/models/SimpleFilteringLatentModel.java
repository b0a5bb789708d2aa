package slaclab.models;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import slaclab.models.nn.Gaussians;
import slaclab.models.nn.Gaussians.Normal;
import slaclab.models.nn.Layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The "simple filtering" ablation of Section 7.2 (Figure 6): SLAC without the two-layer factorisation, one stochastic
 * latent z_t per frame.
 * <pre>
 *   p(z_1) = N(0, I)                     q(z_1 | x_1)
 *   p(z_t+1 | z_t, a_t)                  q(z_t+1 | x_t+1, z_t, a_t)
 *   p(x_t | z_t)  fixed variance         p(r_t | z_t, a_t, z_t+1)
 * </pre>
 * Every distribution is a diagonal Gaussian from a 2 x 256 LeakyReLU MLP (Appendix B heads); the encoder, decoder and
 * reward model are SLAC's. Loss: analytic KL(q(z_t) || p(z_t)) at every step (the first against N(0, I)) + image NLL +
 * reward NLL. As in SLAC, the prior at t+1 is conditioned on the posterior sample z_t.
 * <p>
 * Choice: z has {@code z2Dim} components (256 at paper sizes), the latent size of the authors' released
 * SimpleModelDistributionNetwork configuration ("slac_ablation_simple_filtering": latent_size = 256); the paper gives
 * no size. Rollouts: prior z_1 ~ N(0, I), conditional prior z_1 ~ q(z_1 | x_1), then z_t+1 ~ p(z_t+1 | z_t, a_t) with
 * the true actions.
 */
final class SimpleFilteringLatentModel extends OneLatentModel {
    static final String NAME = "simple-filtering";

    // Assigned while the base constructor builds the graph; no initialisers, so they keep those values.
    private Layers.Mlp qFirst;
    private Layers.Mlp qNext;
    private Layers.Mlp pNext;

    SimpleFilteringLatentModel(ModelConfig config) {
        this(config, true);
    }

    private SimpleFilteringLatentModel(ModelConfig config, boolean trainable) {
        super(config, trainable);
    }

    @Override
    protected GraphLatentModel sameVariant(ModelConfig config, boolean trainable) {
        return new SimpleFilteringLatentModel(config, trainable);
    }

    @Override
    String variant() {
        return NAME;
    }

    @Override
    protected Latents buildLatents(Ctx c) {
        SameDiff g = c.g;
        Layers layers = c.layers;
        int z = latentDim(), f = config.featureDim(), a = config.actionDim();
        qFirst = layers.mlp(c.params(), "posterior_z_first", f, 2 * z);
        qNext = layers.mlp(c.params(), "posterior_z_next", f + z + a, 2 * z);
        pNext = layers.mlp(c.params(), "prior_z_next", z + a, 2 * z);
        SDVariable[] eps = c.posteriorNoise("eps", z);

        List<Normal> qs = new ArrayList<>(), ps = new ArrayList<>();
        List<SDVariable> zs = new ArrayList<>();
        Normal q = Gaussians.head(g, qFirst.apply(layers, c.ft[0]), z);
        SDVariable kl = Gaussians.klStandard(g, q);
        SDVariable zt = q.sample(eps[0]);
        qs.add(q);
        zs.add(zt);
        for (int i = 1; i < c.t; i++) {
            q = Gaussians.head(g, qNext.apply(layers, g.concat(1, c.ft[i], zt, c.at[i - 1])), z);
            Normal p = Gaussians.head(g, pNext.apply(layers, g.concat(1, zt, c.at[i - 1])), z);
            kl = kl.add(Gaussians.kl(g, q, p));
            zt = q.sample(eps[i]);
            qs.add(q);
            ps.add(p);
            zs.add(zt);
        }
        c.expose("posterior_z", qs);     // [B, T, Z]
        c.expose("prior_z", ps);         // [B, L, Z], p(z_t+1 | z_t, a_t) for t = 1..L
        return new Latents(c.stack(zs), kl);
    }

    @Override
    Layers.Mlp firstPosterior() {
        return qFirst;
    }

    @Override
    protected SDVariable priorStep(Ctx c, SDVariable z, SDVariable a, Map<String, SDVariable> eps) {
        SDVariable raw = pNext.apply(c.layers, c.g.concat(1, z, a));                      // p(z_t+1 | z_t, a_t)
        return Gaussians.head(c.g, raw, latentDim()).sample(eps.get("prior_eps"));
    }
}
