package slaclab.models;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import slaclab.models.nn.Gaussians;
import slaclab.models.nn.Gaussians.Normal;
import slaclab.models.nn.Gru;
import slaclab.models.nn.Layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PlaNet's recurrent state-space model (Hafner et al. 2019), the "partially stochastic model used by PlaNet" of
 * Section 7.2 (Figure 6), inside SLAC's framework: a deterministic path h_t (a GRU) and a stochastic state s_t.
 * <pre>
 *   h_t = GRU(h_t-1, elu(W [s_t-1, a_t-1]))         h_0 = 0, s_0 = 0, a_0 = 0
 *   p(s_t | h_t)       = N(mu, sigma)  from elu(dense 200)(h_t)
 *   q(s_t | h_t, e_t)  = N(mu, sigma)  from elu(dense 200)([h_t, e_t]),  e_t = SLAC's encoder features of x_t
 *   sigma = softplus(.) + 0.1 (PlaNet's min_stddev)
 *   p(x_t | h_t, s_t)  SLAC's decoder, fixed variance       p(r_t | z_t, a_t, z_t+1)  SLAC's reward model
 * </pre>
 * The latent state the critic reads is z_t = [h_t, s_t]. Loss: analytic KL(q(s_t) || p(s_t)) at every step (the first
 * against p(s_1 | h_1), h_1 computed from the zero state) + image NLL + reward NLL.
 * <p>
 * Sizes are PlaNet's: deterministic 200, stochastic 30, hidden and embedding layers 200, ELU (PlaNet's RSSM
 * activation) - so z has 230 components whatever z1Dim and z2Dim are. Choices: SLAC's encoder (256 features), decoder
 * (fixed variance 0.1, not PlaNet's 1) and reward model replace PlaNet's, as the paper varies only the latent
 * dynamics; no free nats and no latent overshooting (PlaNet's training tricks for multi-step prior predictions,
 * which SLAC's posterior-sample critic does not use); zero biases also in the GRU gates. The GRU is written from
 * matrix products ({@link Gru}). Rollouts: the prior row samples s_1 ~ p(s_1 | h_1) and then s_t ~ p(s_t | h_t) with
 * the true actions, the conditional prior starts from s_1 ~ q(s_1 | h_1, e_1); both decode [h_t, s_t].
 */
final class PlanetRssmLatentModel extends GraphLatentModel {
    static final String NAME = "planet-rssm";
    /** PlaNet's deterministic state (GRU) size. */
    static final int DETERMINISTIC = 200;
    /** PlaNet's stochastic state size. */
    static final int STOCHASTIC = 30;
    /** PlaNet's hidden and embedding layer size. */
    static final int HIDDEN = 200;
    /** PlaNet's lower bound on the state standard deviations. */
    static final double MIN_STD = 0.1;

    // Assigned while the base constructor builds the graph; no initialisers, so they keep those values.
    private Layers.Dense embed;
    private Gru gru;
    private Layers.Dense priorHidden;
    private Layers.Dense priorOut;
    private Layers.Dense postHidden;
    private Layers.Dense postOut;

    PlanetRssmLatentModel(ModelConfig config) {
        this(config, true);
    }

    private PlanetRssmLatentModel(ModelConfig config, boolean trainable) {
        super(config, trainable);
    }

    @Override
    protected GraphLatentModel sameVariant(ModelConfig config, boolean trainable) {
        return new PlanetRssmLatentModel(config, trainable);
    }

    @Override
    String variant() {
        return NAME;
    }

    @Override
    public int latentDim() {
        return DETERMINISTIC + STOCHASTIC;
    }

    private static Normal head(SameDiff g, SDVariable raw) {
        SDVariable mean = raw.get(SDIndex.all(), SDIndex.interval(0, STOCHASTIC));
        SDVariable pre = raw.get(SDIndex.all(), SDIndex.interval(STOCHASTIC, 2 * STOCHASTIC));
        return new Normal(mean, Gaussians.softplus(g, pre).add(MIN_STD));
    }

    /** h_t from h_t-1, s_t-1 and a_t-1. */
    private SDVariable transition(SameDiff g, SDVariable h, SDVariable s, SDVariable a) {
        return gru.apply(g, g.nn().elu(embed.apply(g, g.concat(1, s, a))), h);
    }

    private Normal prior(SameDiff g, SDVariable h) {
        return head(g, priorOut.apply(g, g.nn().elu(priorHidden.apply(g, h))));
    }

    private Normal posterior(SameDiff g, SDVariable h, SDVariable e) {
        return head(g, postOut.apply(g, g.nn().elu(postHidden.apply(g, g.concat(1, h, e)))));
    }

    /** h_1 = GRU(0, elu(W [0, 0])): the zero initial state, with the batch size of {@code like} [B, F]. */
    private SDVariable firstH(SameDiff g, SDVariable like) {
        int f = config.featureDim(), a = config.actionDim();
        SDVariable zeroSa = g.mmul(like, g.constant(Nd4j.zeros(DataType.FLOAT, f, STOCHASTIC + a)));
        SDVariable zeroH = g.mmul(like, g.constant(Nd4j.zeros(DataType.FLOAT, f, DETERMINISTIC)));
        return gru.apply(g, g.nn().elu(embed.apply(g, zeroSa)), zeroH);
    }

    @Override
    protected Latents buildLatents(Ctx c) {
        SameDiff g = c.g;
        Layers layers = c.layers;
        int a = config.actionDim(), f = config.featureDim();
        embed = layers.dense(c.params(), "rssm/embed", STOCHASTIC + a, HIDDEN);
        gru = Gru.create(layers, c.params(), "rssm/gru", HIDDEN, DETERMINISTIC);
        priorHidden = layers.dense(c.params(), "rssm/prior/0", DETERMINISTIC, HIDDEN);
        priorOut = layers.dense(c.params(), "rssm/prior/1", HIDDEN, 2 * STOCHASTIC);
        postHidden = layers.dense(c.params(), "rssm/posterior/0", DETERMINISTIC + f, HIDDEN);
        postOut = layers.dense(c.params(), "rssm/posterior/1", HIDDEN, 2 * STOCHASTIC);
        SDVariable[] eps = c.posteriorNoise("eps", STOCHASTIC);

        List<Normal> qs = new ArrayList<>(), ps = new ArrayList<>();
        List<SDVariable> hs = new ArrayList<>(), zs = new ArrayList<>();
        SDVariable kl = null;
        SDVariable h = null, s = null;
        for (int i = 0; i < c.t; i++) {
            h = i == 0 ? firstH(g, c.ft[0]) : transition(g, h, s, c.at[i - 1]);
            Normal p = prior(g, h);
            Normal q = posterior(g, h, c.ft[i]);
            SDVariable step = Gaussians.kl(g, q, p);
            kl = kl == null ? step : kl.add(step);
            s = q.sample(eps[i]);
            qs.add(q);
            ps.add(p);
            hs.add(h);
            zs.add(g.concat(1, h, s));
        }
        c.expose("posterior_s", qs);     // [B, T, 30]
        c.expose("prior_s", ps);         // [B, T, 30]
        c.exposeStates("h", hs);         // [B, T, 200]
        return new Latents(c.stack(zs), kl);
    }

    @Override
    public List<LatentBlock> latentBlocks() {
        return List.of(new LatentBlock("h", 0, DETERMINISTIC), new LatentBlock("s", DETERMINISTIC, latentDim()));
    }

    @Override
    protected Map<String, Integer> priorNoise() {
        return Map.of("prior_eps", STOCHASTIC);
    }

    @Override
    protected SDVariable priorStart(Ctx c, SDVariable ft0, Map<String, SDVariable> eps) {
        SDVariable h1 = firstH(c.g, ft0);
        return c.g.concat(1, h1, prior(c.g, h1).sample(eps.get("prior_eps")));                 // s_1 ~ p(s_1 | h_1)
    }

    @Override
    protected SDVariable conditionalStart(Ctx c, SDVariable ft0, Map<String, SDVariable> eps) {
        SDVariable h1 = firstH(c.g, ft0);
        return c.g.concat(1, h1, posterior(c.g, h1, ft0).sample(eps.get("prior_eps")));      // s_1 ~ q(s_1 | h_1, e_1)
    }

    @Override
    protected SDVariable priorStep(Ctx c, SDVariable z, SDVariable a, Map<String, SDVariable> eps) {
        SameDiff g = c.g;
        SDVariable h = z.get(SDIndex.all(), SDIndex.interval(0, DETERMINISTIC));
        SDVariable s = z.get(SDIndex.all(), SDIndex.interval(DETERMINISTIC, DETERMINISTIC + STOCHASTIC));
        SDVariable next = transition(g, h, s, a);                             // h_t+1 = GRU(h_t, elu(W [s_t, a_t]))
        return g.concat(1, next, prior(g, next).sample(eps.get("prior_eps")));  // s_t+1 ~ p(s_t+1 | h_t+1)
    }
}
