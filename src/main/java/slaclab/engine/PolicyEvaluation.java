package slaclab.engine;

import slaclab.agent.Agent;
import slaclab.environments.Environment;
import slaclab.environments.Tasks;
import slaclab.models.nn.Backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

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
        Lesson lesson = Lessons.find(where);
        if (lesson != null) {
            Lesson.Stage s = stage == null ? lesson.finalStage() : lesson.stage(stage);
            return episodes(lesson.config(), seed, episodes, greedy, listener,
                    agent -> lesson.loadAgent(s, agent).envSteps());
        }
        Path runDir = Path.of(where);
        RunFolder folder = new RunFolder(runDir);
        RunConfig config = readConfig(folder);
        if (stage != null) {
            Path file = keptStage(folder, stage);
            return episodes(config, seed, episodes, greedy, listener, agent -> CheckpointFiles.readFile(file,
                    config.task(), config.model(), in -> {
                        RunCounters k = RunCounters.read(in);
                        agent.load(in);
                        return k;
                    }).envSteps());
        }
        if (!CheckpointFiles.exists(folder)) {
            throw new IllegalArgumentException(runDir + " has no checkpoint.bin (nor checkpoint.prev.bin): the run"
                    + " stopped before it saved its policy (it saves at each evaluation, every evalEvery = "
                    + config.evalEvery() + " environment steps); train it again with train --preset FILE --out DIR");
        }
        int stateWidth = Tasks.spec(config.task()).stateDim();
        return episodes(config, seed, episodes, greedy, listener,
                agent -> Trainer.loadAgent(folder, config, agent, stateWidth, listener::onNotice));
    }

    /** Loads saved weights into an agent; returns the environment steps of training behind them. */
    private interface Loader {
        long load(Agent agent) throws IOException;
    }

    /** The file of the agent a run folder kept at an evaluation: {@code stage} is its environment steps. */
    private static Path keptStage(RunFolder folder, String stage) throws IOException {
        List<Long> kept = folder.keptStages();
        String fix = kept.isEmpty()
                ? "; this run keeps no stages/ folder (runs of SLAC Lab before 0.2.0 kept none): leave out --stage"
                : "; it kept the agent at " + kept.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + " env steps";
        long steps;
        try {
            steps = Long.parseLong(stage.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--stage of a run folder is the environment steps of an evaluation"
                    + " (e.g. --stage 50000), not '" + stage + "'" + fix);
        }
        if (!kept.contains(steps)) {
            throw new IllegalArgumentException(folder.dir() + " kept no agent at " + steps + " env steps" + fix);
        }
        return folder.stageFile(steps);
    }

    private static Result episodes(RunConfig config, long seed, int episodes, boolean greedy, Listener listener,
                                   Loader loader) throws IOException {
        Backend.selectNativeBuild();
        int actionDim = Tasks.spec(config.task()).actionDim();
        try (Environment env = Tasks.create(config.task(), seed);
             Agent agent = Trainer.createAgent(config.withSeed(seed), actionDim, env.state().length)) {
            // The weights come from the checkpoint; the seed only sets the policy's noise.
            long envSteps = loader.load(agent);
            listener.onLoaded(config, envSteps);
            PolicyEpisodes policy = new PolicyEpisodes(agent, config.sequenceLength(), actionDim,
                    config.actionRepeat(), greedy);
            List<Double> returns = new ArrayList<>();
            for (int k = 1; k <= episodes; k++) {
                double ret = policy.run(env, () -> { });
                returns.add(ret);
                listener.onEpisode(k, episodes, ret);
            }
            return new Result(envSteps, List.copyOf(returns));
        }
    }

    /** The folder's config.json, or a one-line error naming what is missing. */
    private static RunConfig readConfig(RunFolder folder) {
        Path dir = folder.dir();
        String fix = ". Pass the folder that `train --out DIR` or the lab wrote; it holds config.json and checkpoint.bin.";
        if (!Files.isDirectory(dir)) {
            List<String> lessons = Lessons.shipped();
            throw new IllegalArgumentException(dir + " is not a folder" + fix + (lessons.isEmpty() ? ""
                    : " Or name a shipped lesson: " + String.join(", ", lessons) + "."));
        }
        if (!Files.isRegularFile(folder.config())) {
            throw new IllegalArgumentException(dir + " is not a SLAC Lab run folder: config.json is missing" + fix);
        }
        try {
            return Presets.load(folder.config());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the run folder " + dir + " has a broken config.json: " + e.getMessage()
                    + ". Restore it from a copy.");
        }
    }
}
