package slaclab.models;

import org.nd4j.autodiff.samediff.NameScope;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import slaclab.models.nn.Gaussians;
import slaclab.models.nn.Gaussians.Normal;
import slaclab.models.nn.Layers;
import slaclab.models.nn.OpTimes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SLAC's two-layer architecture (Section 6, Appendix B: the same encoder, decoder, reward model and the same six
 * 2 x 256 LeakyReLU networks q(z1_1 | x_1), q(z1_t+1 | x_t+1, z2_t, a_t), p(z1_t+1 | z2_t, a_t), p(z2_1 | z1_1),
 * p(z2_t+1 | z1_t+1, z2_t, a_t), p(r_t | z_t, a_t, z_t+1)), fully stochastic as in SLAC or with some of the
 * stochastic units made deterministic, for the ablations of Section 7.2 that "use the same architecture as our fully
 * stochastic model, including the same two-level factorization": a deterministic network outputs only the mean (its
 * last layer has d outputs, not 2d) and the state is that mean, with no noise.
 * <ul>
 * <li>{@link SlacLatentModel}: z1 and z2 stochastic (q over z2 is p over z2).</li>
 * <li>{@link PartiallyStochasticLatentModel}: z1 stochastic as in SLAC, z2 deterministic.</li>
 * <li>{@link DeterministicLatentModel}: z1 and z2 deterministic in the posterior and the transitions.</li>
 * </ul>
 * Only the posterior's filtering recurrence is unrolled step by step; the prior p(z1_t+1 | z2_t, a_t) reads the
 * posterior samples z2_t, so it and the KL terms are computed once for all L steps as one batch of B*L rows.
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

    /** True: z2's transitions are Gaussians sampled with noise (SLAC); false: the network's output is z2. */
    boolean z2Stochastic() {
        return false;
    }

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

    /** z2 from p(z2_1 | z1_1) or p(z2_t+1 | z1_t+1, z2_t, a_t): a sample with noise {@code eps}, or the output. */
    private SDVariable z2State(SameDiff g, SDVariable raw, SDVariable eps) {
        return z2Stochastic() ? Gaussians.head(g, raw, config.z2Dim()).sample(eps) : raw;
    }

    @Override
    protected Latents buildLatents(Ctx c) {
        SameDiff g = c.g;
        Layers layers = c.layers;
        int z1 = config.z1Dim(), z2 = config.z2Dim(), f = config.featureDim(), a = config.actionDim();
        int heads1 = z1Stochastic() ? 2 * z1 : z1, heads2 = z2Stochastic() ? 2 * z2 : z2;
        q1First = layers.mlp(c.params(), "posterior_z1_first", f, heads1);
        q1Next = layers.mlp(c.params(), "posterior_z1_next", f + z2 + a, heads1);
        p1Next = layers.mlp(c.params(), "prior_z1_next", z2 + a, heads1);
        p2First = layers.mlp(c.params(), "prior_z2_first", z1, heads2);
        p2Next = layers.mlp(c.params(), "prior_z2_next", z1 + z2 + a, heads2);
        SDVariable[] eps1 = z1Stochastic() ? c.posteriorNoise("eps1", z1) : null;
        SDVariable[] eps2 = z2Stochastic() ? c.posteriorNoise("eps2", z2) : new SDVariable[c.t];
        try (NameScope s = g.withNameScope(OpTimes.RECURRENCE)) {
            return buildLatents(c, eps1, eps2);
        }
    }

    private Latents buildLatents(Ctx c, SDVariable[] eps1, SDVariable[] eps2) {
        SameDiff g = c.g;
        Layers layers = c.layers;
        int z1 = config.z1Dim(), z2 = config.z2Dim();
        // The filtering posterior q(z1_t+1 | x_t+1, z2_t, a_t), with z2_t+1 ~ p(z2_t+1 | z1_t+1, z2_t, a_t).
        List<Normal> qs = new ArrayList<>();
        List<SDVariable> z1s = new ArrayList<>(), z2s = new ArrayList<>(), zs = new ArrayList<>();
        Normal q = z1Head(g, q1First.apply(layers, c.ft[0]));
        SDVariable z1t = z1Stochastic() ? q.sample(eps1[0]) : q.mean();
        SDVariable z2t = z2State(g, p2First.apply(layers, z1t), eps2[0]);
        qs.add(q);
        z1s.add(z1t);
        z2s.add(z2t);
        zs.add(g.concat(1, z1t, z2t));
        for (int i = 1; i < c.t; i++) {
            SDVariable prev = z2t;
            q = z1Head(g, q1Next.apply(layers, g.concat(1, c.ft[i], prev, c.at[i - 1])));
            z1t = z1Stochastic() ? q.sample(eps1[i]) : q.mean();
            z2t = z2State(g, p2Next.apply(layers, g.concat(1, z1t, prev, c.at[i - 1])), eps2[i]);
            qs.add(q);
            z1s.add(z1t);
            z2s.add(z2t);
            zs.add(g.concat(1, z1t, z2t));
        }

        // p(z1_t+1 | z2_t, a_t) for t = 1..L on the posterior samples z2_t: one batch of B*L rows (row b*L + t).
        SDVariable z2Prev = c.rows(z2s.subList(0, c.l), z2);                    // [B*L, z2]
        Normal p = z1Prior(g, p1Next.apply(layers, g.concat(1, z2Prev, c.actionRows())));
        SDVariable steps;                                                         // [B*L] -> summed to [B]
        SDVariable term;
        if (z1Stochastic()) {
            // Eq. 9's KL(q(z1_1 | x_1) || N(0, I)) + sum_t KL(q(z1_t+1 | ...) || p(z1_t+1 | z2_t, a_t)), analytic.
            Normal qNext = new Normal(c.rows(means(qs.subList(1, c.t)), z1), c.rows(stds(qs.subList(1, c.t)), z1));
            steps = Gaussians.kl(g, qNext, p);
            term = Gaussians.klStandard(g, qs.get(0)).add(g.reshape(steps, -1, c.l).sum(1));
        } else {
            // Deterministic z1: -log N(z1; mu_p, I) - const, no term for the first step (see DeterministicLatentModel).
            SDVariable z1Next = c.rows(z1s.subList(1, c.t), z1);
            steps = g.math().square(z1Next.sub(p.mean())).mul(0.5).sum(-1);
            term = g.reshape(steps, -1, c.l).sum(1);
        }
        if (z1Stochastic()) {
            c.expose("posterior_z1", qs);                // [B, T, z1]
        } else {
            c.exposeStates("posterior_z1", z1s);         // [B, T, z1], the deterministic posterior states
        }
        c.exposeRows("prior_z1_mean", p.mean(), c.l, z1); // [B, L, z1], p(z1_t+1 | z2_t, a_t) for t = 1..L
        c.exposeRows("prior_z1_std", p.std(), c.l, z1);
        c.exposeStates("z1", z1s);                       // [B, T, z1]
        c.exposeStates("z2", z2s);                       // [B, T, z2]
        return new Latents(c.stack(zs), term);
    }

    private static List<SDVariable> means(List<Normal> ns) {
        return ns.stream().map(Normal::mean).toList();
    }

    private static List<SDVariable> stds(List<Normal> ns) {
        return ns.stream().map(Normal::std).toList();
    }

    @Override
    public List<LatentBlock> latentBlocks() {
        return List.of(new LatentBlock("z1", 0, config.z1Dim()), new LatentBlock("z2", config.z1Dim(),
                config.latentDim()));
    }

    @Override
    protected Map<String, Integer> priorNoise() {
        Map<String, Integer> eps = new LinkedHashMap<>();
        eps.put("prior_eps1", config.z1Dim());         // p(z1_1) = N(0, I), and z1's transitions when stochastic
        if (z2Stochastic()) {
            eps.put("prior_eps2", config.z2Dim());
        }
        return eps;
    }

    /** [z1_1, z2_1] with z2_1 from p(z2_1 | z1_1). */
    private SDVariable withZ2(Ctx c, SDVariable z1t, Map<String, SDVariable> eps) {
        return c.g.concat(1, z1t, z2State(c.g, p2First.apply(c.layers, z1t), eps.get("prior_eps2")));
    }

    @Override
    protected SDVariable priorStart(Ctx c, SDVariable ft0, Map<String, SDVariable> eps) {
        return withZ2(c, eps.get("prior_eps1"), eps);                     // z1_1 ~ N(0, I)
    }

    @Override
    protected SDVariable conditionalStart(Ctx c, SDVariable ft0, Map<String, SDVariable> eps) {
        Normal q = z1Head(c.g, q1First.apply(c.layers, ft0));            // q(z1_1 | x_1)
        return withZ2(c, z1Stochastic() ? q.sample(eps.get("prior_eps1")) : q.mean(), eps);
    }

    @Override
    protected SDVariable priorStep(Ctx c, SDVariable z, SDVariable a, Map<String, SDVariable> eps) {
        SameDiff g = c.g;
        int z1 = config.z1Dim();
        SDVariable z2t = z.get(SDIndex.all(), SDIndex.interval(z1, z1 + config.z2Dim()));
        // z1_t+1 ~ p(z1_t+1 | z2_t, a_t), then z2_t+1 ~ p(z2_t+1 | z1_t+1, z2_t, a_t) (Section 6).
        Normal p = z1Prior(g, p1Next.apply(c.layers, g.concat(1, z2t, a)));
        SDVariable z1n = z1Stochastic() ? p.sample(eps.get("prior_eps1")) : p.mean();
        SDVariable z2n = z2State(g, p2Next.apply(c.layers, g.concat(1, z1n, z2t, a)), eps.get("prior_eps2"));
        return g.concat(1, z1n, z2n);
    }
}
