package slaclab.engine;

import java.nio.file.Path;

/** The files of one run folder. */
public record RunFolder(Path dir) {
    public Path config() {
        return dir.resolve("config.json");
    }

    public Path metrics() {
        return dir.resolve("metrics.csv");
    }

    public Path checkpoint() {
        return dir.resolve("checkpoint.bin");
    }

    /** The checkpoint before checkpoint.bin, kept for when checkpoint.bin is cut short or damaged. */
    public Path previousCheckpoint() {
        return dir.resolve("checkpoint.prev.bin");
    }

    public Path returnsPng() {
        return dir.resolve("returns.png");
    }

    public Path rolloutsDir() {
        return dir.resolve("rollouts");
    }

    /** The rollout figure of the evaluation at {@code envSteps}. */
    public Path rolloutPng(long envSteps) {
        return rolloutsDir().resolve(String.format("rollouts-%09d.png", envSteps));
    }

    /** The newest rollout figure, refreshed at each evaluation. */
    public Path latestRolloutPng() {
        return dir.resolve("rollouts.png");
    }

    /** Snapshots of the agent at each evaluation (what a lesson's stages are made from). */
    public Path stagesDir() {
        return dir.resolve("stages");
    }

    /** The agent as it was evaluated at {@code envSteps}: counters and weights, no replay buffer. */
    public Path stageFile(long envSteps) {
        return stagesDir().resolve(String.format("agent-%09d.bin", envSteps));
    }
}
