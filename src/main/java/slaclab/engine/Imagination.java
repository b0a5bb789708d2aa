package slaclab.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import slaclab.agent.ActorInput;
import slaclab.agent.Agent;
import slaclab.agent.SlacAgent;
import slaclab.environments.Environment;
import slaclab.environments.Step;
import slaclab.environments.Tasks;
import slaclab.engine.io.RolloutGrid;
import slaclab.models.LatentModel;
import slaclab.models.PriorStep;
import slaclab.models.SequenceData;
import slaclab.models.nn.Noise;
import slaclab.replay.Frames;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives a learned latent model by hand: a real episode starts (the policy acting for a few steps, as it evaluates),
 * the posterior filters its last frames into a latent state, and then every action given rolls the prior one step,
 * z_t+1 ~ p(z_t+1 | z_t, a_t), and decodes the frame the model expects (the rollouts' conditional prior, one step at a
 * time: {@link LatentModel#priorStep}). The real environment takes the same actions from the same state, so each
 * imagined frame has its ground truth and an image error. The policy can also act, on its own dream: it reads the
 * imagined frames as it reads real ones. Not thread-safe: one thread uses it (the CLI's, or the lab's worker).
 */
public final class Imagination implements AutoCloseable {
    private static final int S = Environment.IMAGE_SIZE;
    /** Sequences per posterior pass when collecting the explorer's samples. */
    private static final int BATCH = 8;

    private final RunConfig config;
    private final Agent agent;
    private final LatentModel model;
    private final Environment env;
    private final Noise noise;
    private final long seed;
    private final int actionDim;
    private final List<ImaginedFrame> frames = new ArrayList<>();
    /** What the policy reads: the real frames up to the start, then the imagined ones. */
    private ActorHistory policyView;
    private INDArray latent;
    private boolean ended;
    private byte[] truth;

    /**
     * @param agent a SLAC agent (any latent-model variant) with its weights loaded; closed by {@link #close}
     * @param seed  seeds the environment, the policy's warm-up and the prior's noise
     * @throws IllegalArgumentException when the agent has no latent model (the SAC baselines)
     */
    public Imagination(RunConfig config, Agent agent, long seed) {
        if (!(agent instanceof SlacAgent slac)) {
            throw new IllegalArgumentException("the run's model is " + config.model() + ", which learns no latent model"
                    + " to imagine with; open a run of slac or one of its latent variants");
        }
        this.config = config;
        this.agent = agent;
        this.model = slac.model();
        this.actionDim = Tasks.spec(config.task()).actionDim();
        this.env = Tasks.create(config.task(), seed);
        this.noise = new Noise(seed * 7919 + 17);
        this.seed = seed;
    }

    /** Loads a run folder's or a lesson stage's agent ({@link SavedAgent#load}) and imagines with it. */
    public static Imagination open(SavedAgent saved, long seed) {
        try {
            return new Imagination(saved.config(), saved.agent(), seed);
        } catch (RuntimeException e) {
            saved.close();
            throw e;
        }
    }

    /** An agent of {@code config} with fresh, untrained weights: what {@code bench --imagine} times. */
    public static Imagination untrained(RunConfig config, long seed) {
        var spec = Tasks.spec(config.task());
        return new Imagination(config, Trainer.createAgent(config.withSeed(seed), spec.actionDim(), spec.stateDim()),
                seed);
    }

    public RunConfig config() {
        return config;
    }

    public int actionDim() {
        return actionDim;
    }

    /** The frames since {@link #begin}, the start first. */
    public List<ImaginedFrame> frames() {
        return List.copyOf(frames);
    }

    /**
     * Starts a new real episode, lets the policy act for {@code warmup} agent steps (fewer if the episode ends),
     * filters the posterior over the last frames (as many as a training sequence holds) and returns the start frame:
     * the decoded posterior sample beside the real frame.
     */
    public ImaginedFrame begin(int warmup) {
        if (warmup < 0) {
            throw new IllegalArgumentException("the warm-up must be at least 0 agent steps, got " + warmup);
        }
        frames.clear();
        List<byte[]> real = new ArrayList<>();
        List<float[]> actions = new ArrayList<>();
        policyView = new ActorHistory(config.sequenceLength(), actionDim, S);
        ended = playPolicy(env, warmup, real, actions, policyView);
        int window = Math.min(real.size(), config.sequenceLength() + 1);
        latent = model.filter(chw(real.subList(real.size() - window, real.size())),
                actionRows(actions.subList(actions.size() - (window - 1), actions.size())));
        truth = real.get(real.size() - 1);
        byte[] dream = bytes(model.decode(latent));
        return add(new ImaginedFrame(0, null, dream, truth, ImaginedFrame.imageError(dream, truth), ended));
    }

    /**
     * One imagined step with {@code action} (clipped to [-1, 1]): the prior's next latent state and its decoded
     * frame; the real environment takes the same action (repeated as training repeats it) unless its episode ended.
     */
    public ImaginedFrame step(float[] action) {
        if (latent == null) {
            throw new IllegalStateException("begin() an imagination before stepping it");
        }
        if (action.length != actionDim) {
            throw new IllegalArgumentException(config.task() + " takes " + actionDim + " action component"
                    + (actionDim == 1 ? "" : "s") + ", got " + action.length);
        }
        float[] a = new float[actionDim];
        for (int i = 0; i < actionDim; i++) {
            a[i] = Math.max(-1f, Math.min(1f, action[i]));
        }
        Map<String, INDArray> draws = new HashMap<>();
        model.stepNoise().forEach((name, d) -> draws.put(name, noise.normal(1, d)));
        PriorStep next = model.priorStep(latent, Nd4j.create(a, new long[]{1, actionDim}, DataType.FLOAT), draws);
        latent = next.latent();
        byte[] dream = bytes(next.image());
        if (!ended) {
            byte[] f = new byte[3 * S * S];
            ended = act(env, a, f);
            truth = f;
        }
        policyView.push(a, dream, null);
        return add(new ImaginedFrame(frames.size(), a, dream, truth, ImaginedFrame.imageError(dream, truth), ended));
    }

    /** The policy's action (sampled, as it evaluates) on what it has seen: the real start, then the dream. */
    public float[] policyAction() {
        if (policyView == null) {
            throw new IllegalStateException("begin() an imagination before asking the policy");
        }
        return agent.act(new ActorInput(policyView.frameArray(), policyView.actions(), null), false);
    }

    private ImaginedFrame add(ImaginedFrame frame) {
        frames.add(frame);
        return frame;
    }

    /**
     * Resets {@code e} and lets the policy act for up to {@code steps} agent steps, as it evaluates; the frames seen
     * (the first included) and the actions go to the lists, and {@code view} holds the policy's history at the end.
     * Returns whether the episode ended.
     */
    private boolean playPolicy(Environment e, int steps, List<byte[]> seen, List<float[]> actions, ActorHistory view) {
        byte[] f = new byte[3 * S * S];
        e.reset();
        e.render(f);
        view.reset(f, null);
        seen.add(f.clone());
        boolean done = false;
        for (int k = 0; k < steps && !done; k++) {
            float[] a = agent.act(new ActorInput(view.frameArray(), view.actions(), null), false);
            done = act(e, a, f);
            view.push(a, f, null);
            seen.add(f.clone());
            actions.add(a);
        }
        return done;
    }

    /**
     * The leading principal directions of each part of the latent state (z1, z2, ...), from posterior samples of
     * the sequences of one policy episode (a fresh environment, up to {@code maxSteps} agent steps): the latent
     * explorer's axes.
     */
    public LatentDirections directions(int perPart, int maxSteps) {
        List<byte[]> seen = new ArrayList<>();
        List<float[]> actions = new ArrayList<>();
        try (Environment e = Tasks.create(config.task(), seed + 1)) {
            playPolicy(e, maxSteps, seen, actions, new ActorHistory(config.sequenceLength(), actionDim, S));
        }
        int l = config.sequenceLength(), t = l + 1, stride = Math.max(1, l / 2);
        List<Integer> starts = new ArrayList<>();
        for (int s = 0; s + t <= seen.size(); s += stride) {
            starts.add(s);
        }
        List<float[]> samples = new ArrayList<>();
        for (int from = 0; from < starts.size(); from += BATCH) {
            List<Integer> chunk = starts.subList(from, Math.min(starts.size(), from + BATCH));
            List<byte[]> fs = new ArrayList<>();
            List<float[]> as = new ArrayList<>();
            for (int s : chunk) {
                fs.addAll(seen.subList(s, s + t));
                as.addAll(actions.subList(s, s + l));
            }
            int b = chunk.size();
            INDArray latents = model.posterior(new SequenceData(chw(fs), actionRows(as).reshape(b, l, actionDim),
                    Nd4j.zeros(DataType.FLOAT, b, l), Nd4j.ones(DataType.FLOAT, b, l))).latents();
            float[] flat = latents.dup().data().asFloat();
            int z = (int) latents.size(2);
            for (int i = 0; i < b * t; i++) {
                samples.add(java.util.Arrays.copyOfRange(flat, i * z, (i + 1) * z));
            }
        }
        return LatentDirections.of(samples, model.latentBlocks(), perPart);
    }

    /** Decoded frame (HWC bytes) of a latent state given as floats. */
    public byte[] decode(float[] latentState) {
        return bytes(model.decode(Nd4j.create(latentState, new long[]{1, latentState.length}, DataType.FLOAT)));
    }

    /** Repeats {@code a} as training does and renders into {@code f}; returns whether the episode ended. */
    private boolean act(Environment env, float[] a, byte[] f) {
        double[] cmd = new double[actionDim];
        for (int i = 0; i < actionDim; i++) {
            cmd[i] = a[i];
        }
        boolean done = false;
        for (int j = 0; j < config.actionRepeat() && !done; j++) {
            Step s = env.step(cmd);
            done = s.done();
        }
        env.render(f);
        return done;
    }

    /** HWC byte frames as [n, 3, 64, 64] in [0, 1]. */
    static INDArray chw(List<byte[]> frames) {
        int n = 3 * S * S;
        float[] flat = new float[frames.size() * n];
        for (int i = 0; i < frames.size(); i++) {
            Frames.toChw(frames.get(i), S, flat, i * n);
        }
        return Nd4j.create(flat, new long[]{frames.size(), 3, S, S}, DataType.FLOAT);
    }

    private INDArray actionRows(List<float[]> actions) {
        float[] flat = new float[actions.size() * actionDim];
        for (int i = 0; i < actions.size(); i++) {
            System.arraycopy(actions.get(i), 0, flat, i * actionDim, actionDim);
        }
        return actions.isEmpty() ? Nd4j.zeros(DataType.FLOAT, 0, actionDim)
                : Nd4j.create(flat, new long[]{actions.size(), actionDim}, DataType.FLOAT);
    }

    /** The first decoded frame of [B, 3, 64, 64] as HWC bytes. */
    static byte[] bytes(INDArray images) {
        return RolloutGrid.toBytes(images.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).dup().data().asFloat(),
                0, S);
    }

    @Override
    public void close() {
        noise.close();
        env.close();
        agent.close();
    }
}
