package slaclab.models;

import org.nd4j.autodiff.samediff.NameScope;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import slaclab.models.nn.Gaussians;
import slaclab.models.nn.Gaussians.Normal;
import slaclab.models.nn.Inference;
import slaclab.models.nn.Initialisation;
import slaclab.models.nn.Layers;
import slaclab.models.nn.Noise;
import slaclab.models.nn.OpTimes;
import slaclab.models.nn.ParamGroup;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machinery the latent-model variants of the paper's Section 7.2 (Figure 6) share with each other: one SameDiff
 * graph per model, built under a seed, holding SLAC's encoder (Appendix B), the variant's latent recurrence unrolled
 * over the T = L + 1 frames, SLAC's decoder p(x_t | z_t) with fixed variance and SLAC's reward model
 * p(r_t | z_t, a_t, z_t+1) (2 x 256 LeakyReLU, learned std), the loss -ELBO = KL + image NLL + reward NLL (each summed
 * over time, averaged over the batch), and the rollout figure's prior and conditional-prior latents. All sampling noise
 * is fed through placeholders declared by the variant, so the graph is deterministic given its inputs.
 * <p>
 * A variant implements {@link #buildLatents} (posterior latents [B, T, Z] and the KL-like term [B]) and its prior:
 * the noise one step draws ({@link #priorNoise}), the first latent from p(z_1) or q(z_1 | x_1) ({@link #priorStart},
 * {@link #conditionalStart}) and one transition z_t+1 ~ p(z_t+1 | z_t, a_t) ({@link #priorStep}). From those the
 * rollout figure's prior and conditional-prior rows are unrolled over T frames, and imagination's per-step graph
 * ({@link #buildImagination}) takes one step at a time with the same weights; everything else lives here.
 */
abstract class GraphLatentModel implements LatentModel {
    static final String LOSS = "loss";
    /** Prefix of the per-step imagination graph's placeholders and outputs ({@link #buildImagination}). */
    static final String STEP = "step_";
    private static final String[] LOSS_TERMS = {"kl", "nll_image", "nll_reward"};

    protected final ModelConfig config;
    private final ParamGroup params;
    private final Noise noise;
    private final boolean trainable;
    private final SameDiff sd;
    /** Noise placeholders of the posterior (name -> size of the last axis; each is [B, T, size]). */
    private final Map<String, Integer> posteriorNoise = new LinkedHashMap<>();
    /** Noise placeholders of the prior and conditional-prior rollouts. */
    private final Map<String, Integer> rolloutNoise = new LinkedHashMap<>();
    /** Inference-only copies unrolled for other sequence lengths (rollouts of 1-50 steps), by length. */
    private final Map<Integer, GraphLatentModel> otherLengths = new HashMap<>();
    /** See {@link #forwardGraph()}. */
    private GraphLatentModel forwardTwin;
    private long forwardTwinVersion;
    /** Where {@link #profile} counts op times, or null. */
    private OpTimes times;

    /**
     * @param trainable build the backward graph (false: inference only, for rollouts of other lengths)
     */
    protected GraphLatentModel(ModelConfig config, boolean trainable) {
        this.config = config;
        this.trainable = trainable;
        this.params = new ParamGroup("latent-model:" + variant(), config.learningRate());
        this.noise = new Noise(config.seed() * 31 + 7);
        this.sd = Initialisation.seeded(config.seed(), this::build);
    }

    /** A model of the same variant for another config (used for rollouts of other lengths, trainable = false). */
    protected abstract GraphLatentModel sameVariant(ModelConfig config, boolean trainable);

    /** The variant's name in {@link LatentModels}. */
    abstract String variant();

    /** What the graph under construction holds; variants read the inputs and declare noise through it. */
    protected final class Ctx {
        final SameDiff g;
        final Layers layers;
        /** Encoder features per frame, T arrays of [B, F]. */
        final SDVariable[] ft;
        /** Actions per step, L arrays of [B, A]. */
        final SDVariable[] at;
        /** Encoder features of all frames, [B*T, F] (row b*T + t). */
        final SDVariable frameFeatures;
        /** The actions [B, L, A]. */
        private final SDVariable actions;
        final int t;
        final int l;
        private final List<Runnable> afterGradients = new ArrayList<>();

        private Ctx(SameDiff g, Layers layers, SDVariable frameFeatures, SDVariable[] ft, SDVariable actions) {
            this.g = g;
            this.actions = actions;
            this.frameFeatures = frameFeatures;
            this.layers = layers;
            this.ft = ft;
            this.t = config.frames();
            this.l = config.sequenceLength();
            this.at = g.unstack(actions, 1, l);
        }

        /** The actions as one array [B*L, A] (row b*L + t). */
        SDVariable actionRows() {
            return g.reshape(actions, -1, config.actionDim());
        }

        /** n per-step arrays [B, d] as one array [B*n, d] (row b*n + t). */
        SDVariable rows(List<SDVariable> perStep, int d) {
            return g.reshape(stack(perStep), -1, d);
        }

        ParamGroup params() {
            return params;
        }

        /** Posterior noise [B, T, d], N(0, I), split per frame. */
        SDVariable[] posteriorNoise(String name, int d) {
            posteriorNoise.put(name, d);
            return g.unstack(g.placeHolder(name, DataType.FLOAT, -1, t, d), 1, t);
        }

        /** Posterior noise [B, T, d], N(0, I), as one array [B*T, d] (row b*T + t). */
        SDVariable posteriorNoiseRows(String name, int d) {
            posteriorNoise.put(name, d);
            return g.reshape(g.placeHolder(name, DataType.FLOAT, -1, t, d), -1, d);
        }

        /** Names a [B*T, d] array as {@code name} [B, T, d] for tests, after the backward graph exists. */
        void exposeRows(String name, SDVariable rows, int d) {
            exposeRows(name, rows, t, d);
        }

        /** Names a [B*n, d] array as {@code name} [B, n, d] for tests, after the backward graph exists. */
        void exposeRows(String name, SDVariable rows, int n, int d) {
            afterGradients.add(() -> g.reshape(name, rows, -1, n, d));
        }

        /** Rollout noise [B, T, d], N(0, I), split per frame. */
        SDVariable[] rolloutNoise(String name, int d) {
            rolloutNoise.put(name, d);
            return g.unstack(g.placeHolder(name, DataType.FLOAT, -1, t, d), 1, t);
        }

        /**
         * Names the per-frame distributions {@code name_mean} and {@code name_std} ([B, n, d] for n frames), for
         * tests; done after the backward graph exists, so the stacks never enter it.
         */
        void expose(String name, List<Normal> perFrame) {
            afterGradients.add(() -> {
                g.stack(name + "_mean", 1, perFrame.stream().map(Normal::mean).toArray(SDVariable[]::new));
                g.stack(name + "_std", 1, perFrame.stream().map(Normal::std).toArray(SDVariable[]::new));
            });
        }

        /** Names per-frame deterministic states {@code name} ([B, n, d]) for tests. */
        void exposeStates(String name, List<SDVariable> perFrame) {
            afterGradients.add(() -> g.stack(name, 1, perFrame.toArray(new SDVariable[0])));
        }

        SDVariable stack(List<SDVariable> perFrame) {
            return g.stack(1, perFrame.toArray(new SDVariable[0]));
        }
    }

    /** What a variant's posterior pass produces. */
    protected record Latents(SDVariable latents, SDVariable klSum) {
    }

    /** What a variant's rollout pass produces: [B, T, Z] each. */
    protected record RolloutLatents(SDVariable prior, SDVariable conditionalPrior) {
    }

    /** Posterior latents [B, T, Z] and the per-sequence latent term [B] (KL summed over time). */
    protected abstract Latents buildLatents(Ctx c);

    /**
     * The N(0, I) draws one step of the variant's prior reads, by placeholder name, with their sizes. The rollouts feed
     * each as [B, T, size] (one draw per frame), imagination as [B, size] (one draw per step).
     */
    protected abstract Map<String, Integer> priorNoise();

    /** z_1 ~ p(z_1), the prior row's first latent [B, Z]; {@code ft0} [B, F] (the first frame's features) sets B. */
    protected abstract SDVariable priorStart(Ctx c, SDVariable ft0, Map<String, SDVariable> eps);

    /** z_1 ~ q(z_1 | x_1), the conditional prior's first latent [B, Z], from the first frame's features [B, F]. */
    protected abstract SDVariable conditionalStart(Ctx c, SDVariable ft0, Map<String, SDVariable> eps);

    /**
     * z_t+1 ~ p(z_t+1 | z_t, a_t): one step of the variant's prior (its transitions, Eq. 9's p terms) from the latent
     * state z_t [B, Z] and the action a_t [B, A]. The rollouts and imagination both build their steps from this one
     * method, so an imagined step is the rollout's step.
     */
    protected abstract SDVariable priorStep(Ctx c, SDVariable z, SDVariable a, Map<String, SDVariable> eps);

    /** Prior and conditional-prior latents [B, T, Z], unrolled from {@link #priorStep} with the true actions. */
    private RolloutLatents buildRollouts(Ctx c) {
        Map<String, SDVariable[]> perFrame = new LinkedHashMap<>();
        priorNoise().forEach((name, d) -> perFrame.put(name, c.rolloutNoise(name, d)));
        SDVariable[] starts = {priorStart(c, c.ft[0], frame(perFrame, 0)),
                conditionalStart(c, c.ft[0], frame(perFrame, 0))};
        SDVariable[] out = new SDVariable[2];
        for (int k = 0; k < 2; k++) {
            SDVariable z = starts[k];
            List<SDVariable> zs = new ArrayList<>();
            zs.add(z);
            for (int i = 1; i < c.t; i++) {
                z = priorStep(c, z, c.at[i - 1], frame(perFrame, i));
                zs.add(z);
            }
            out[k] = c.stack(zs);
        }
        return new RolloutLatents(out[0], out[1]);
    }

    private static Map<String, SDVariable> frame(Map<String, SDVariable[]> perFrame, int i) {
        Map<String, SDVariable> eps = new HashMap<>();
        perFrame.forEach((name, frames) -> eps.put(name, frames[i]));
        return eps;
    }

    /**
     * Imagination's per-step graph, beside the rollouts and sharing their weights and {@link #priorStep}: from
     * {@code step_z} [B, Z], {@code step_a} [B, A] and one draw per prior noise ({@code step_<name>} [B, d]) it
     * computes {@code step_next} [B, Z] and its decoded frame {@code step_image}; from frames {@code step_x} it
     * computes the conditional start {@code step_start} (z_1 ~ q(z_1 | x_1)); {@code decode_z} [B, Z] decodes to
     * {@code decoded}. Only the ops these outputs need run, so a step costs the transition and one decoder pass.
     */
    private void buildImagination(Ctx c, ConvNets.Encoder encoder, ConvNets.Decoder decoder) {
        SameDiff g = c.g;
        int z = latentDim();
        Map<String, SDVariable> eps = new HashMap<>();
        priorNoise().forEach((name, d) -> eps.put(name, g.placeHolder(STEP + name, DataType.FLOAT, -1, d)));
        SDVariable zt = g.placeHolder(STEP + "z", DataType.FLOAT, -1, z);
        SDVariable at = g.placeHolder(STEP + "a", DataType.FLOAT, -1, config.actionDim());
        SDVariable next = g.identity(STEP + "next", priorStep(c, zt, at, eps));
        g.identity(STEP + "image", decoder.apply(c.layers, next));
        SDVariable x = g.placeHolder(STEP + "x", DataType.FLOAT, -1, 3, 64, 64);
        g.identity(STEP + "start", conditionalStart(c, encoder.apply(c.layers, x), eps));
        g.identity("decoded", decoder.apply(c.layers, g.placeHolder("decode_z", DataType.FLOAT, -1, z)));
    }

    private SameDiff build() {
        SameDiff g = SameDiff.create();
        Layers layers = new Layers(g, !trainable);
        int a = config.actionDim(), l = config.sequenceLength(), t = config.frames();
        int f = config.featureDim(), z = latentDim();

        ConvNets.Encoder encoder = ConvNets.Encoder.create(layers, params, "encoder", f);
        ConvNets.Decoder decoder = ConvNets.Decoder.create(layers, params, "decoder", z);
        Layers.Mlp reward = layers.mlp(params, "reward", 2 * z + a, 2);

        SDVariable x = g.placeHolder("x", DataType.FLOAT, -1, 3, 64, 64);      // [B*T, 3, 64, 64]
        SDVariable act = g.placeHolder("a", DataType.FLOAT, -1, l, a);         // [B, L, A]
        SDVariable rew = g.placeHolder("r", DataType.FLOAT, -1, l);            // [B, L]
        SDVariable frameFeatures = g.identity("frame_features", encoder.apply(layers, x)); // [B*T, F]
        SDVariable features = g.reshape("features", frameFeatures, -1, t, f);             // [B, T, F]
        Ctx c = new Ctx(g, layers, frameFeatures, g.unstack(features, 1, t), act);

        Latents post = buildLatents(c);
        SDVariable latents = g.identity("latents", post.latents());                      // [B, T, Z]

        SDVariable images = decoder.apply(layers, g.reshape(latents, -1, z));           // [B*T, 3, 64, 64]
        g.identity("posterior_images", images);
        SDVariable nllImage, nllReward;
        try (NameScope s = g.withNameScope(OpTimes.LOSSES)) {
            // Eq. 9: -log p(x_t | z_t), summed over pixels and time.
            double std = Math.sqrt(config.decoderVariance());
            nllImage = g.reshape(Gaussians.nllFixedStd(g, x, images, std, 1, 2, 3), -1, t).sum(1);

            // Eq. 9 with the reward appended to the observation (Section 5): -log p(r_t | z_t, a_t, z_t+1).
            SDVariable zPrev = latents.get(SDIndex.all(), SDIndex.interval(0, l), SDIndex.all());
            SDVariable zNext = latents.get(SDIndex.all(), SDIndex.interval(1, t), SDIndex.all());
            SDVariable rewardIn = g.reshape(g.concat(2, zPrev, act, zNext), -1, 2 * z + a);
            Normal rewardDist = Gaussians.head(g, reward.apply(layers, rewardIn), 1);
            nllReward = g.reshape(Gaussians.nll(g, g.reshape(rew, -1, 1), rewardDist), -1, l).sum(1);
        }

        SDVariable kl = post.klSum().mean().rename("kl");
        SDVariable nllImageMean = nllImage.mean().rename("nll_image");
        SDVariable nllRewardMean = nllReward.mean().rename("nll_reward");
        kl.add(nllImageMean).add(nllRewardMean).rename(LOSS);
        g.setLossVariables(LOSS);
        if (trainable) {
            Initialisation.createGradients(g);
        }

        c.afterGradients.forEach(Runnable::run);
        RolloutLatents roll = buildRollouts(c);
        g.identity("prior_latents", roll.prior());
        g.identity("cond_prior_latents", roll.conditionalPrior());
        g.identity("prior_images", decoder.apply(layers, g.reshape(roll.prior(), -1, z)));
        g.identity("cond_prior_images", decoder.apply(layers, g.reshape(roll.conditionalPrior(), -1, z)));
        buildImagination(c, encoder, decoder);
        return g;
    }

    public ModelConfig config() {
        return config;
    }

    @Override
    public int featureDim() {
        return config.featureDim();
    }

    @Override
    public long parameterCount() {
        return params.parameterCount();
    }

    @Override
    public void profile(OpTimes times) {
        this.times = times;
        sd.addListeners(times.listener(OpTimes.Part.OTHER_OPS));
        params.timeWith(times);
        if (forwardTwin != null) {
            forwardTwin.sd.addListeners(times.listener(OpTimes.Part.OTHER_OPS));
        }
    }

    SameDiff graph() {
        return sd;
    }

    ParamGroup params() {
        return params;
    }

    /** Restarts the sampling noise, so tests can replay the same samples. */
    void reseedNoise(long seed) {
        noise.reseed(seed);
    }

    /** The posterior's placeholder inputs for these sequences, with fresh noise. */
    Map<String, INDArray> inputs(SequenceData data, boolean withRewards) {
        int b = data.batchSize(), t = config.frames();
        Map<String, INDArray> in = new HashMap<>();
        in.put("x", data.frames());
        in.put("a", data.actions());
        if (withRewards) {
            in.put("r", data.rewards());
        }
        posteriorNoise.forEach((name, d) -> in.put(name, noise.normal(b, t, d)));
        return in;
    }

    /** Any named outputs of the graph (tests read distributions through it), with fresh noise for all samples. */
    Map<String, INDArray> outputs(SequenceData data, String... names) {
        Map<String, INDArray> in = inputs(data, true);
        int b = data.batchSize(), t = config.frames();
        rolloutNoise.forEach((name, d) -> in.put(name, noise.normal(b, t, d)));
        return Inference.output(sd, in, names);
    }

    /** Loss terms and gradients for one batch, without changing the parameters. */
    OutAndGrad lossAndGradients(SequenceData data) {
        return sd.calculateGradientsAndOutputs(inputs(data, true), List.of(LOSS_TERMS), params.names());
    }

    /**
     * A loss term beyond this many nats per sequence means the model has diverged though it is still finite: a
     * decoder wrong on every pixel of 9 frames costs about 1e6 at variance 0.04, the first updates' KL about 1e4; a
     * model pushed past its stable rate reached KL 1e12 and image NLL 1e13 within 300 updates.
     */
    static final double EXPLODED = 1e9;

    @Override
    public LatentLosses update(SequenceData data) {
        OutAndGrad og = lossAndGradients(data);
        Map<String, INDArray> o = og.getOutputs();
        LatentLosses losses = new LatentLosses(o.get("kl").getDouble(0), o.get("nll_image").getDouble(0),
                o.get("nll_reward").getDouble(0));
        if (!Double.isFinite(losses.total())) {
            throw new NonFiniteLossException("latent model loss is " + losses.total() + " (" + losses + ")");
        }
        if (Math.abs(losses.kl()) > EXPLODED || Math.abs(losses.imageNll()) > EXPLODED
                || Math.abs(losses.rewardNll()) > EXPLODED) {
            throw new NonFiniteLossException("latent model loss exploded (" + losses + "; a working model's terms stay"
                    + " below " + String.format("%.0e", EXPLODED) + ")");
        }
        params.step(og.getGradients());
        return losses;
    }

    @Override
    public Posterior posterior(SequenceData data) {
        Map<String, INDArray> out = Inference.output(forwardGraph(), inputs(data, false), "features", "latents");
        return new Posterior(out.get("features"), out.get("latents"));
    }

    @Override
    public INDArray encode(INDArray frames) {
        return Inference.output(forwardGraph(), Map.of("x", frames), "frame_features").get("frame_features");
    }

    /**
     * The graph the forward-only passes run on (the actor-critic update's posterior over all its frames, acting):
     * an inference-only twin of this model built without a backward graph, so its convolutions' activations take
     * their forward-only form ({@link Layers#leakyConv}), holding a copy of this model's weights taken whenever they
     * have changed. Same placeholders and outputs, same values.
     */
    private SameDiff forwardGraph() {
        if (!trainable) {
            return sd;
        }
        if (forwardTwin == null) {
            forwardTwin = sameVariant(config, false);
            forwardTwinVersion = -1;
            if (times != null) {
                forwardTwin.sd.addListeners(times.listener(OpTimes.Part.OTHER_OPS));
            }
        }
        if (forwardTwinVersion != params.version()) {
            forwardTwin.params.assignFrom(params);
            forwardTwinVersion = params.version();
        }
        return forwardTwin.sd;
    }

    /** Sequences of another length run through an inference-only graph with this model's weights copied in. */
    @Override
    public Rollouts rollouts(SequenceData data) {
        return ofLength(data.steps()).rolloutsHere(data);
    }

    private Rollouts rolloutsHere(SequenceData data) {
        Map<String, INDArray> in = inputs(data, false);
        int b = data.batchSize(), t = config.frames();
        rolloutNoise.forEach((name, d) -> in.put(name, noise.normal(b, t, d)));
        Map<String, INDArray> out = Inference.output(sd, in, "posterior_images", "prior_images", "cond_prior_images");
        return new Rollouts(out.get("posterior_images"), out.get("prior_images"), out.get("cond_prior_images"));
    }

    /** Outputs of the rollout graph with these prior draws ({@link #priorNoise()} names, [B, T, d] each). */
    Map<String, INDArray> rolloutOutputs(SequenceData data, Map<String, INDArray> priorDraws, String... names) {
        Map<String, INDArray> in = inputs(data, false);
        in.putAll(priorDraws);
        return Inference.output(sd, in, names);
    }

    /** This model's weights in an inference-only graph unrolled over {@code steps} steps (this one if it is). */
    private GraphLatentModel ofLength(int steps) {
        if (steps == config.sequenceLength()) {
            return this;
        }
        GraphLatentModel other = otherLengths.computeIfAbsent(steps, n -> sameVariant(
                new ModelConfig(config.actionDim(), n, config.z1Dim(), config.z2Dim(), config.featureDim(),
                        config.decoderVariance(), config.learningRate(), config.seed()), false));
        other.params.assignFrom(params);
        return other;
    }

    @Override
    public Map<String, Integer> stepNoise() {
        return Map.copyOf(priorNoise());
    }

    @Override
    public INDArray filter(INDArray frames, INDArray actions) {
        int n = (int) frames.size(0);
        if (n == 1) {
            return conditionalStart(frames, draws(1));
        }
        int a = config.actionDim();
        SequenceData one = new SequenceData(frames, actions.reshape(1, n - 1, a), Nd4j.zeros(DataType.FLOAT, 1, n - 1),
                Nd4j.ones(DataType.FLOAT, 1, n - 1));
        INDArray latents = ofLength(n - 1).posterior(one).latents();                  // [1, n, Z]
        return latents.get(NDArrayIndex.all(), NDArrayIndex.point(n - 1), NDArrayIndex.all()).reshape(1, latentDim())
                .dup();
    }

    /** One draw of every prior noise for {@code b} rows, from this model's noise. */
    private Map<String, INDArray> draws(int b) {
        Map<String, INDArray> out = new HashMap<>();
        priorNoise().forEach((name, d) -> out.put(name, noise.normal(b, d)));
        return out;
    }

    @Override
    public INDArray conditionalStart(INDArray frames, Map<String, INDArray> draws) {
        Map<String, INDArray> in = stepInputs(draws);
        in.put(STEP + "x", frames);
        return Inference.output(forwardGraph(), in, STEP + "start").get(STEP + "start");
    }

    @Override
    public PriorStep priorStep(INDArray latent, INDArray action, Map<String, INDArray> draws) {
        Map<String, INDArray> in = stepInputs(draws);
        in.put(STEP + "z", latent);
        in.put(STEP + "a", action);
        Map<String, INDArray> out = Inference.output(forwardGraph(), in, STEP + "next", STEP + "image");
        return new PriorStep(out.get(STEP + "next"), out.get(STEP + "image"));
    }

    private Map<String, INDArray> stepInputs(Map<String, INDArray> draws) {
        Map<String, INDArray> in = new HashMap<>();
        for (String name : priorNoise().keySet()) {
            INDArray d = draws.get(name);
            if (d == null) {
                throw new IllegalArgumentException("no draw for the prior noise " + name + "; the model reads "
                        + priorNoise());
            }
            in.put(STEP + name, d);
        }
        return in;
    }

    @Override
    public INDArray decode(INDArray latents) {
        return Inference.output(forwardGraph(), Map.of("decode_z", latents), "decoded").get("decoded");
    }

    @Override
    public void save(DataOutputStream out, ParamGroup.Storage storage) throws IOException {
        params.save(out, storage);
    }

    @Override
    public void load(DataInputStream in) throws IOException {
        params.load(in);
    }

    @Override
    public void close() {
        otherLengths.values().forEach(GraphLatentModel::close);
        otherLengths.clear();
        if (forwardTwin != null) {
            forwardTwin.close();
            forwardTwin = null;
        }
        noise.close();
    }
}
