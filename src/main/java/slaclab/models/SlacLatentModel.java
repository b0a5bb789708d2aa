package slaclab.models;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import slaclab.models.nn.Gaussians;
import slaclab.models.nn.Gaussians.Normal;
import slaclab.models.nn.Inference;
import slaclab.models.nn.Initialisation;
import slaclab.models.nn.Layers;
import slaclab.models.nn.Noise;
import slaclab.models.nn.ParamGroup;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SLAC's fully stochastic two-layer sequential latent variable model (Section 6, Appendix B):
 * <pre>
 *   p(z1_1) = N(0, I)                    q(z1_1 | x_1)
 *   p(z2_1 | z1_1)                       (q over z2 is p over z2)
 *   p(z1_t+1 | z2_t, a_t)                q(z1_t+1 | x_t+1, z2_t, a_t)
 *   p(z2_t+1 | z1_t+1, z2_t, a_t)
 *   p(x_t | z1_t, z2_t)  fixed variance  p(r_t | z_t, a_t, z_t+1)
 * </pre>
 * The whole T-step recurrence is unrolled once in a SameDiff graph with shared weights. Noise for every
 * reparameterised sample comes in through placeholders, so the graph itself is deterministic.
 */
public final class SlacLatentModel implements LatentModel {
    private static final String LOSS = "loss";
    private static final String[] LOSS_TERMS = {"kl", "nll_image", "nll_reward"};

    private final ModelConfig config;
    private final SameDiff sd;
    private final ParamGroup params;
    private final Noise noise;
    private final boolean trainable;
    /** Inference-only copies unrolled for other sequence lengths (rollouts of 8-30 steps), by length. */
    private final Map<Integer, SlacLatentModel> otherLengths = new HashMap<>();

    public SlacLatentModel(ModelConfig config) {
        this(config, true);
    }

    /** @param trainable build the backward graph (false: inference only, for rollouts of other lengths) */
    private SlacLatentModel(ModelConfig config, boolean trainable) {
        this.config = config;
        this.trainable = trainable;
        this.params = new ParamGroup("latent-model", config.learningRate());
        this.noise = new Noise(config.seed() * 31 + 7);
        this.sd = Initialisation.seeded(config.seed(), this::build);
    }

    public ModelConfig config() {
        return config;
    }

    /** The graph, for tests that check gradients. */
    /** Restarts the sampling noise, so tests can replay the same samples. */
    void reseedNoise(long seed) {
        noise.reseed(seed);
    }

    SameDiff graph() {
        return sd;
    }

    ParamGroup params() {
        return params;
    }

    private SameDiff build() {
        SameDiff g = SameDiff.create();
        Layers layers = new Layers(g);
        int a = config.actionDim(), l = config.sequenceLength(), t = config.frames();
        int z1 = config.z1Dim(), z2 = config.z2Dim(), f = config.featureDim(), z = config.latentDim();

        ConvNets.Encoder encoder = ConvNets.Encoder.create(layers, params, "encoder", f);
        ConvNets.Decoder decoder = ConvNets.Decoder.create(layers, params, "decoder", z);
        Layers.Mlp q1First = layers.mlp(params, "posterior_z1_first", f, 2 * z1);
        Layers.Mlp q1Next = layers.mlp(params, "posterior_z1_next", f + z2 + a, 2 * z1);
        Layers.Mlp p1Next = layers.mlp(params, "prior_z1_next", z2 + a, 2 * z1);
        Layers.Mlp p2First = layers.mlp(params, "prior_z2_first", z1, 2 * z2);
        Layers.Mlp p2Next = layers.mlp(params, "prior_z2_next", z1 + z2 + a, 2 * z2);
        Layers.Mlp reward = layers.mlp(params, "reward", 2 * z + a, 2);

        SDVariable x = g.placeHolder("x", DataType.FLOAT, -1, 3, 64, 64);      // [B*T, 3, 64, 64]
        SDVariable act = g.placeHolder("a", DataType.FLOAT, -1, l, a);         // [B, L, A]
        SDVariable rew = g.placeHolder("r", DataType.FLOAT, -1, l);            // [B, L]
        SDVariable eps1 = g.placeHolder("eps1", DataType.FLOAT, -1, t, z1);    // posterior noise
        SDVariable eps2 = g.placeHolder("eps2", DataType.FLOAT, -1, t, z2);
        SDVariable peps1 = g.placeHolder("prior_eps1", DataType.FLOAT, -1, t, z1);  // rollout noise
        SDVariable peps2 = g.placeHolder("prior_eps2", DataType.FLOAT, -1, t, z2);

        SDVariable frameFeatures = g.identity("frame_features", encoder.apply(layers, x)); // [B*T, F]
        SDVariable features = g.reshape("features", frameFeatures, -1, t, f);             // [B, T, F]
        SDVariable[] ft = g.unstack(features, 1, t);
        SDVariable[] at = g.unstack(act, 1, l);
        SDVariable[] e1 = g.unstack(eps1, 1, t);
        SDVariable[] e2 = g.unstack(eps2, 1, t);

        // Filtering posterior q(z_1:T | x_1:T, a_1:L); the prior at t+1 is conditioned on the posterior z2_t.
        Normal q = Gaussians.head(g, q1First.apply(layers, ft[0]), z1);
        SDVariable klSum = Gaussians.klStandard(g, q);                       // KL(q(z1_1|x_1) || N(0,I)), [B]
        SDVariable z1t = q.sample(e1[0]);
        SDVariable z2t = Gaussians.head(g, p2First.apply(layers, z1t), z2).sample(e2[0]);
        List<SDVariable> zs = new ArrayList<>();
        zs.add(g.concat(1, z1t, z2t));
        for (int i = 1; i < t; i++) {
            SDVariable prev = z2t;
            q = Gaussians.head(g, q1Next.apply(layers, g.concat(1, ft[i], prev, at[i - 1])), z1);
            Normal p = Gaussians.head(g, p1Next.apply(layers, g.concat(1, prev, at[i - 1])), z1);
            klSum = klSum.add(Gaussians.kl(g, q, p));                        // KL(q(z1_t) || p(z1_t | z2_t-1, a_t-1))
            z1t = q.sample(e1[i]);
            z2t = Gaussians.head(g, p2Next.apply(layers, g.concat(1, z1t, prev, at[i - 1])), z2).sample(e2[i]);
            zs.add(g.concat(1, z1t, z2t));
        }
        SDVariable latents = g.stack("latents", 1, zs.toArray(new SDVariable[0]));   // [B, T, Z]

        // Eq. 9: -log p(x_t | z_t), summed over pixels and time.
        SDVariable images = decoder.apply(layers, g.reshape(latents, -1, z));           // [B*T, 3, 64, 64]
        g.identity("posterior_images", images);
        double std = Math.sqrt(config.decoderVariance());
        SDVariable nllImage = g.reshape(Gaussians.nllFixedStd(g, x, images, std, 1, 2, 3), -1, t).sum(1);

        // Eq. 9 with the reward appended to the observation: -log p(r_t | z_t, a_t, z_t+1).
        SDVariable zPrev = latents.get(SDIndex.all(), SDIndex.interval(0, l), SDIndex.all());
        SDVariable zNext = latents.get(SDIndex.all(), SDIndex.interval(1, t), SDIndex.all());
        SDVariable rewardIn = g.reshape(g.concat(2, zPrev, act, zNext), -1, 2 * z + a);
        Normal rewardDist = Gaussians.head(g, reward.apply(layers, rewardIn), 1);
        SDVariable nllReward = g.reshape(Gaussians.nll(g, g.reshape(rew, -1, 1), rewardDist), -1, l).sum(1);

        SDVariable kl = klSum.mean().rename("kl");
        SDVariable nllImageMean = nllImage.mean().rename("nll_image");
        SDVariable nllRewardMean = nllReward.mean().rename("nll_reward");
        kl.add(nllImageMean).add(nllRewardMean).rename(LOSS);
        g.setLossVariables(LOSS);
        if (trainable) {
            Initialisation.createGradients(g);
        }

        // Samples for the rollout figure: prior from p(z1_1), conditional prior from q(z1_1 | x_1).
        SDVariable[] pe1 = g.unstack(peps1, 1, t);
        SDVariable[] pe2 = g.unstack(peps2, 1, t);
        SDVariable priorStart = pe1[0];
        SDVariable condStart = Gaussians.head(g, q1First.apply(layers, ft[0]), z1).sample(pe1[0]);
        for (String name : new String[]{"prior_images", "cond_prior_images"}) {
            SDVariable p1 = name.startsWith("prior") ? priorStart : condStart;
            SDVariable p2 = Gaussians.head(g, p2First.apply(layers, p1), z2).sample(pe2[0]);
            List<SDVariable> ps = new ArrayList<>();
            ps.add(g.concat(1, p1, p2));
            for (int i = 1; i < t; i++) {
                SDVariable prev = p2;
                p1 = Gaussians.head(g, p1Next.apply(layers, g.concat(1, prev, at[i - 1])), z1).sample(pe1[i]);
                p2 = Gaussians.head(g, p2Next.apply(layers, g.concat(1, p1, prev, at[i - 1])), z2).sample(pe2[i]);
                ps.add(g.concat(1, p1, p2));
            }
            SDVariable seq = g.stack(1, ps.toArray(new SDVariable[0]));
            g.identity(name, decoder.apply(layers, g.reshape(seq, -1, z)));
        }
        return g;
    }

    @Override
    public int featureDim() {
        return config.featureDim();
    }

    @Override
    public int latentDim() {
        return config.latentDim();
    }

    @Override
    public long parameterCount() {
        return params.parameterCount();
    }

    private Map<String, INDArray> inputs(SequenceData data, boolean withRewards) {
        int b = data.batchSize(), t = config.frames();
        Map<String, INDArray> in = new HashMap<>();
        in.put("x", data.frames());
        in.put("a", data.actions());
        if (withRewards) {
            in.put("r", data.rewards());
        }
        in.put("eps1", noise.normal(b, t, config.z1Dim()));
        in.put("eps2", noise.normal(b, t, config.z2Dim()));
        return in;
    }

    /** Loss terms and gradients for one batch, without changing the parameters. */
    OutAndGrad lossAndGradients(SequenceData data) {
        List<String> outs = List.of(LOSS_TERMS);
        return sd.calculateGradientsAndOutputs(inputs(data, true), outs, params.names());
    }

    @Override
    public LatentLosses update(SequenceData data) {
        OutAndGrad og = lossAndGradients(data);
        Map<String, INDArray> o = og.getOutputs();
        LatentLosses losses = new LatentLosses(o.get("kl").getDouble(0), o.get("nll_image").getDouble(0),
                o.get("nll_reward").getDouble(0));
        if (!Double.isFinite(losses.total())) {
            throw new NonFiniteLossException("latent model loss is " + losses.total() + " (" + losses + ")");
        }
        params.step(og.getGradients());
        return losses;
    }

    @Override
    public Posterior posterior(SequenceData data) {
        Map<String, INDArray> out = Inference.output(sd, inputs(data, false), "features", "latents");
        return new Posterior(out.get("features"), out.get("latents"));
    }

    @Override
    public INDArray encode(INDArray frames) {
        return Inference.output(sd, Map.of("x", frames), "frame_features").get("frame_features");
    }

    /**
     * Rollouts of any length: sequences of another length than the training one run through an inference-only graph
     * unrolled for that length, with this model's current weights copied in.
     */
    @Override
    public Rollouts rollouts(SequenceData data) {
        if (data.steps() == config.sequenceLength()) {
            return rolloutsHere(data);
        }
        SlacLatentModel other = otherLengths.computeIfAbsent(data.steps(), steps -> new SlacLatentModel(
                new ModelConfig(config.actionDim(), steps, config.z1Dim(), config.z2Dim(), config.featureDim(),
                        config.decoderVariance(), config.learningRate(), config.seed()), false));
        other.params.assignFrom(params);
        return other.rolloutsHere(data);
    }

    private Rollouts rolloutsHere(SequenceData data) {
        Map<String, INDArray> in = inputs(data, false);
        int b = data.batchSize(), t = config.frames();
        in.put("prior_eps1", noise.normal(b, t, config.z1Dim()));
        in.put("prior_eps2", noise.normal(b, t, config.z2Dim()));
        Map<String, INDArray> out = Inference.output(sd, in, "posterior_images", "prior_images", "cond_prior_images");
        return new Rollouts(out.get("posterior_images"), out.get("prior_images"), out.get("cond_prior_images"));
    }

    @Override
    public void save(DataOutputStream out) throws IOException {
        params.save(out);
    }

    @Override
    public void load(DataInputStream in) throws IOException {
        params.load(in);
    }

    @Override
    public void close() {
        otherLengths.values().forEach(SlacLatentModel::close);
        otherLengths.clear();
        noise.close();
    }
}
