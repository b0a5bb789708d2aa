package slaclab.engine;

import slaclab.agent.Baselines;
import slaclab.agent.LogStdBounds;
import slaclab.environments.TaskSpec;
import slaclab.environments.Tasks;
import slaclab.models.LatentModels;
import slaclab.models.nn.Layers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one training run needs, read from a preset (JSON data under presets/). Defaults are the paper's
 * (Appendix C; slac-details.md). Step counts named "envSteps" count environment steps before action repeat,
 * as the paper's plots do; "agent steps" are decisions of the policy (one per action repeat).
 */
public record RunConfig(
        String task,
        String model,
        int actionRepeat,
        long envSteps,
        long seed,
        int replayCapacity,
        int initialCollectSteps,
        int pretrainUpdates,
        int modelBatch,
        int sacBatch,
        int sequenceLength,
        int updateEvery,
        long evalEvery,
        int evalEpisodes,
        double decoderVariance,
        double modelLearningRate,
        double agentLearningRate,
        double discount,
        double targetTau,
        double initialLogAlpha,
        int hiddenUnits,
        String activation,
        String policyLogStd,
        int targetUpdateEvery,
        String weightInit,
        int z1Dim,
        int z2Dim) {

    /** One help line per field, in preset order (CleanRL-style: every hyperparameter says what it is). */
    public static final Map<String, String> HELP = help();

    /** What {@code model} can name: SLAC on each latent-model variant, then the SAC baselines. */
    public static final List<String> MODELS = models();

    private static List<String> models() {
        List<String> m = new ArrayList<>(LatentModels.NAMES);
        m.addAll(Baselines.NAMES);
        return List.copyOf(m);
    }

    private static Map<String, String> help() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("task", "task name (see `tasks`)");
        h.put("model", "what learns: SLAC on a latent-model variant, or a baseline (" + String.join(", ", models())
                + "; default slac)");
        h.put("actionRepeat", "environment steps per agent decision (paper Table 1)");
        h.put("envSteps", "training length in environment steps, counted before action repeat");
        h.put("seed", "seed of the environment, the weights and all sampling noise");
        h.put("replayCapacity", "transitions kept in the replay buffer (paper: 100000)");
        h.put("initialCollectSteps", "agent steps of uniform random actions before learning (10000)");
        h.put("pretrainUpdates", "latent-model updates after the random collection, before RL starts (100000)");
        h.put("modelBatch", "sequences per latent-model update (32)");
        h.put("sacBatch", "sequences per actor-critic update (256), sampled apart from the model's (padded at episode starts)");
        h.put("sequenceLength", "steps per training sequence, tau (8 steps = 9 frames)");
        h.put("updateEvery", "agent steps per (model update + actor-critic update) pair (1)");
        h.put("evalEvery", "environment steps between evaluations, checkpoints and figures (10000)");
        h.put("evalEpisodes", "episodes per evaluation, with the stochastic policy as in the paper (0: none)");
        h.put("decoderVariance", "fixed per-pixel variance of p(x|z) (0.1)");
        h.put("modelLearningRate", "Adam rate of the latent model (1e-4)");
        h.put("agentLearningRate", "Adam rate of actor, critics and alpha (3e-4)");
        h.put("discount", "gamma (0.99)");
        h.put("targetTau", "EMA rate of the target critics per update (0.005)");
        h.put("initialLogAlpha", "initial log of the entropy temperature (0)");
        h.put("hiddenUnits", "units in each of the two hidden layers of the actor and the critics (256)");
        h.put("activation", "nonlinearity of the actor's and critics' hidden layers: leaky_relu (0.2, the paper's) or relu"
                + " (pytorch_sac's)");
        h.put("policyLogStd", "how the actor's log-std is bounded: clip (to [-20, 2], the paper's) or tanh (squashed into"
                + " [-5, 2], pytorch_sac's)");
        h.put("targetUpdateEvery", "actor-critic updates between two EMA steps of the target critics (1; pytorch_sac 2)");
        h.put("weightInit", "initial weights of the actor and the critics: glorot (uniform, the paper's) or orthogonal"
                + " (pytorch_sac's)");
        h.put("z1Dim", "size of the latent z1 (32)");
        h.put("z2Dim", "size of the latent z2 (256)");
        return h;
    }

    public static RunConfig paper(String task, int actionRepeat) {
        return new RunConfig(task, LatentModels.SLAC, actionRepeat, 500_000, 0, 100_000, 10_000, 100_000, 32, 256, 8, 1, 10_000, 1,
                0.1, 1e-4, 3e-4, 0.99, 0.005, 0.0, 256, "leaky_relu", "clip", 1, "glorot", 32, 256);
    }

    public RunConfig withEnvSteps(long n) {
        return new RunConfig(task, model, actionRepeat, n, seed, replayCapacity, initialCollectSteps, pretrainUpdates,
                modelBatch, sacBatch, sequenceLength, updateEvery, evalEvery, evalEpisodes, decoderVariance,
                modelLearningRate, agentLearningRate, discount, targetTau, initialLogAlpha, hiddenUnits, activation,
                policyLogStd, targetUpdateEvery, weightInit, z1Dim, z2Dim);
    }

    public RunConfig withSeed(long s) {
        return new RunConfig(task, model, actionRepeat, envSteps, s, replayCapacity, initialCollectSteps, pretrainUpdates,
                modelBatch, sacBatch, sequenceLength, updateEvery, evalEvery, evalEpisodes, decoderVariance,
                modelLearningRate, agentLearningRate, discount, targetTau, initialLogAlpha, hiddenUnits, activation,
                policyLogStd, targetUpdateEvery, weightInit, z1Dim, z2Dim);
    }

    public RunConfig withModel(String m) {
        return new RunConfig(task, m, actionRepeat, envSteps, seed, replayCapacity, initialCollectSteps, pretrainUpdates,
                modelBatch, sacBatch, sequenceLength, updateEvery, evalEvery, evalEpisodes, decoderVariance,
                modelLearningRate, agentLearningRate, discount, targetTau, initialLogAlpha, hiddenUnits, activation,
                policyLogStd, targetUpdateEvery, weightInit, z1Dim, z2Dim);
    }

    /** Whether {@code model} names one of the SAC baselines (no latent model, no pre-training, no rollouts). */
    public boolean baseline() {
        return Baselines.isBaseline(model);
    }

    /** Largest latent size accepted (the paper: z1 32, z2 256). */
    public static final int MAX_LATENT = 4096;
    /** Most evaluation episodes accepted per evaluation. */
    public static final int MAX_EVAL_EPISODES = 1000;
    /** Largest |initialLogAlpha|: the temperature exp(20) = 5e8 already swamps every reward. */
    public static final double MAX_LOG_ALPHA = 20;

    /** Checks every field against what a run of its task can use; see {@link #validate(TaskSpec)}. */
    public void validate() {
        validate(Tasks.spec(task));
    }

    /**
     * Checks every field against what a run of {@code spec} can use: numbers finite, positive where they must be,
     * a sequence no longer than an episode, a replay buffer that holds one, batches that fit in memory. The message
     * names the field, its value, the limit and the fix.
     */
    public void validate(TaskSpec spec) {
        checkModel(model);
        positive("actionRepeat", actionRepeat);
        positive("envSteps", envSteps);
        positive("replayCapacity", replayCapacity);
        nonNegative("initialCollectSteps", initialCollectSteps);
        nonNegative("pretrainUpdates", pretrainUpdates);
        positive("modelBatch", modelBatch);
        positive("sacBatch", sacBatch);
        positive("sequenceLength", sequenceLength);
        positive("updateEvery", updateEvery);
        positive("evalEvery", evalEvery);
        nonNegative("evalEpisodes", evalEpisodes);
        positive("hiddenUnits", hiddenUnits);
        positive("targetUpdateEvery", targetUpdateEvery);
        agentActivation();
        agentLogStd();
        agentWeightInit();
        positive("z1Dim", z1Dim);
        positive("z2Dim", z2Dim);
        finite("decoderVariance", decoderVariance);
        finite("modelLearningRate", modelLearningRate);
        finite("agentLearningRate", agentLearningRate);
        finite("discount", discount);
        finite("targetTau", targetTau);
        finite("initialLogAlpha", initialLogAlpha);
        if (!(decoderVariance > 0)) {
            throw new IllegalArgumentException("decoderVariance must be > 0 (the paper uses 0.1), got " + decoderVariance);
        }
        learningRate("modelLearningRate", modelLearningRate, "1e-4");
        learningRate("agentLearningRate", agentLearningRate, "3e-4");
        if (!(discount > 0 && discount <= 1)) {
            throw new IllegalArgumentException("discount must be in (0, 1], got " + discount);
        }
        if (!(targetTau > 0 && targetTau <= 1)) {
            throw new IllegalArgumentException("targetTau must be in (0, 1], got " + targetTau);
        }
        if (Math.abs(initialLogAlpha) > MAX_LOG_ALPHA) {
            throw new IllegalArgumentException("initialLogAlpha must be in [-" + (int) MAX_LOG_ALPHA + ", "
                    + (int) MAX_LOG_ALPHA + "] (the paper uses 0), got " + initialLogAlpha);
        }
        if (modelBatch < 2 || sacBatch < 2) {
            throw new IllegalArgumentException("modelBatch and sacBatch must be at least 2 (ND4J 1.0.0-M2.1 cannot"
                    + " back-propagate through a batch of 1), got " + modelBatch + " and " + sacBatch);
        }
        if (sequenceLength < 2) {
            throw new IllegalArgumentException("sequenceLength must be at least 2 (the actor reads tau frames), got "
                    + sequenceLength);
        }
        if (actionRepeat > spec.episodeSteps()) {
            throw new IllegalArgumentException("actionRepeat " + actionRepeat + " is longer than an episode of "
                    + spec.name() + " (" + spec.episodeSteps() + " env steps); the paper uses "
                    + spec.defaultActionRepeat());
        }
        long episodeAgentSteps = (spec.episodeSteps() + actionRepeat - 1) / actionRepeat;
        if (sequenceLength > episodeAgentSteps) {
            throw new IllegalArgumentException("sequenceLength " + sequenceLength + " is longer than an episode of "
                    + spec.name() + " (" + spec.episodeSteps() + " env steps / actionRepeat " + actionRepeat + " = "
                    + episodeAgentSteps + " agent steps), so no training sequence could ever be sampled; choose at"
                    + " most " + episodeAgentSteps + " (the paper uses 8)");
        }
        if (replayCapacity < sequenceLength + 1) {
            throw new IllegalArgumentException("replayCapacity must hold at least one sequence (" + (sequenceLength + 1)
                    + " transitions), got " + replayCapacity);
        }
        long perTransition = Math.max(spec.actionDim(), spec.stateDim());
        if ((long) replayCapacity * perTransition > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("replayCapacity " + replayCapacity + " is more than one replay buffer"
                    + " can index (" + (Integer.MAX_VALUE - 8) / perTransition + " transitions of " + spec.name()
                    + "); the paper uses 100000");
        }
        long batchFrames = (long) Math.max(modelBatch, sacBatch) * (sequenceLength + 1);
        long maxFrames = (Integer.MAX_VALUE - 8) / (3L * FRAME_PIXELS);
        if (batchFrames > maxFrames) {
            throw new IllegalArgumentException("a batch of " + Math.max(modelBatch, sacBatch) + " sequences of "
                    + (sequenceLength + 1) + " frames holds " + batchFrames + " frames, more than the " + maxFrames
                    + " one batch can; lower sacBatch, modelBatch or sequenceLength (the paper: 256 x 9)");
        }
        atMost("hiddenUnits", hiddenUnits, MAX_LATENT, "256");
        atMost("z1Dim", z1Dim, MAX_LATENT, "32");
        atMost("z2Dim", z2Dim, MAX_LATENT, "256");
        atMost("evalEpisodes", evalEpisodes, MAX_EVAL_EPISODES, "1");
    }

    /**
     * IllegalArgumentException unless the replay buffer's frames ({@link #replayBytes}) fit in {@code maxHeapBytes}
     * (this JVM's -Xmx): a run that cannot hold them would fail with "out of memory" hours in.
     */
    public void checkFitsIn(long maxHeapBytes) {
        if (replayBytes() > maxHeapBytes) {
            throw new IllegalArgumentException(String.format("replayCapacity %d keeps %.1f GB of frames, more than"
                    + " this JVM may use (%.1f GB): lower replayCapacity or start Java with a larger -Xmx",
                    replayCapacity, replayBytes() / 1e9, maxHeapBytes / 1e9));
        }
    }

    /** The actor's and critics' activation this config names (IllegalArgumentException naming the choices). */
    public Layers.Activation agentActivation() {
        return Layers.Activation.of(activation);
    }

    /** How the actor's log-std is bounded (IllegalArgumentException naming the choices). */
    public LogStdBounds agentLogStd() {
        return LogStdBounds.of(policyLogStd);
    }

    /** How the actor's and critics' initial weights are drawn (IllegalArgumentException naming the choices). */
    public Layers.Init agentWeightInit() {
        return Layers.Init.of(weightInit);
    }

    /** IllegalArgumentException naming the choices unless {@code m} is one of {@link #MODELS}. */
    public static void checkModel(String m) {
        if (!MODELS.contains(m)) {
            throw new IllegalArgumentException("unknown model '" + m + "'; choose one of: " + String.join(", ", MODELS));
        }
    }

    private static void positive(String name, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + v);
        }
    }

    private static void finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + v
                    + (Double.isInfinite(v) ? " (a number too large for a double, such as 1e400)" : ""));
        }
    }

    private static void learningRate(String name, double v, String paper) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1] (the paper uses " + paper + "), got " + v);
        }
    }

    private static void atMost(String name, long v, long max, String paper) {
        if (v > max) {
            throw new IllegalArgumentException(name + " must be at most " + max + " (the paper uses " + paper + "), got "
                    + v);
        }
    }

    private static void nonNegative(String name, long v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + v);
        }
    }

    /** Agent steps in one evaluation interval etc. are derived, never stored. */
    public long agentStepsTotal() {
        return (envSteps + actionRepeat - 1) / actionRepeat;
    }

    /** Replay-buffer memory in bytes (frames are 64x64x3 uint8). */
    public long replayBytes() {
        return (long) replayCapacity * FRAME_PIXELS * 3;
    }

    private static final int FRAME_PIXELS = 64 * 64;
}
