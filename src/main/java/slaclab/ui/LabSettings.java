package slaclab.ui;

import slaclab.engine.AppDirs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How the lab starts.
 *
 * @param runsRoot      where new runs get their folders
 * @param presetsFolder a presets/ folder on disk whose files are listed before the built-in presets
 * @param preset        name of the preset selected at start
 * @param open          a run folder to open at start, or null
 * @param compare       run folders to put on the comparison pane at start
 * @param ablation      an ablation folder to show on the ablation pane at start, or null
 * @param lesson        a lesson (a shipped lesson's name or a lesson folder) to open on the Lessons tab at start, or
 *                      null
 */
public record LabSettings(Path runsRoot, Path presetsFolder, String preset, Path open, List<Path> compare,
                          Path ablation, String lesson) {
    /** The embedded default: a pure-Java task that needs nothing installed. */
    public static final String DEFAULT_PRESET = "cartpole-swingup-classroom";

    public LabSettings {
        compare = List.copyOf(compare);
    }

    /** Runs and the user's presets where {@link AppDirs} puts them (an installed copy: under the user's home). */
    public static LabSettings defaults() {
        return defaults(AppDirs.current(), Path.of("").toAbsolutePath());
    }

    static LabSettings defaults(AppDirs dirs, Path cwd) {
        Path runs = dirs.installed() || Files.isWritable(cwd) ? cwd.resolve(dirs.runs())
                : dirs.home().resolve("slac-lab").resolve("runs");
        return new LabSettings(runs, cwd.resolve(dirs.presets()), DEFAULT_PRESET, null, List.of(), null, null);
    }

    public LabSettings withRunsRoot(Path p) {
        return new LabSettings(p, presetsFolder, preset, open, compare, ablation, lesson);
    }

    public LabSettings withPreset(String p) {
        return new LabSettings(runsRoot, presetsFolder, p, open, compare, ablation, lesson);
    }

    public LabSettings withOpen(Path p) {
        return new LabSettings(runsRoot, presetsFolder, preset, p, compare, ablation, lesson);
    }

    public LabSettings withAblation(Path p) {
        return new LabSettings(runsRoot, presetsFolder, preset, open, compare, p, lesson);
    }

    public LabSettings withCompare(List<Path> p) {
        return new LabSettings(runsRoot, presetsFolder, preset, open, p, ablation, lesson);
    }

    public LabSettings withLesson(String l) {
        return new LabSettings(runsRoot, presetsFolder, preset, open, compare, ablation, l);
    }
}
