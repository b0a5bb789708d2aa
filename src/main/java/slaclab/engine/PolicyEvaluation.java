package slaclab.engine;

import slaclab.environments.Environment;
import slaclab.environments.Tasks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates the policy saved in a run folder, the agent of its config.json (SLAC on any latent-model variant, or a
 * SAC baseline) loaded from its newest whole checkpoint as {@code train --resume} loads it, or a lesson's stage;
 * then evaluation episodes
 * run exactly as training runs them ({@link PolicyEpisodes}). The seed seeds the environment and the policy's noise,
 * so the same seed gives the same returns.
 */
public final class PolicyEvaluation {
    /** What the evaluation reports while it runs. */
    public interface Listener {
        /** The checkpoint is loaded: {@code envSteps} of training are behind it. */
        default void onLoaded(RunConfig config, long envSteps) {
        }

        /** A problem worked around, in one line (a damaged checkpoint.bin, evaluated from checkpoint.prev.bin). */
        default void onNotice(String message) {
        }

        /** Episode {@code k} of {@code n} (from 1) ended with return {@code ret}. */
        default void onEpisode(int k, int n, double ret) {
        }
    }

    /**
     * The returns of the evaluation episodes.
     *
     * @param envSteps environment steps of training behind the evaluated checkpoint
     */
    public record Result(long envSteps, List<Double> returns) {
        public double mean() {
            return returns.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        /** Population standard deviation (divides by n, not n - 1): 0 for one episode. */
        public double std() {
            double m = mean();
            return Math.sqrt(returns.stream().mapToDouble(r -> (r - m) * (r - m)).average().orElse(Double.NaN));
        }
    }

    private PolicyEvaluation() {
    }

    /**
     * Runs {@code episodes} evaluation episodes of the policy saved in a run folder or a lesson.
     *
     * @param where a run folder, a lesson folder, or the name of a lesson shipped inside the jar
     * @param stage  a lesson's stage to evaluate (null: its final stage), or for a run folder the environment steps
     *               of an agent it kept in stages/ (null: its checkpoint)
     * @param greedy act with the mean action instead of a sample (the paper evaluates the stochastic policy)
     * @throws IllegalArgumentException naming what is wrong with the folder or the arguments, and the fix
     * @throws IOException              when no checkpoint can be read (damaged files are named)
     */
    public static Result run(String where, String stage, int episodes, long seed, boolean greedy, Listener listener)
            throws IOException {
        if (episodes < 1) {
            throw new IllegalArgumentException("--episodes must be at least 1, got " + episodes);
        }
        // The weights come from the checkpoint; the seed only sets the policy's noise.
        try (SavedAgent saved = SavedAgent.load(where, stage, seed, listener::onNotice);
             Environment env = Tasks.create(saved.config().task(), seed)) {
            RunConfig config = saved.config();
            listener.onLoaded(config, saved.envSteps());
            PolicyEpisodes policy = new PolicyEpisodes(saved.agent(), config.sequenceLength(),
                    Tasks.spec(config.task()).actionDim(), config.actionRepeat(), greedy);
            List<Double> returns = new ArrayList<>();
            for (int k = 1; k <= episodes; k++) {
                double ret = policy.run(env, () -> { });
                returns.add(ret);
                listener.onEpisode(k, episodes, ret);
            }
            return new Result(saved.envSteps(), List.copyOf(returns));
        }
    }
}
