package slaclab.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs a training command in a child JVM whose C allocator keeps freed memory for reuse.
 * <p>
 * libnd4j and oneDNN allocate their arrays and scratch buffers with malloc. glibc serves every block over 32 MB, and
 * every large block of a thread other than the process's first, with a fresh mmap and gives it back to the kernel on
 * free, so each update page-faults and zeroes its gigabyte of activations again: measured at the paper's sizes, a third
 * of the CPU time went to the kernel (clear_page), and a step took 4.4 s instead of 3.1 s. glibc reads its allocator
 * settings only at process start, so the command is run again in a child process with them set: one arena (large
 * blocks come from the heap that freed memory returns to), no mmap, and freed memory kept up to 2 GiB. With 8 GiB kept,
 * a pixel-SLAC run's resident size grew to 17 GB within 20 minutes of RL (next to its replay buffer) and was killed
 * for memory; with 2 GiB it stayed at 9-11 GB for hours, and {@code bench}'s step was no slower (1.60 and 1.54 s
 * against 1.66 and 1.58 s, interleaved runs on the idle machine).
 * <p>
 * Nothing happens when the user set any allocator variable, when {@code SLACLAB_ALLOCATOR=system}, off Linux, or for
 * commands that run no networks ({@code tasks}, {@code --help}); {@code evaluate} runs them, as training does. The child gets this JVM's options, so a debugger
 * agent listening on a port would clash with itself: debug with {@code SLACLAB_ALLOCATOR=system}.
 */
final class AllocatorRelaunch {
    static final Map<String, String> SETTINGS = settings();
    static final String OPT_OUT = "SLACLAB_ALLOCATOR";
    static final String JPACKAGE_STAGE = "_JPACKAGE_LAUNCHER";
    private static final Set<String> TRAINING_COMMANDS = Set.of("lab", "train", "evaluate", "ablate", "bench");

    private AllocatorRelaunch() {
    }

    private static Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("MALLOC_ARENA_MAX", "1");
        m.put("MALLOC_MMAP_MAX_", "0");
        m.put("MALLOC_TRIM_THRESHOLD_", Long.toString(2L << 30));
        return Map.copyOf(m);
    }

    /** True when {@code args} (command first, "lab" added for no command) should run under the tuned allocator. */
    static boolean wanted(String[] args, Map<String, String> env, String osName) {
        if (!osName.toLowerCase().startsWith("linux") || "system".equalsIgnoreCase(env.get(OPT_OUT))) {
            return false;
        }
        if (env.containsKey("GLIBC_TUNABLES") || env.keySet().stream().anyMatch(k -> k.startsWith("MALLOC_"))) {
            return false;  // the user's (or an earlier relaunch's) settings stand
        }
        if (Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"))) {
            return false;
        }
        return args.length > 0 && TRAINING_COMMANDS.contains(args[0]);
    }

    /** One line for {@code bench} and {@code train}: whether this process runs with the tuned allocator. */
    static String describe(Map<String, String> env) {
        boolean tuned = SETTINGS.entrySet().stream().allMatch(e -> e.getValue().equals(env.get(e.getKey())));
        return tuned ? "glibc malloc, 1 arena, no mmap, freed memory kept (set by slac-lab)"
                : "as the environment sets it (" + OPT_OUT + "=system, other MALLOC_ settings, or not Linux)";
    }

    /**
     * The child's environment: this process's, with the allocator settings, and without the variable by which a
     * jpackage launcher (an installed copy) tells its own second stage that the arguments are already the JVM's: with
     * it, the child launcher would take the command name for the main class ("Could not find or load main class train").
     */
    static void childEnvironment(Map<String, String> env) {
        env.putAll(SETTINGS);
        env.remove(JPACKAGE_STAGE);
    }

    /** The command line that starts this same program again: a java binary gets this JVM's options and class path. */
    static Optional<List<String>> commandLine(String[] args) {
        Optional<String> exe = ProcessHandle.current().info().command();
        if (exe.isEmpty()) {
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.get());
        String name = Path.of(exe.get()).getFileName().toString();
        if (name.equals("java")) {
            cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(Main.class.getName());
        }  // else a native app launcher (jpackage), which adds its own JVM options again
        cmd.addAll(Arrays.asList(args));
        return Optional.of(cmd);
    }

    /**
     * Runs {@code args} in the child and returns its exit code, or empty when no child could be started (the caller
     * then runs the command itself). Ending this process (Ctrl-C, SIGTERM) ends the child the same way, and waits for
     * it to save its checkpoint; when this process is killed outright, the child notices ({@link ParentWatch}).
     */
    static OptionalInt run(String[] args) {
        Optional<List<String>> cmd = commandLine(args);
        if (cmd.isEmpty()) {
            return OptionalInt.empty();
        }
        ProcessBuilder pb = new ProcessBuilder(cmd.get()).inheritIO();
        childEnvironment(pb.environment());
        ParentWatch.markChild(pb);  // a kill -9 of this process makes the child save and stop
        Process child;
        try {
            child = pb.start();
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
        Thread forward = new Thread(() -> {
            if (child.isAlive()) {
                child.destroy();
                try {
                    child.waitFor(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "slac-child-stop");
        Runtime.getRuntime().addShutdownHook(forward);
        while (true) {
            try {
                int code = child.waitFor();
                try {
                    Runtime.getRuntime().removeShutdownHook(forward);
                } catch (IllegalStateException shuttingDown) {
                    // already ending: the hook has run or is running
                }
                return OptionalInt.of(code);
            } catch (InterruptedException e) {
                // keep waiting: the child decides when the command ends
            }
        }
    }
}
