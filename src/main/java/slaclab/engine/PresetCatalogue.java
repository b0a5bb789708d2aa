package slaclab.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The presets a user can pick: the files of a presets/ folder on disk (the working directory's, so edits apply at
 * once) and the presets built into the jar (so an installed app has them all). A file that fails to parse is listed
 * with its problem instead of its configuration.
 */
public final class PresetCatalogue {
    /**
     * One preset.
     *
     * @param name    file name without .json, e.g. "cartpole-swingup-classroom"
     * @param origin  where it came from: a file path, or "built in"
     * @param config  its configuration, or null when it is broken
     * @param problem what is wrong with it (broken, or its task cannot run here), or null
     */
    public record Entry(String name, String origin, RunConfig config, String problem) {
        public boolean usable() {
            return config != null && problem == null;
        }

        /** A well-formed preset whose task cannot run on this machine (e.g. MuJoCo is not installed). */
        public boolean unavailable() {
            return config != null && problem != null;
        }

        static Entry of(String name, String origin, RunConfig config) {
            String why = slaclab.environments.Tasks.unavailableReason(config.task());
            return new Entry(name, origin, config, why == null ? null
                    : "task " + config.task() + " cannot run here: " + why);
        }
    }

    private static final String RESOURCE_DIR = "presets/";

    private PresetCatalogue() {
    }

    /** Presets of {@code folder} (if it exists), then the built-in ones not overridden by a file of the same name. */
    public static List<Entry> list(Path folder) {
        Map<String, Entry> byName = new LinkedHashMap<>();
        if (folder != null && Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    byName.put(baseName(p.getFileName().toString()), fromFile(p));
                }
            } catch (IOException e) {
                // an unreadable folder contributes nothing; the built-in presets remain
            }
        }
        for (String resource : builtInNames()) {
            String name = baseName(resource);
            if (!byName.containsKey(name)) {
                byName.put(name, fromResource(resource));
            }
        }
        return new ArrayList<>(byName.values());
    }

    /**
     * The preset a command line names: a JSON file, or the name of a preset in {@code folder} or built into the jar
     * (so an installed copy, which has no presets/ folder at hand, can say {@code --preset cartpole-swingup-classroom}).
     * Unknown names and broken presets are an {@link IllegalArgumentException} that lists the names there are.
     */
    public static RunConfig load(String nameOrFile, Path folder) {
        Path file = Path.of(nameOrFile);
        if (nameOrFile.endsWith(".json") || Files.exists(file) || nameOrFile.contains("/")
                || nameOrFile.contains(java.io.File.separator)) {
            return Presets.load(file);
        }
        List<Entry> all = list(folder);
        for (Entry e : all) {
            if (e.name().equals(nameOrFile)) {
                if (e.config() == null) {
                    throw new IllegalArgumentException("preset " + nameOrFile + " (" + e.origin() + "): " + e.problem());
                }
                return e.config();
            }
        }
        throw new IllegalArgumentException("no preset named '" + nameOrFile + "'; give a preset file (.json) or one of: "
                + String.join(", ", all.stream().map(Entry::name).toList()));
    }

    public static Entry fromFile(Path p) {
        String name = baseName(p.getFileName().toString());
        try {
            return Entry.of(name, p.toString(), Presets.load(p));
        } catch (IllegalArgumentException e) {
            return new Entry(name, p.toString(), null, e.getMessage());
        }
    }

    private static Entry fromResource(String resource) {
        String name = baseName(resource);
        try (InputStream in = PresetCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + resource)) {
            if (in == null) {
                return new Entry(name, "built in", null, "built-in preset " + resource + " is missing from the jar");
            }
            return Entry.of(name, "built in", Presets.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            return new Entry(name, "built in", null, "built-in preset " + resource + ": " + e.getMessage());
        }
    }

    /** File names of the presets packed with the classes (a jar, or target/classes when run from a build). */
    static List<String> builtInNames() {
        return BuiltInResources.files(RESOURCE_DIR).stream().filter(n -> n.endsWith(".json") && n.indexOf('/') < 0)
                .toList();
    }

    private static String baseName(String file) {
        return file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
    }
}
