package slaclab.models.nn;

import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Chooses ND4J's native build before ND4J loads, and describes the backend that runs.
 * <p>
 * The jar ships three CPU builds of libnd4j: oneDNN + AVX-512 (fastest, about 2x the generic one on
 * convolutions), oneDNN + AVX2, and the generic x86-64 one. JavaCPP loads the one named by the system property
 * {@code org.bytedeco.javacpp.platform.extension}; we set it from the CPU's flags and the builds on the class path
 * unless the user did (or set {@code SLAC_ND4J_BUILD=avx512|avx2|generic}). The installers ship two of the three. With the CUDA profile, ND4J prefers its CUDA backend
 * and falls back to the CPU by itself when no usable GPU or driver is found; {@link #describe()} says which.
 */
public final class Backend {
    public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    private static final String CACHE_PROPERTY = "org.bytedeco.javacpp.cachedir";
    private static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";
    private static final List<String> ALL_EXTENSIONS = List.of("-onednn-avx512", "-onednn-avx2", "");

    private Backend() {
    }

    /**
     * Sets the native build for this CPU if nobody chose one; idempotent. Call before any ND4J class is used. The
     * choice is the fastest build this CPU runs among those shipped: the jar has all three, an installer may ship
     * fewer (see jlink/build-app-image.sh). {@code SLAC_ND4J_BUILD} naming a build that is not shipped is an
     * {@link IllegalArgumentException} saying which are.
     */
    public static synchronized void selectNativeBuild() {
        if (System.getProperty(EXTENSION_PROPERTY) != null) {
            return;
        }
        passiveOpenMpThreads();
        String forced = System.getenv("SLAC_ND4J_BUILD");
        Predicate<String> shipped = Backend::shipped;
        String ext = forced != null ? forcedExtension(forced.trim().toLowerCase(Locale.ROOT), shipped)
                : choose(cpuFlags(), shipped);
        System.setProperty(EXTENSION_PROPERTY, ext);
    }

    /**
     * Makes JavaCPP unpack (or link) the native libraries into {@code folder} instead of ~/.javacpp/cache, unless the
     * user set {@code org.bytedeco.javacpp.cachedir}. Call before any ND4J class is used.
     */
    public static synchronized void cacheNativesIn(java.nio.file.Path folder) {
        if (System.getProperty(CACHE_PROPERTY) == null) {
            System.setProperty(CACHE_PROPERTY, folder.toString());
        }
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

    /** The builds this CPU can run, fastest first, from its feature flags; the generic one always. */
    static List<String> runnable(Set<String> flags) {
        List<String> out = new ArrayList<>();
        if (flags.containsAll(Set.of("avx512f", "avx512bw", "avx512dq", "avx512vl"))) {
            out.add("-onednn-avx512");
        }
        if (flags.containsAll(Set.of("avx2", "fma"))) {
            out.add("-onednn-avx2");
        }
        out.add("");
        return out;
    }

    /**
     * The fastest build this CPU runs among the shipped ones; when none is found on the class path (an unusual
     * class loader), the fastest this CPU runs, as if all were shipped.
     */
    static String choose(Set<String> flags, Predicate<String> shipped) {
        List<String> candidates = runnable(flags);
        return candidates.stream().filter(shipped).findFirst().orElse(candidates.get(0));
    }

    /** The extension {@code SLAC_ND4J_BUILD} asks for, if this copy ships it (or ships none that can be seen). */
    static String forcedExtension(String build, Predicate<String> shipped) {
        String ext = extensionFor(build);
        List<String> present = ALL_EXTENSIONS.stream().filter(shipped).toList();
        if (!present.isEmpty() && !present.contains(ext)) {
            throw new IllegalArgumentException("SLAC_ND4J_BUILD=" + build + " names a native build this copy does not ship;"
                    + " it has " + String.join(", ", present.stream().map(Backend::buildName).toList())
                    + ": set one of those or unset SLAC_ND4J_BUILD");
        }
        return ext;
    }

    private static String buildName(String ext) {
        return ext.isEmpty() ? "generic" : ext.substring("-onednn-".length());
    }

    /** Whether libnd4j's JNI library for {@code ext} is on the class path (in a jar or an unpacked natives folder). */
    static boolean shipped(String ext) {
        String resource = "org/nd4j/linalg/cpu/nativecpu/bindings/" + platform(System.getProperty("os.name", ""),
                System.getProperty("os.arch", "")) + ext + "/" + System.mapLibraryName("jnind4jcpu");
        return Backend.class.getClassLoader().getResource(resource) != null;
    }

    /** JavaCPP's platform name, e.g. linux-x86_64, windows-x86_64, macosx-arm64. */
    static String platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String name = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "macosx" : "linux";
        String arch = switch (osArch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> osArch;
        };
        return name + "-" + arch;
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
