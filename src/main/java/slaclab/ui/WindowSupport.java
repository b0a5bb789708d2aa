package slaclab.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the lab window needs from the desktop, checked before JavaFX starts so that a missing piece is one line naming
 * it and its fix rather than a JavaFX stack trace: a display, and on Linux GTK 3, which JavaFX draws with.
 */
final class WindowSupport {
    static final String GTK_SONAME = "libgtk-3.so.0";
    static final String HEADLESS = "meanwhile 'java -jar target/slac-lab.jar train --preset presets/"
            + LabSettings.DEFAULT_PRESET + ".json' trains headless";
    static final String GTK_MISSING = "error: the lab window needs GTK 3 (" + GTK_SONAME + "), which is missing: sudo"
            + " apt-get install libgtk-3-0; " + HEADLESS;
    private static final List<String> LIBRARY_DIRS = List.of("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
            "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib",
            "/usr/local/lib");

    private WindowSupport() {
    }

    /** The one line for a missing display; {@code why} says what is wrong with it. */
    static String noDisplay(String why) {
        return "error: no display to open the lab window on (" + why + "). Run it on a desktop, under Xvfb (xvfb-run"
                + " java -jar target/slac-lab.jar), or train headless with: train --preset FILE";
    }

    /** Whether this machine surely lacks GTK 3 (Linux only; when unsure, false and JavaFX tries). */
    static boolean gtkMissing() {
        return gtkMissing(System.getProperty("os.name", ""), System.getenv("LD_LIBRARY_PATH"),
                Path.of("/etc/ld.so.cache"), LIBRARY_DIRS);
    }

    /**
     * True only if on Linux libgtk-3.so.0 is in none of {@code dirs} nor the LD_LIBRARY_PATH folders, and the dynamic
     * loader's cache (readable) does not list it either.
     */
    static boolean gtkMissing(String osName, String ldLibraryPath, Path loaderCache, List<String> dirs) {
        if (!osName.toLowerCase().contains("linux")) {
            return false;
        }
        List<String> places = new ArrayList<>(dirs);
        if (ldLibraryPath != null) {
            places.addAll(List.of(ldLibraryPath.split(":")));
        }
        for (String d : places) {
            if (!d.isEmpty() && Files.exists(Path.of(d, GTK_SONAME))) {
                return false;
            }
        }
        byte[] cache;
        try {
            cache = Files.readAllBytes(loaderCache);
        } catch (IOException | RuntimeException e) {
            return false;  // no cache to ask: let JavaFX look, explain() covers its failure
        }
        return !contains(cache, GTK_SONAME.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The one line to print for a failure of JavaFX's start-up this class knows (GTK missing, no display), or null
     * for any other failure.
     */
    static String explain(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 10; t = t.getCause(), depth++) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("Unable to load glass GTK library") || m.contains(GTK_SONAME)) {
                return GTK_MISSING;
            }
            if (m.contains("Unable to open DISPLAY")) {
                return noDisplay("DISPLAY=" + System.getenv("DISPLAY") + " cannot be opened");
            }
        }
        return null;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
