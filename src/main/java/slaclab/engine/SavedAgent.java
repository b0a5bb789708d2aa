package slaclab.engine;

import slaclab.agent.Agent;
import slaclab.environments.Tasks;
import slaclab.models.nn.Backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A policy saved in a run folder (its config.json's agent, from its newest whole checkpoint as {@code train --resume}
 * loads it) or at a lesson's stage, loaded into a new agent: what {@code evaluate}, {@code imagine} and the lab's
 * Imagine tab start from.
 *
 * @param envSteps environment steps of training behind the loaded weights
 */
public record SavedAgent(RunConfig config, Agent agent, long envSteps) implements AutoCloseable {
    /** Loads saved weights into an agent; returns the environment steps of training behind them. */
    private interface Loader {
        long load(Agent agent) throws IOException;
    }

    /**
     * @param where  a run folder, a lesson folder, or the name of a lesson shipped inside the jar
     * @param stage  a lesson's stage (null: its final stage), or for a run folder the environment steps of an agent
     *               it kept at an evaluation in stages/ (null: its newest checkpoint)
     * @param seed   seeds the policy's noise (the weights come from the files)
     * @param notice receives problems worked around, in one line (a damaged checkpoint.bin, read from the previous one)
     * @throws IllegalArgumentException naming what is wrong with the folder or the arguments, and the fix
     * @throws IOException              when no checkpoint can be read (damaged files are named)
     */
    public static SavedAgent load(String where, String stage, long seed, Consumer<String> notice) throws IOException {
        Lesson lesson = Lessons.find(where);
        if (lesson != null) {
            return load(lesson, stage == null ? lesson.finalStage() : lesson.stage(stage), seed);
        }
        Path runDir = Path.of(where);
        RunFolder folder = new RunFolder(runDir);
        RunConfig config = readConfig(folder);
        if (stage != null) {
            Path file = keptStage(folder, stage);
            return load(config, seed, agent -> CheckpointFiles.readFile(file, config.task(), config.model(), in -> {
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
        return load(config, seed, agent -> Trainer.loadAgent(folder, config, agent, stateWidth, notice));
    }

    /** A lesson's stage, loaded to act; {@code seed} seeds the policy's noise. */
    public static SavedAgent load(Lesson lesson, Lesson.Stage stage, long seed) throws IOException {
        return load(lesson.config(), seed, agent -> lesson.loadAgent(stage, agent).envSteps());
    }

    private static SavedAgent load(RunConfig config, long seed, Loader loader) throws IOException {
        Backend.selectNativeBuild();
        var spec = Tasks.spec(config.task());
        Agent agent = Trainer.createAgent(config.withSeed(seed), spec.actionDim(), spec.stateDim());
        try {
            return new SavedAgent(config, agent, loader.load(agent));
        } catch (IOException | RuntimeException e) {
            agent.close();
            throw e;
        }
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

    @Override
    public void close() {
        agent.close();
    }
}
