package slaclab.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The command that starts this app on a cluster's nodes (which see the same file system): the jar or app image given
 * with {@code --app}, else this very program (its app launcher, or its java binary and class path).
 */
final class ClusterApp {
    private ClusterApp() {
    }

    /** From {@code --app PATH}: a jar (run with this JVM's java), an app image folder, or its launcher. */
    static List<String> of(Optional<String> app) {
        if (app.isEmpty()) {
            return current();
        }
        Path p = Path.of(app.get()).toAbsolutePath().normalize();
        if (Files.isDirectory(p) && Files.isExecutable(p.resolve("bin/slac-lab"))) {
            return List.of(p.resolve("bin/slac-lab").toString());
        }
        if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar")) {
            return List.of(javaBinary(), "-jar", p.toString());
        }
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
            return List.of(p.toString());
        }
        throw new IllegalArgumentException("--app " + app.get() + " is neither a jar, an app image folder nor its"
                + " launcher; give target/slac-lab.jar or target/app-image/slac-lab, on a disk the cluster's nodes see");
    }

    /** This program: a native app launcher as it is, else this JVM's java with its class path made absolute. */
    static List<String> current() {
        String exe = ProcessHandle.current().info().command().orElse(javaBinary());
        if (!Path.of(exe).getFileName().toString().equals("java")) {
            return List.of(exe);
        }
        List<String> entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(s -> !s.isEmpty()).map(s -> Path.of(s).toAbsolutePath().normalize().toString()).toList();
        if (entries.size() == 1 && entries.get(0).endsWith(".jar")) {
            return List.of(exe, "-jar", entries.get(0));   // java -jar target/slac-lab.jar, as it was started
        }
        return List.of(exe, "-cp", String.join(File.pathSeparator, entries), Main.class.getName());
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
