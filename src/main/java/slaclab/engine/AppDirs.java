package slaclab.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where SLAC Lab writes. An installed copy (its launcher passes {@code -Dslaclab.installed=true}; the .deb, .rpm and
 * the app image built by jlink/build-app-image.sh do) keeps everything under the user's home, following the XDG base
 * directories: runs, ablations and exports in {@code $XDG_DATA_HOME/slac-lab/runs} (~/.local/share/slac-lab/runs),
 * the user's own presets in {@code $XDG_CONFIG_HOME/slac-lab/presets} (~/.config/slac-lab/presets) and ND4J's
 * unpacked native libraries in {@code $XDG_CACHE_HOME/slac-lab} (~/.cache/slac-lab); never the installation folder.
 * A checkout run as {@code java -jar target/slac-lab.jar} keeps {@code runs/} and {@code presets/} in the working
 * directory, as it always did.
 *
 * @param installed whether this is an installed copy
 * @param home      the user's home: $HOME, as the XDG rules read it, else Java's user.home
 * @param runs      where new run folders go (relative to the working directory for a checkout)
 * @param presets   the user's presets folder, listed before the built-in presets
 * @param cache     where ND4J's native libraries are unpacked, or null for JavaCPP's default (~/.javacpp/cache)
 */
public record AppDirs(boolean installed, Path home, Path runs, Path presets, Path cache) {
    public static final String INSTALLED_PROPERTY = "slaclab.installed";
    private static final String APP = "slac-lab";

    /** This process's folders, from {@value #INSTALLED_PROPERTY}, the environment and the user's home. */
    public static AppDirs current() {
        Map<String, String> env = System.getenv();
        String h = env.get("HOME");
        Path home = h != null && !h.isBlank() && Path.of(h).isAbsolute() ? Path.of(h) : Path.of(System.getProperty("user.home"));
        return of(Boolean.getBoolean(INSTALLED_PROPERTY), env, home, System.getProperty("os.name", ""));
    }

    static AppDirs of(boolean installed, Map<String, String> env, Path home, String osName) {
        if (!installed) {
            return new AppDirs(false, home, Path.of("runs"), Path.of("presets"), null);
        }
        String os = osName.toLowerCase();
        if (os.startsWith("windows")) {
            Path roaming = base(env, "APPDATA", home, "AppData/Roaming").resolve(APP);
            Path local = base(env, "LOCALAPPDATA", home, "AppData/Local").resolve(APP);
            return new AppDirs(true, home, roaming.resolve("runs"), roaming.resolve("presets"), local.resolve("cache"));
        }
        if (os.startsWith("mac")) {
            Path support = home.resolve("Library/Application Support").resolve(APP);
            return new AppDirs(true, home, support.resolve("runs"), support.resolve("presets"),
                    home.resolve("Library/Caches").resolve(APP));
        }
        Path data = base(env, "XDG_DATA_HOME", home, ".local/share").resolve(APP);
        Path config = base(env, "XDG_CONFIG_HOME", home, ".config").resolve(APP);
        Path cache = base(env, "XDG_CACHE_HOME", home, ".cache").resolve(APP);
        return new AppDirs(true, home, data.resolve("runs"), config.resolve("presets"), cache);
    }

    /** The variable's folder when it names an absolute path (the XDG rule: relative values are ignored), else home/fallback. */
    private static Path base(Map<String, String> env, String variable, Path home, String fallback) {
        String v = env.get(variable);
        if (v != null && !v.isBlank() && Path.of(v).isAbsolute()) {
            return Path.of(v);
        }
        return home.resolve(fallback);
    }

    /** The default run folder of {@code train} for a task and seed. */
    public Path runFolder(String task, long seed) {
        return runs.resolve(task + "-seed" + seed);
    }

    /** One line for --help and the status bar, e.g. "runs, ablations and exports go to ~/.local/share/slac-lab/runs". */
    public String describe() {
        String where = installed ? shortened(runs) : runs + " in the working directory";
        return "runs, ablations and exports go to " + where + "; your own presets: "
                + (installed ? shortened(presets) : presets + "/ in the working directory");
    }

    /** The path with the home folder written as ~. */
    public String shortened(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path h = home.toAbsolutePath().normalize();
        return abs.startsWith(h) && !abs.equals(h) ? "~/" + h.relativize(abs) : abs.toString();
    }
}
