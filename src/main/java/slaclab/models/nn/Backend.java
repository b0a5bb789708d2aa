package slaclab.models.nn;

import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Chooses ND4J's native build before ND4J loads, and describes the backend that runs.
 * <p>
 * The jar ships three CPU builds of libnd4j: oneDNN + AVX-512 (fastest, about 2x the generic one on
 * convolutions), oneDNN + AVX2, and the generic x86-64 one. JavaCPP loads the one named by the system property
 * {@code org.bytedeco.javacpp.platform.extension}; we set it from the CPU's flags unless the user did
 * (or set {@code SLAC_ND4J_BUILD=avx512|avx2|generic}). With the CUDA profile, ND4J prefers its CUDA backend
 * and falls back to the CPU by itself when no usable GPU or driver is found; {@link #describe()} says which.
 */
public final class Backend {
    public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    private static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    private Backend() {
    }

    /** Sets the native build for this CPU if nobody chose one; idempotent. Call before any ND4J class is used. */
    public static synchronized void selectNativeBuild() {
        if (System.getProperty(EXTENSION_PROPERTY) != null) {
            return;
        }
        passiveOpenMpThreads();
        String forced = System.getenv("SLAC_ND4J_BUILD");
        String ext = forced != null ? extensionFor(forced.trim().toLowerCase(Locale.ROOT)) : extensionFor(cpuFlags());
        System.setProperty(EXTENSION_PROPERTY, ext);
    }

    /** libc's setenv, through JNA. */
    private interface LibC extends com.sun.jna.Library {
        int setenv(String name, String value, int overwrite);
    }

    /**
     * Makes libnd4j's OpenMP threads sleep rather than spin between parallel regions (OMP_WAIT_POLICY=PASSIVE),
     * unless the user set a policy. Spinning threads starve every other thread on a 2-core machine: measured with
     * a second busy process, one small model update took 4.5 s spinning and 0.74 s passive. Must run before the
     * OpenMP runtime loads, which reads the variable once.
     */
    static void passiveOpenMpThreads() {
        if (System.getenv("OMP_WAIT_POLICY") != null) {
            return;
        }
        try {
            LibC libc = (LibC) com.sun.jna.Native.loadLibrary("c", LibC.class);
            libc.setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
        } catch (Throwable e) {
            // not glibc/JNA unavailable: OpenMP keeps its default policy
        }
    }

    static String extensionFor(String build) {
        switch (build) {
            case "avx512":
                return "-onednn-avx512";
            case "avx2":
                return "-onednn-avx2";
            case "generic":
                return "";
            default:
                throw new IllegalArgumentException("SLAC_ND4J_BUILD must be avx512, avx2 or generic, got '" + build + "'");
        }
    }

    /** The fastest shipped build this CPU can run, from its feature flags. */
    static String extensionFor(Set<String> flags) {
        if (flags.containsAll(Set.of("avx512f", "avx512bw", "avx512dq", "avx512vl"))) {
            return "-onednn-avx512";
        }
        if (flags.containsAll(Set.of("avx2", "fma"))) {
            return "-onednn-avx2";
        }
        return "";
    }

    static Set<String> cpuFlags() {
        Set<String> flags = new HashSet<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    flags.addAll(Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux or unreadable: the generic build always works
        }
        return flags;
    }

    /** One line: backend, device, native build and threads, e.g. "CPU, 2 threads, libnd4j onednn-avx512". */
    public static String describe() {
        String backend = Nd4j.getBackend().getClass().getName();
        if (backend.equals(CUDA_BACKEND)) {
            Object devices = Nd4j.getExecutioner().getEnvironmentInformation().get("cuda.devicesInformation");
            return "GPU (CUDA 11.6): " + (devices == null ? "device unknown" : devices);
        }
        String ext = System.getProperty(EXTENSION_PROPERTY, "");
        String build = ext.isEmpty() ? "generic x86-64" : ext.substring(1);
        String line = "CPU, " + Runtime.getRuntime().availableProcessors() + " cores, libnd4j " + build;
        if (cudaOnClassPath()) {
            line += " (the CUDA backend is installed but could not start: no NVIDIA GPU/driver for CUDA 11.6,"
                    + " or a GPU newer than Ada; running on the CPU)";
        }
        return line;
    }

    static boolean cudaOnClassPath() {
        try {
            Class.forName(CUDA_BACKEND, false, Backend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
