package slaclab.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory of this process, for status lines: resident set (heap and ND4J's off-heap arrays together). */
public final class SystemStats {
    private SystemStats() {
    }

    /** Resident bytes from /proc/self/statm, or the JVM heap in use where /proc is missing. */
    public static long residentBytes() {
        try {
            String[] f = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
            return Long.parseLong(f[1]) * 4096L;
        } catch (IOException | RuntimeException e) {
            Runtime rt = Runtime.getRuntime();
            return rt.totalMemory() - rt.freeMemory();
        }
    }
}
