package slaclab.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

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

    /** Environment steps of the agents kept in stages/, in order; empty when there is no stages/ folder. */
    public List<Long> keptStages() throws IOException {
        if (!Files.isDirectory(stagesDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(stagesDir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("agent-\\d+\\.bin"))
                    .map(n -> Long.parseLong(n.substring(6, n.length() - 4))).sorted().toList();
        }
    }
}
