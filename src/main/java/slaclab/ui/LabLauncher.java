package slaclab.ui;

import javafx.application.Application;
import slaclab.engine.AppDirs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Opens the lab window: parses the lab's options and launches {@link LabApp}; returns when the window closes. */
public final class LabLauncher {
    /** The lab's --help, with where this copy keeps runs and presets. */
    static String help(AppDirs dirs) {
        return String.join("\n",
            "usage: java -jar target/slac-lab.jar lab [options]    (or with no command at all)",
            "",
            "Opens the SLAC Lab window: pick a task and preset, start training and watch the agent, its rollouts",
            "(truth / posterior / prior / conditional prior) and its curves; open and compare run folders.",
            "",
            "options:",
            "  --preset NAME|FILE   preset selected at start (default " + LabSettings.DEFAULT_PRESET + ", a",
            "                       pure-Java task that needs nothing installed)",
            "  --open DIR           open this run folder (made by train or the lab) for browsing",
            "  --compare DIR...     put these run folders on the comparison pane (several allowed)",
            "  --ablation DIR       show this ablation folder (made by ablate --out or the lab) on the Ablations pane",
            "  --lesson NAME|DIR    open this lesson (a shipped lesson's name, see lesson --list, or a lesson folder)",
            "                       on the Lessons tab",
            "  --runs DIR           where new runs get their folders (default: the runs folder below)",
            "",
            "Where files go: " + dirs.describe() + ".",
            "",
            "Without a display or GTK 3 (a server), use the headless command: train --preset FILE.");
    }

    private LabLauncher() {
    }

    public static int run(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println(help(AppDirs.current()));
                return 0;
            }
        }
        parse(args);  // report bad options before the window opens
        if (java.awt.GraphicsEnvironment.isHeadless() && System.getenv("DISPLAY") == null
                && System.getenv("WAYLAND_DISPLAY") == null && !System.getProperty("os.name", "").startsWith("Windows")
                && !System.getProperty("os.name", "").startsWith("Mac")) {
            System.err.println(WindowSupport.noDisplay("DISPLAY is not set"));
            return 2;
        }
        if (WindowSupport.gtkMissing()) {
            System.err.println(WindowSupport.GTK_MISSING);
            return 2;
        }
        return launch(() -> Application.launch(LabApp.class, args), System.err);
    }

    /**
     * Runs the window until it closes (0); a start-up failure {@link WindowSupport#explain} knows is printed as its
     * one line (2), any other is thrown on.
     */
    static int launch(Runnable window, java.io.PrintStream err) {
        try {
            window.run();
            return 0;
        } catch (RuntimeException | LinkageError e) {
            String line = WindowSupport.explain(e);
            if (line == null) {
                throw e;
            }
            err.println(line);
            return 2;
        }
    }

    /** The options as settings; an unknown option or a missing folder is an IllegalArgumentException. */
    static LabSettings parse(String[] args) {
        LabSettings s = LabSettings.defaults();
        List<Path> compare = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--preset" -> {
                    String v = value(args, ++i, a);
                    if (v.endsWith(".json")) {
                        Path p = Path.of(v);
                        if (!Files.isRegularFile(p)) {
                            throw new IllegalArgumentException("preset file not found: " + p);
                        }
                        s = new LabSettings(s.runsRoot(), p.toAbsolutePath().getParent(), baseName(p), s.open(),
                                s.compare(), s.ablation(), s.lesson());
                    } else {
                        s = s.withPreset(v);
                    }
                }
                case "--open" -> s = s.withOpen(folder(value(args, ++i, a), a));
                case "--runs" -> s = s.withRunsRoot(Path.of(value(args, ++i, a)));
                case "--ablation" -> s = s.withAblation(folder(value(args, ++i, a), a));
                case "--lesson" -> s = s.withLesson(value(args, ++i, a));
                case "--compare" -> {
                    compare.add(folder(value(args, ++i, a), a));
                    while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        compare.add(folder(args[++i], a));
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + a
                        + "'; options: --preset, --open, --compare, --ablation, --lesson, --runs, --help");
            }
        }
        return s.withCompare(compare);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static Path folder(String v, String option) {
        Path p = Path.of(v);
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException(option + ": " + p + " is not a folder (give a run folder made by train"
                    + " or the lab)");
        }
        return p;
    }

    private static String baseName(Path p) {
        String n = p.getFileName().toString();
        return n.substring(0, n.length() - ".json".length());
    }
}
