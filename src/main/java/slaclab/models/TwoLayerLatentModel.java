package slaclab.models;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import slaclab.models.nn.Gaussians;
import slaclab.models.nn.Gaussians.Normal;
import slaclab.models.nn.Layers;

import java.util.ArrayList;
import java.util.List;

/**
 * SLAC's two-layer architecture (Section 6, Appendix B: the same encoder, decoder, reward model and the same six
 * 2 x 256 LeakyReLU networks q(z1_1 | x_1), q(z1_t+1 | x_t+1, z2_t, a_t), p(z1_t+1 | z2_t, a_t), p(z2_1 | z1_1),
 * p(z2_t+1 | z1_t+1, z2_t, a_t), p(r_t | z_t, a_t, z_t+1)) with some of the stochastic units made deterministic, for
 * the ablations of Section 7.2 that "use the same architecture as our fully stochastic model, including the same
 * two-level factorization": a deterministic network outputs only the mean (its last layer has d outputs, not 2d) and
 * the state is that mean, with no noise.
 * <ul>
 * <li>{@link PartiallyStochasticLatentModel}: z1 stochastic as in SLAC, z2 deterministic.</li>
 * <li>{@link DeterministicLatentModel}: z1 and z2 deterministic in the posterior and the transitions.</li>
 * </ul>
 */
abstract class TwoLayerLatentModel extends GraphLatentModel {
    // Assigned while the base constructor builds the graph; no initialisers, so they keep those values.
    private Layers.Mlp q1First;
    private Layers.Mlp q1Next;
    private Layers.Mlp p1Next;
    private Layers.Mlp p2First;
    private Layers.Mlp p2Next;

    protected TwoLayerLatentModel(ModelConfig config, boolean trainable) {
        super(config, trainable);
    }

    /** True: z1's posterior and transition are Gaussians sampled with noise; false: means only. */
    abstract boolean z1Stochastic();

    @Override
    public int latentDim() {
        return config.latentDim();
    }

    /** The z1 posterior at one step: a Gaussian (stochastic z1) or the network's output as the state. */
    private Normal z1Head(SameDiff g, SDVariable raw) {
        return z1Stochastic() ? Gaussians.head(g, raw, config.z1Dim()) : new Normal(raw, null);
    }

    /** p(z1_t+1 | z2_t, a_t): a learned Gaussian (stochastic z1) or a learned mean with unit std. */
    private Normal z1Prior(SameDiff g, SDVariable raw) {
        return z1Stochastic() ? Gaussians.head(g, raw, config.z1Dim()) : new Normal(raw, raw.mul(0.0).add(1.0));  // onesLike logs warnings in M2.1
    }

    @Override
    protected Latents buildLatents(Ctx c) {
        SameDiff g = c.g;
        Layers layers = c.layers;
        int z1 = config.z1Dim(), z2 = config.z2Dim(), f = config.featureDim(), a = config.actionDim();
        int heads = z1Stochastic() ? 2 * z1 : z1;
        q1First = layers.mlp(c.params(), "posterior_z1_first", f, heads);
        q1Next = layers.mlp(c.params(), "posterior_z1_next", f + z2 + a, heads);
        p1Next = layers.mlp(c.params(), "prior_z1_next", z2 + a, heads);
        p2First = layers.mlp(c.params(), "prior_z2_first", z1, z2);
        p2Next = layers.mlp(c.params(), "prior_z2_next", z1 + z2 + a, z2);
        SDVariable[] eps1 = z1Stochastic() ? c.posteriorNoise("eps1", z1) : null;

        List<Normal> qs = new ArrayList<>(), ps = new ArrayList<>();
        List<SDVariable> z1s = new ArrayList<>(), z2s = new ArrayList<>(), zs = new ArrayList<>();
        Normal q = z1Head(g, q1First.apply(layers, c.ft[0]));
        // Deterministic z1: no term for the first step (the authors' skip_first_kl; see DeterministicLatentModel).
        SDVariable term = z1Stochastic() ? Gaussians.klStandard(g, q) : null;
        SDVariable z1t = z1Stochastic() ? q.sample(eps1[0]) : q.mean();
        SDVariable z2t = p2First.apply(layers, z1t);
        qs.add(q);
        z1s.add(z1t);
        z2s.add(z2t);
        zs.add(g.concat(1, z1t, z2t));
        for (int i = 1; i < c.t; i++) {
            SDVariable prev = z2t;
            q = z1Head(g, q1Next.apply(layers, g.concat(1, c.ft[i], prev, c.at[i - 1])));
            Normal p = z1Prior(g, p1Next.apply(layers, g.concat(1, prev, c.at[i - 1])));
            SDVariable step;
            if (z1Stochastic()) {
                step = Gaussians.kl(g, q, p);                                     // analytic KL on z1
                z1t = q.sample(eps1[i]);
            } else {
                z1t = q.mean();
                step = g.math().square(z1t.sub(p.mean())).mul(0.5).sum(-1);       // -log N(z1; mu_p, I) - const
            }
            term = term == null ? step : term.add(step);
            z2t = p2Next.apply(layers, g.concat(1, z1t, prev, c.at[i - 1]));
            if (z1Stochastic()) {
                qs.add(q);
            }
            ps.add(p);
            z1s.add(z1t);
            z2s.add(z2t);
            zs.add(g.concat(1, z1t, z2t));
        }
        if (z1Stochastic()) {
            c.expose("posterior_z1", qs);                // [B, T, z1]
        } else {
            c.exposeStates("posterior_z1", z1s);         // [B, T, z1], the deterministic posterior states
        }
        c.expose("prior_z1", ps);                        // [B, L, z1], p(z1_t+1 | z2_t, a_t) for t = 1..L
        c.exposeStates("z1", z1s);                       // [B, T, z1]
        c.exposeStates("z2", z2s);                       // [B, T, z2]
        return new Latents(c.stack(zs), term);
    }

    @Override
    protected RolloutLatents buildRollouts(Ctx c) {
        SameDiff g = c.g;
        Layers layers = c.layers;
        SDVariable[] eps1 = c.rolloutNoise("prior_eps1", config.z1Dim());
        Normal qStart = z1Head(g, q1First.apply(layers, c.ft[0]));
        SDVariable condStart = z1Stochastic() ? qStart.sample(eps1[0]) : qStart.mean();
        SDVariable[] starts = {eps1[0], condStart};                  // p(z1_1) = N(0, I) or q(z1_1 | x_1)
        SDVariable[] out = new SDVariable[2];
        for (int k = 0; k < 2; k++) {
            SDVariable z1t = starts[k];
            SDVariable z2t = p2First.apply(layers, z1t);
            List<SDVariable> zs = new ArrayList<>();
            zs.add(g.concat(1, z1t, z2t));
            for (int i = 1; i < c.t; i++) {
                Normal p = z1Prior(g, p1Next.apply(layers, g.concat(1, z2t, c.at[i - 1])));
                z1t = z1Stochastic() ? p.sample(eps1[i]) : p.mean();
                z2t = p2Next.apply(layers, g.concat(1, z1t, z2t, c.at[i - 1]));
                zs.add(g.concat(1, z1t, z2t));
            }
            out[k] = c.stack(zs);
        }
        return new RolloutLatents(out[0], out[1]);
    }
}
