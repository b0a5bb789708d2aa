package slaclab.engine;

import slaclab.agent.Baselines;
import slaclab.models.LatentModels;

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
        h.put("sacBatch", "sequences per actor-critic update (256); the model batch is its first modelBatch");
        h.put("sequenceLength", "steps per training sequence, tau (8 steps = 9 frames)");
        h.put("updateEvery", "agent steps per (model update + actor-critic update) pair (1)");
        h.put("evalEvery", "environment steps between evaluations, checkpoints and figures (10000)");
        h.put("evalEpisodes", "episodes per evaluation, with the stochastic policy as in the paper");
        h.put("decoderVariance", "fixed per-pixel variance of p(x|z) (0.1)");
        h.put("modelLearningRate", "Adam rate of the latent model (1e-4)");
        h.put("agentLearningRate", "Adam rate of actor, critics and alpha (3e-4)");
        h.put("discount", "gamma (0.99)");
        h.put("targetTau", "EMA rate of the target critics per update (0.005)");
        h.put("initialLogAlpha", "initial log of the entropy temperature (0)");
        h.put("z1Dim", "size of the latent z1 (32)");
        h.put("z2Dim", "size of the latent z2 (256)");
        return h;
    }

    public static RunConfig paper(String task, int actionRepeat) {
        return new RunConfig(task, LatentModels.SLAC, actionRepeat, 500_000, 0, 100_000, 10_000, 100_000, 32, 256, 8, 1, 10_000, 1,
                0.1, 1e-4, 3e-4, 0.99, 0.005, 0.0, 32, 256);
    }

    public RunConfig withEnvSteps(long n) {
        return new RunConfig(task, model, actionRepeat, n, seed, replayCapacity, initialCollectSteps, pretrainUpdates,
                modelBatch, sacBatch, sequenceLength, updateEvery, evalEvery, evalEpisodes, decoderVariance,
                modelLearningRate, agentLearningRate, discount, targetTau, initialLogAlpha, z1Dim, z2Dim);
    }

    public RunConfig withSeed(long s) {
        return new RunConfig(task, model, actionRepeat, envSteps, s, replayCapacity, initialCollectSteps, pretrainUpdates,
                modelBatch, sacBatch, sequenceLength, updateEvery, evalEvery, evalEpisodes, decoderVariance,
                modelLearningRate, agentLearningRate, discount, targetTau, initialLogAlpha, z1Dim, z2Dim);
    }

    public RunConfig withModel(String m) {
        return new RunConfig(task, m, actionRepeat, envSteps, seed, replayCapacity, initialCollectSteps, pretrainUpdates,
                modelBatch, sacBatch, sequenceLength, updateEvery, evalEvery, evalEpisodes, decoderVariance,
                modelLearningRate, agentLearningRate, discount, targetTau, initialLogAlpha, z1Dim, z2Dim);
    }

    /** Whether {@code model} names one of the SAC baselines (no latent model, no pre-training, no rollouts). */
    public boolean baseline() {
        return Baselines.isBaseline(model);
    }

    /** Checks ranges; the message names the field and what it must be. */
    public void validate() {
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
        positive("z1Dim", z1Dim);
        positive("z2Dim", z2Dim);
        if (!(decoderVariance > 0)) {
            throw new IllegalArgumentException("decoderVariance must be > 0 (the paper uses 0.1), got " + decoderVariance);
        }
        if (!(modelLearningRate > 0) || !(agentLearningRate > 0)) {
            throw new IllegalArgumentException("learning rates must be > 0");
        }
        if (!(discount > 0 && discount <= 1)) {
            throw new IllegalArgumentException("discount must be in (0, 1], got " + discount);
        }
        if (!(targetTau > 0 && targetTau <= 1)) {
            throw new IllegalArgumentException("targetTau must be in (0, 1], got " + targetTau);
        }
        if (modelBatch < 2 || sacBatch < 2) {
            throw new IllegalArgumentException("modelBatch and sacBatch must be at least 2 (ND4J 1.0.0-M2.1 cannot"
                    + " back-propagate through a batch of 1), got " + modelBatch + " and " + sacBatch);
        }
        if (sequenceLength < 2) {
            throw new IllegalArgumentException("sequenceLength must be at least 2 (the actor reads tau frames), got "
                    + sequenceLength);
        }
        if (replayCapacity < sequenceLength + 1) {
            throw new IllegalArgumentException("replayCapacity must hold at least one sequence (" + (sequenceLength + 1)
                    + " transitions), got " + replayCapacity);
        }
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
        return (long) replayCapacity * 64 * 64 * 3;
    }
}
