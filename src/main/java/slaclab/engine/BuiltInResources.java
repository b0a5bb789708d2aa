package slaclab.engine;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** What is packed with the classes (in the jar, or target/classes when run from a build): presets, lessons. */
final class BuiltInResources {
    private BuiltInResources() {
    }

    /** Paths, relative to {@code dir} (e.g. "presets/") and '/'-separated, of every file under it; sorted. */
    static List<String> files(String dir) {
        List<String> names = new ArrayList<>();
        try {
            Path where = Path.of(BuiltInResources.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(where)) {
                Path root = where.resolve(dir);
                if (Files.isDirectory(root)) {
                    try (Stream<Path> files = Files.walk(root)) {
                        files.filter(Files::isRegularFile)
                                .map(p -> root.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
                                .forEach(names::add);
                    }
                }
            } else {
                try (JarFile jar = new JarFile(where.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        JarEntry entry = e.nextElement();
                        if (!entry.isDirectory() && entry.getName().startsWith(dir)) {
                            names.add(entry.getName().substring(dir.length()));
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // no code source (unusual class loaders): nothing built in
        }
        names.sort(null);
        return names;
    }
}
