package slaclab.cli;

import java.util.Map;
import java.util.Optional;

/**
 * Ends a child JVM (the allocator relaunch, an ablation's training run) when the process that started it is gone,
 * the way Ctrl-C ends it: {@link System#exit} runs the shutdown hooks, which save a checkpoint first. Without this a
 * {@code kill -9} of the launcher would leave the child training on, re-parented, with no window and no terminal.
 * <p>
 * The launcher passes its pid in {@value #ENV}; the child checks once a second that it is still its parent.
 */
final class ParentWatch {
    static final String ENV = "SLACLAB_PARENT_PID";
    /** The exit code of a JVM ended by SIGTERM, which this imitates. */
    static final int EXIT_CODE = 143;
    private static final long POLL_MILLIS = 1000;

    private ParentWatch() {
    }

    /** Lets a child started from {@code pb} watch this process. */
    static void markChild(ProcessBuilder pb) {
        pb.environment().put(ENV, Long.toString(ProcessHandle.current().pid()));
    }

    /** In a child (its environment names its launcher), starts the watch; elsewhere does nothing. */
    static void startIfChild(Map<String, String> env) {
        String value = env.get(ENV);
        if (value == null) {
            return;
        }
        long parent;
        try {
            parent = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return;
        }
        if (gone(parent) && ProcessHandle.of(parent).map(ProcessHandle::isAlive).orElse(false)) {
            return;  // a stale variable: the process it names runs, but did not start this one
        }
        start(parent);  // (if it already ended while this JVM started, the watch stops it at once)
    }

    /** Whether {@code parent} is no longer this process's parent (it ended and this one was re-parented). */
    static boolean gone(long parent) {
        Optional<ProcessHandle> now = ProcessHandle.current().parent();
        return now.isEmpty() || now.get().pid() != parent || !now.get().isAlive();
    }

    private static void start(long parent) {
        Thread watch = new Thread(() -> {
            while (!gone(parent)) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("\nslac-lab: the process that started this one (pid " + parent + ") has ended;"
                    + " saving and stopping as on Ctrl-C");
            System.exit(EXIT_CODE);
        }, "slac-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
