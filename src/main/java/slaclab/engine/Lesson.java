package slaclab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import slaclab.agent.Agent;
import slaclab.engine.io.MetricsCsv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A lesson: one long run trained once and shipped, to be opened instead of trained (issue 12). Its folder holds
 * lesson.json (title, what the class sees, the stages), the run's config.json and metrics.csv, its returns.png, and
 * for each stage the agent as evaluated then (stages/NAME.bin: half-precision weights, {@link LessonPacker}) and the
 * rollout figure of that evaluation. A stage acts, draws rollouts and (the last) continues training.
 *
 * @param name    the folder's name, e.g. "cartpole-swingup"
 * @param title   one line for menus
 * @param summary what the run shows and how it was trained
 * @param config  the run's configuration (its config.json)
 * @param stages  early to final, in training order
 * @param paper   the paper's published returns for the task at some env steps (slac-details.md), to compare with
 */
public record Lesson(String name, String title, String summary, RunConfig config, List<Stage> stages,
                     List<PaperReturn> paper, LessonSource source) {
    /** The marks of lesson.json. */
    static final String FILE = "lesson.json";
    static final String FORMAT = "slaclab-lesson/1";

    /**
     * One stage: the agent at an evaluation of the run.
     *
     * @param evalReturn that evaluation's mean return
     * @param agent      the file of its agent, relative to the lesson
     * @param rollouts   the file of its rollout figure, or null
     */
    public record Stage(String name, long envSteps, double evalReturn, String agent, String rollouts) {
    }

    /** A return the paper published for SLAC on this task at {@code envSteps}. */
    public record PaperReturn(long envSteps, double evalReturn) {
    }

    /**
     * Reads a lesson's lesson.json and config.json and checks that every stage's file is there.
     *
     * @throws IllegalArgumentException naming what is missing or broken, and the fix
     */
    public static Lesson open(String name, LessonSource source) throws IOException {
        String fix = "; the lesson " + source.where() + " is incomplete: copy it again (or pack it again with"
                + " `lesson --run DIR --out DIR`)";
        JsonNode root = json(source, FILE, fix);
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(source.where() + "/" + FILE + " is not a SLAC Lab lesson (format "
                    + root.path("format").asText("missing") + ", this build reads " + FORMAT + ")");
        }
        RunConfig config;
        try {
            config = Presets.parse(text(source, "config.json", fix));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the lesson " + source.where() + " has a broken config.json: "
                    + e.getMessage());
        }
        List<Stage> stages = new ArrayList<>();
        for (JsonNode s : root.path("stages")) {
            String rollouts = s.path("rollouts").asText(null);
            stages.add(new Stage(s.path("name").asText(), s.path("envSteps").asLong(), s.path("evalReturn").asDouble(
                    Double.NaN), s.path("agent").asText(), rollouts));
        }
        if (stages.isEmpty()) {
            throw new IllegalArgumentException(source.where() + "/" + FILE + " lists no stages" + fix);
        }
        for (Stage s : stages) {
            if (!source.has(s.agent())) {
                throw new IllegalArgumentException("the lesson's stage '" + s.name() + "' has no agent file ("
                        + s.agent() + " is missing)" + fix);
            }
        }
        List<PaperReturn> paper = new ArrayList<>();
        for (JsonNode p : root.path("paper")) {
            paper.add(new PaperReturn(p.path("envSteps").asLong(), p.path("evalReturn").asDouble()));
        }
        return new Lesson(name, root.path("title").asText(name), root.path("summary").asText(""), config,
                List.copyOf(stages), List.copyOf(paper), source);
    }

    /** The stage called {@code stageName}; the error lists the stages there are. */
    public Stage stage(String stageName) {
        for (Stage s : stages) {
            if (s.name().equals(stageName)) {
                return s;
            }
        }
        throw new IllegalArgumentException("the lesson " + name + " has no stage '" + stageName + "'; its stages: "
                + String.join(", ", stages.stream().map(Stage::name).toList()));
    }

    /** The last stage: the one that continues training. */
    public Stage finalStage() {
        return stages.get(stages.size() - 1);
    }

    /** The whole run's metrics.csv rows (training and evaluation returns, losses). */
    public List<Map<String, String>> metrics() throws IOException {
        return source.has("metrics.csv") ? MetricsCsv.parseRows(new String(source.read("metrics.csv"),
                StandardCharsets.UTF_8)) : List.of();
    }

    /** The bytes of a file of the lesson (a figure), or null when it is not there. */
    public byte[] file(String relative) throws IOException {
        return relative != null && source.has(relative) ? source.read(relative) : null;
    }

    /**
     * Loads the agent of {@code stage} into {@code agent} (built from {@link #config()}) and returns the run's
     * counters at that stage.
     *
     * @throws IOException naming the stage's file when it is damaged or cut short
     */
    RunCounters loadAgent(Stage stage, Agent agent) throws IOException {
        String where = source.where() + "/" + stage.agent();
        byte[] bytes;
        try {
            bytes = source.read(stage.agent());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the lesson's stage '" + stage.name() + "' has no agent file ("
                    + where + " is missing); copy the lesson again");
        }
        try {
            return CheckpointFiles.readBytes(bytes, where, config.task(), config.model(), in -> {
                RunCounters k = RunCounters.read(in);
                agent.load(in);
                return k;
            });
        } catch (IOException e) {
            throw new IOException("the lesson's stage '" + stage.name() + "' cannot be loaded: " + e.getMessage()
                    + "; copy the lesson again", e);
        }
    }

    private static String text(LessonSource source, String relative, String fix) throws IOException {
        try {
            return new String(source.read(relative), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(source.where() + " has no " + relative + fix);
        }
    }

    private static JsonNode json(LessonSource source, String relative, String fix) throws IOException {
        String text = text(source, relative, fix);
        try {
            return new ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(source.where() + "/" + relative + " is not valid JSON ("
                    + e.getOriginalMessage() + ")" + fix);
        }
    }
}
