package slaclab.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import slaclab.agent.Agent;
import slaclab.engine.io.MetricsCsv;
import slaclab.environments.TaskSpec;
import slaclab.environments.Tasks;
import slaclab.models.nn.ParamGroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Makes a lesson folder from a run folder: the run's config.json, metrics.csv and returns.png, and for each chosen
 * evaluation the agent the run kept then (stages/agent-N.bin) in half precision without optimiser state, with that
 * evaluation's rollout figure. The run folder is only read.
 */
public final class LessonPacker {
    /** A stage to keep: the run's evaluation at {@code envSteps}, called {@code name} ("early", "final"...). */
    public record Choice(String name, long envSteps) {
    }

    /** A packed lesson: its folder, its stages and its size on disk. */
    public record Packed(Path dir, List<Lesson.Stage> stages, long bytes) {
    }

    private LessonPacker() {
    }

    /**
     * @throws IllegalArgumentException naming a missing stage (with the evaluations the run kept) or a folder that
     *                                  is neither empty nor a lesson
     */
    public static Packed pack(Path runDir, List<Choice> choices, String title, String summary,
                              List<Lesson.PaperReturn> paper, Path out) throws IOException {
        return pack(runDir, choices, title, summary, paper, ParamGroup.Storage.COMPACT, out);
    }

    /**
     * @param earlier how the stages before the final one keep their weights: {@link ParamGroup.Storage#COMPACT}
     *                (half precision, as the final stage, which continues training) or
     *                {@link ParamGroup.Storage#COMPACT_8BIT} (8 bits, half the size again)
     */
    public static Packed pack(Path runDir, List<Choice> choices, String title, String summary,
                              List<Lesson.PaperReturn> paper, ParamGroup.Storage earlier, Path out)
            throws IOException {
        RunFolder run = new RunFolder(runDir);
        if (!Files.isRegularFile(run.config())) {
            throw new IllegalArgumentException(runDir + " is not a run folder (no config.json); pass the folder that"
                    + " `train --out DIR` wrote");
        }
        RunConfig config = Presets.load(run.config());
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("a lesson needs at least one stage, e.g. --stages early=20000,final=100000");
        }
        for (Choice c : choices) {
            if (!Files.isRegularFile(run.stageFile(c.envSteps()))) {
                throw new IllegalArgumentException(runDir + " kept no agent at " + c.envSteps() + " env steps (stage '"
                        + c.name() + "'); it kept: " + kept(run));
            }
            if (!c.name().matches("[a-z0-9][a-z0-9-]*")) {
                throw new IllegalArgumentException("stage name '" + c.name() + "' must be lower-case letters, digits"
                        + " and dashes, e.g. early, middle, final");
            }
        }
        if (Files.exists(out) && !Lessons.isLessonFolder(out) && !isEmptyFolder(out)) {
            throw new IllegalArgumentException(out + " exists and is not a lesson folder; choose a new --out folder");
        }
        Files.createDirectories(out.resolve("stages"));
        Files.createDirectories(out.resolve("rollouts"));
        TaskSpec spec = Tasks.spec(config.task());
        List<Map<String, String>> metrics = MetricsCsv.read(run.metrics());
        List<Lesson.Stage> stages = new ArrayList<>();
        try (Agent agent = Trainer.createAgent(config, spec.actionDim(), spec.stateDim())) {
            for (Choice c : choices) {
                RunCounters k = CheckpointFiles.readFile(run.stageFile(c.envSteps()), config.task(), config.model(),
                        in -> {
                            RunCounters counters = RunCounters.read(in);
                            agent.load(in);
                            return counters;
                        });
                String agentFile = "stages/" + c.name() + ".bin";
                ParamGroup.Storage storage = c == choices.get(choices.size() - 1) ? ParamGroup.Storage.COMPACT
                        : earlier;
                CheckpointFiles.writeFile(out.resolve(agentFile), null, config.task(), config.model(), o -> {
                    k.write(o);
                    agent.save(o, storage);
                });
                String rollouts = null;
                if (Files.isRegularFile(run.rolloutPng(c.envSteps()))) {
                    rollouts = "rollouts/" + c.name() + ".png";
                    Files.copy(run.rolloutPng(c.envSteps()), out.resolve(rollouts), StandardCopyOption.REPLACE_EXISTING);
                }
                stages.add(new Lesson.Stage(c.name(), c.envSteps(), evalReturn(metrics, c.envSteps(), k), agentFile,
                        rollouts));
            }
        }
        Files.copy(run.config(), out.resolve("config.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(run.metrics(), out.resolve("metrics.csv"), StandardCopyOption.REPLACE_EXISTING);
        if (Files.isRegularFile(run.returnsPng())) {
            Files.copy(run.returnsPng(), out.resolve("returns.png"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(out.resolve(Lesson.FILE), json(title, summary, stages, paper));
        return new Packed(out, List.copyOf(stages), size(out));
    }

    private static String json(String title, String summary, List<Lesson.Stage> stages,
                               List<Lesson.PaperReturn> paper) throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("format", Lesson.FORMAT);
        root.put("title", title);
        root.put("summary", summary);
        ArrayNode list = root.putArray("stages");
        for (Lesson.Stage s : stages) {
            ObjectNode n = list.addObject();
            n.put("name", s.name());
            n.put("envSteps", s.envSteps());
            n.put("evalReturn", s.evalReturn());
            n.put("agent", s.agent());
            if (s.rollouts() != null) {
                n.put("rollouts", s.rollouts());
            }
        }
        ArrayNode published = root.putArray("paper");
        for (Lesson.PaperReturn p : paper) {
            published.addObject().put("envSteps", p.envSteps()).put("evalReturn", p.evalReturn());
        }
        return m.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** The evaluation's mean return in metrics.csv, or the counters' last one. */
    private static double evalReturn(List<Map<String, String>> metrics, long envSteps, RunCounters k) {
        for (Map<String, String> r : metrics) {
            String ev = r.getOrDefault("eval_return", "");
            if (!ev.isEmpty() && Double.parseDouble(r.get("env_steps")) == envSteps) {
                return Double.parseDouble(ev);
            }
        }
        return k.lastEvalReturn();
    }

    /** The env steps of the agents a run kept, for messages. */
    static String kept(RunFolder run) throws IOException {
        if (!Files.isDirectory(run.stagesDir())) {
            return "none (runs of SLAC Lab before 0.2.0 keep no stages/ folder)";
        }
        List<Long> steps = run.keptStages();
        return steps.isEmpty() ? "none" : steps.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static boolean isEmptyFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }
}
