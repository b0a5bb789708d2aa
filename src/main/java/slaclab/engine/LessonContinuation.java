package slaclab.engine;

import slaclab.agent.Agent;
import slaclab.engine.io.AtomicFiles;
import slaclab.environments.Environment;
import slaclab.environments.TaskSpec;
import slaclab.environments.Tasks;
import slaclab.replay.SequenceReplay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Continue training from a lesson's stage: a new run folder that holds the lesson's configuration (with a longer
 * training length), its metrics up to the stage, and a checkpoint of the stage's agent with an empty replay buffer.
 * Resuming it ({@code train --resume}, the lab's Continue run) refills the buffer with the stage's policy for the
 * random collection's number of agent steps, then trains as usual. The lesson is only read.
 */
public final class LessonContinuation {
    private LessonContinuation() {
    }

    /**
     * Writes the run folder {@code runDir} and returns its configuration; resume it to train.
     *
     * @param envSteps the continued run's length, past the stage's environment steps
     * @throws IllegalArgumentException when {@code runDir} already holds a run or {@code envSteps} is not past the
     *                                  stage
     */
    public static RunConfig start(Lesson lesson, Lesson.Stage stage, Path runDir, long envSteps) throws IOException {
        RunFolder folder = new RunFolder(runDir);
        if (CheckpointFiles.exists(folder) || Files.exists(folder.metrics())) {
            throw new IllegalArgumentException("run folder " + runDir + " already holds a run; choose another --out");
        }
        if (envSteps <= stage.envSteps()) {
            throw new IllegalArgumentException("--env-steps " + envSteps + " is not past the stage '" + stage.name()
                    + "' (" + stage.envSteps() + " env steps); give a longer training length");
        }
        RunConfig config = lesson.config().withEnvSteps(envSteps);
        TaskSpec spec = Tasks.spec(config.task());
        config.validate(spec);
        Files.createDirectories(folder.rolloutsDir());
        AtomicFiles.writeString(folder.config(), Presets.toJson(config));
        byte[] metrics = lesson.file("metrics.csv");
        if (metrics != null) {
            Files.write(folder.metrics(), metrics);  // rows past the stage are cut when the run resumes
        }
        try (Agent agent = Trainer.createAgent(config, spec.actionDim(), spec.stateDim())) {
            RunCounters k = lesson.loadAgent(stage, agent);
            SequenceReplay empty = new SequenceReplay(config.replayCapacity(), spec.actionDim(),
                    Environment.IMAGE_SIZE, spec.stateDim());
            new CheckpointFiles(folder).write(config.task(), config.model(), out -> {
                k.write(out);
                agent.save(out);
                empty.save(out);
            });
        }
        return config;
    }
}
