package slaclab.cli;

import slaclab.engine.AppDirs;
import slaclab.models.nn.Backend;
import slaclab.ui.LabLauncher;

import java.util.Arrays;

/**
 * {@code java -jar slac-lab.jar [lab|train|evaluate|lesson|imagine|ablate|bench|tasks] ...}; no command opens the lab window. A plain launcher class (not a JavaFX Application),
 * so it runs from the class path; it picks ND4J's native build before anything loads ND4J.
 */
public final class Main {
    static final String USAGE = String.join("\n",
            "usage: java -jar target/slac-lab.jar [command] [options]",
            "",
            "commands:",
            "  lab       open the SLAC Lab window (the default when no command is given)",
            "  train     train SLAC on a task from a preset, headless, into a run folder",
            "  evaluate  run evaluation episodes of a run folder's saved policy; last line its mean and std return",
            "  lesson    list the shipped lessons, or pack a lesson from a long run's folder",
            "  imagine   drive a run's learned model with actions (or its policy) and write the dream as a GIF",
            "  ablate    train a preset with several latent-model variants or baselines and seeds; comparison figure",
            "  bench     time one model update and one actor-critic update at the paper's sizes",
            "  tasks     list the tasks, their action sizes and action repeats (--gallery: their first frames as a PNG)",
            "",
            "Every command takes --help; train --help and lab --help say where runs and presets are kept.");

    private Main() {
    }

    public static void main(String[] args) {
        ParentWatch.startIfChild(System.getenv());
        int code = AllocatorRelaunch.wanted(withCommand(args), System.getenv(), System.getProperty("os.name"))
                ? AllocatorRelaunch.run(args).orElseGet(() -> run(args)) : run(args);
        if (!shuttingDown()) {
            System.exit(code);  // a Ctrl-C shutdown is already ending the JVM; exit() would block it
        }
    }

    private static boolean shuttingDown() {
        try {
            Thread probe = new Thread(() -> { });
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private static String[] prepend(String first, String[] rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    /** No command, or only the lab's options: the window. */
    private static String[] withCommand(String[] args) {
        return args.length == 0 || args[0].startsWith("--") && !isHelp(args[0]) ? prepend("lab", args) : args;
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
    }

    static int run(String[] args) {
        if (args.length > 0 && isHelp(args[0])) {
            System.out.println(USAGE);
            return 0;
        }
        args = withCommand(args);
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            // two harmless "Duplicate TF op mapping" warnings at every start
            System.setProperty("org.slf4j.simpleLogger.log.org.nd4j.imports.converters.ImportClassMapping", "error");
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            AppDirs dirs = AppDirs.current();
            if (dirs.cache() != null) {
                Backend.cacheNativesIn(dirs.cache().resolve("javacpp"));  // an installed copy writes only under home
            }
            Backend.selectNativeBuild();
            switch (args[0]) {
                case "lab":
                    return LabLauncher.run(rest);
                case "train":
                    return new TrainCommand().run(rest);
                case "evaluate":
                    return new EvaluateCommand().run(rest);
                case "lesson":
                    return new LessonCommand().run(rest);
                case "imagine":
                    return new ImagineCommand().run(rest);
                case "ablate":
                    return new AblateCommand().run(rest);
                case "bench":
                    return new BenchCommand().run(rest);
                case "tasks":
                    return new TasksCommand().run(rest);
                default:
                    System.err.println("error: unknown command '" + args[0] + "'\n\n" + USAGE);
                    return 2;
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (java.io.IOException e) {
            System.err.println("error: " + (e.getMessage() != null ? e.getMessage()
                    : e.getClass().getSimpleName() + " (no details; please report it)"));
            return 1;
        }
    }
}
