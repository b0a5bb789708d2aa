package slaclab.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import slaclab.environments.TaskSpec;
import slaclab.environments.Tasks;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/** Reads and writes presets: a JSON object of {@link RunConfig} fields, the paper's values filling the gaps. */
public final class Presets {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Presets() {
    }

    /** Loads a preset file; every problem becomes an {@link IllegalArgumentException} naming the file and the fix. */
    public static RunConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("preset " + file + " is not UTF-8 text (it holds bytes that are no UTF-8"
                    + " character); save it as UTF-8 JSON");
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("preset file not found: " + file + " (the presets/ folder lists the shipped ones)");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read preset " + file + ": " + e.getMessage());
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("preset " + file + ": " + e.getMessage(), e);
        }
    }

    public static RunConfig parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("must be a JSON object of settings");
        }
        JsonNode taskNode = root.get("task");
        if (taskNode == null || !taskNode.isTextual()) {
            throw new IllegalArgumentException("needs a \"task\" field naming the task, e.g. \"cartpole-swingup\"");
        }
        TaskSpec spec = Tasks.spec(taskNode.asText());
        ObjectNode merged = JSON.valueToTree(RunConfig.paper(spec.name(), spec.defaultActionRepeat()));
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.equals("description") || key.startsWith("_")) {
                continue;
            }
            if (!RunConfig.HELP.containsKey(key)) {
                throw new IllegalArgumentException("unknown field \"" + key + "\"; known fields: "
                        + String.join(", ", RunConfig.HELP.keySet()));
            }
            JsonNode old = merged.get(key);
            JsonNode v = e.getValue();
            if (old.isNumber() && !v.isNumber() || old.isTextual() && !v.isTextual()) {
                throw new IllegalArgumentException("field \"" + key + "\" must be a " + (old.isNumber() ? "number" : "string")
                        + ", got " + v);
            }
            if (old.isIntegralNumber() && !v.canConvertToExactIntegral()) {
                throw new IllegalArgumentException("field \"" + key + "\" must be a whole number, got " + v);
            }
            if (old.isInt() && !v.canConvertToInt() || old.isLong() && !v.canConvertToLong()) {
                throw new IllegalArgumentException("field \"" + key + "\" must be a whole number up to "
                        + (old.isInt() ? Integer.MAX_VALUE : Long.MAX_VALUE) + ", got " + v);
            }
            merged.set(key, v);
        }
        RunConfig c;
        try {
            c = JSON.treeToValue(merged, RunConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage());
        }
        c.validate(spec);
        return c;
    }

    public static String toJson(RunConfig c) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(c) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
