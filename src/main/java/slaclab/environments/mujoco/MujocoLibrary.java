package slaclab.environments.mujoco;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Loads MuJoCo 2.2.2 (Debian's libmujoco2.2.2) and SLAC Lab's JNI shim once per JVM and decides whether the MuJoCo
 * tasks are available. Without the library everything else keeps working; {@link #unavailableReason()} then says
 * what is missing and the one command that installs it. A shim, library or layout that does not match what the Java
 * side was written for is refused here, at start-up, rather than read as garbage later.
 *
 * <p>System properties: {@value #LIBRARY_PROPERTY} = path of libmujoco.so.2.2.2 to load first (default: the
 * system's dynamic loader finds it); {@value #SHIM_PROPERTY} = path of libslacmujoco.so (default: the copy inside
 * the jar or target/classes).
 *
 * <p>Environment variable {@value #SWITCH}{@code =off} hides MuJoCo: nothing is loaded and the app (and its tests)
 * behave exactly as on a machine without it, the reason naming the variable.
 */
public final class MujocoLibrary {
    /** MuJoCo version the shim and this package were written for (mjVERSION_HEADER of 2.2.2). */
    public static final int EXPECTED_VERSION = 222;
    /** sizeof(mjtNum), sizeof(mjModel), sizeof(mjData), sizeof(mjContact), mjNWARNING of 2.2.2 on x86-64. */
    static final int[] EXPECTED_SIZES = {8, 3280, 41176, 528, 8};
    /** Enum values and field-table lengths the Java side assumes (see slacmujoco.c signature()). */
    static final String EXPECTED_SIGNATURE = "geom:plane=0,sphere=2,capsule=3,ellipsoid=4,cylinder=5,box=6,mesh=7;"
            + "cam:fixed=0,track=1,trackcom=2;int:euler=0,rk4=1;data=" + MujocoNative.DataField.values().length
            + ";model=" + MujocoNative.ModelField.values().length;

    public static final String INSTALL = "sudo apt-get install libmujoco2.2.2";
    public static final String INSTALL_WITH_HEADERS = "sudo apt-get install libmujoco2.2.2 libmujoco-dev";
    public static final String LIBRARY_PROPERTY = "slaclab.mujoco.library";
    public static final String SHIM_PROPERTY = "slaclab.mujoco.shim";
    /** Environment variable: {@code off} hides MuJoCo; unset, empty or {@code on} let it load when installed. */
    public static final String SWITCH = "SLACLAB_MUJOCO";
    static final String SHIM_RESOURCE = "/native/linux-x86_64/libslacmujoco.so";
    static final String LIBRARY_SONAME = "libmujoco.so.2.2.2";

    private static volatile String reason; // null: available
    private static volatile boolean probed;

    private MujocoLibrary() {
    }

    /** Whether MuJoCo loaded and matches; loads it on first call. */
    public static boolean isAvailable() {
        return unavailableReason() == null;
    }

    /** Why the MuJoCo tasks cannot run here (with the install command), or null if they can. */
    public static String unavailableReason() {
        if (!probed) {
            synchronized (MujocoLibrary.class) {
                if (!probed) {
                    String off = switchedOff(System.getenv(SWITCH));
                    reason = off != null ? off
                            : probe(System.getProperty(LIBRARY_PROPERTY), System.getProperty(SHIM_PROPERTY));
                    probed = true;
                }
            }
        }
        return reason;
    }

    /** Throws a {@link MujocoException} with the reason unless MuJoCo is available. */
    public static void require() {
        String why = unavailableReason();
        if (why != null) {
            throw new MujocoException(why);
        }
    }

    /**
     * Why the value of {@value #SWITCH} hides MuJoCo, or null when it does not (unset, empty or "on"). A value other
     * than on/off also hides it, with a message naming the accepted values, rather than guessing what was meant.
     */
    static String switchedOff(String value) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty() || v.equalsIgnoreCase("on")) {
            return null;
        }
        if (v.equalsIgnoreCase("off")) {
            return "MuJoCo is hidden by " + SWITCH + "=off (unset it to use the MuJoCo tasks)";
        }
        return SWITCH + "=" + v + " is not understood, so MuJoCo stays hidden (use " + SWITCH + "=off to hide MuJoCo,"
                + " or unset it)";
    }

    /**
     * Loads the library (if a path is given) and the shim, then checks versions and layout. Returns null on
     * success or the reason for failure; never throws. Package-private so tests can point it at missing files.
     */
    static String probe(String libraryPath, String shimPath) {
        if (libraryPath != null) {
            if (!Files.isRegularFile(Path.of(libraryPath))) {
                return "MuJoCo library not found at " + libraryPath + " (install: " + INSTALL + ")";
            }
            try {
                System.load(Path.of(libraryPath).toAbsolutePath().toString());
            } catch (UnsatisfiedLinkError | SecurityException e) {
                return "MuJoCo library " + libraryPath + " did not load: " + e.getMessage() + " (install: " + INSTALL + ")";
            }
        }
        Path shim;
        try {
            shim = shimPath != null ? Path.of(shimPath) : extractShim();
        } catch (IOException e) {
            return "could not unpack the MuJoCo shim: " + e.getMessage();
        }
        if (shim == null || !Files.isRegularFile(shim)) {
            if (shimPath == null && libraryPath == null && !libraryOnSystem()) {
                return "MuJoCo library not found (install: " + INSTALL_WITH_HEADERS + ", then rebuild: mvn package)";
            }
            return "MuJoCo support was not built into this jar: the build found no MuJoCo headers (install: "
                    + INSTALL_WITH_HEADERS + ", then rebuild: mvn package)";
        }
        try {
            System.load(shim.toAbsolutePath().toString());
        } catch (UnsatisfiedLinkError e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("libmujoco")) {
                return "MuJoCo library not found (install: " + INSTALL + ")";
            }
            return "MuJoCo shim " + shim + " did not load: " + msg;
        }
        try {
            return checkLayout(EXPECTED_VERSION, MujocoNative.headerVersion(), MujocoNative.libraryVersion(),
                    MujocoNative.layoutSizes(), MujocoNative.signature());
        } catch (UnsatisfiedLinkError e) {
            return "MuJoCo shim " + shim + " is from another SLAC Lab version (" + e.getMessage() + "); rebuild: mvn package";
        }
    }

    /**
     * Null if the shim's compiled-in header version, the loaded library's mj_version() and the Java side's expected
     * version agree and the struct sizes and enum values are those of MuJoCo 2.2.2; otherwise a message saying what
     * differs.
     */
    static String checkLayout(int expected, int header, int library, int[] sizes, String signature) {
        List<String> problems = new ArrayList<>();
        if (header != expected) {
            problems.add("shim built with MuJoCo headers " + header + ", SLAC Lab expects " + expected);
        }
        if (library != header) {
            problems.add("loaded library is version " + library + " but the shim was built with headers " + header);
        }
        if (!Arrays.equals(sizes, EXPECTED_SIZES)) {
            problems.add("struct sizes (mjtNum, mjModel, mjData, mjContact, mjNWARNING) " + Arrays.toString(sizes)
                    + " differ from MuJoCo 2.2.2's " + Arrays.toString(EXPECTED_SIZES));
        }
        if (!EXPECTED_SIGNATURE.equals(signature)) {
            problems.add("enum values / field tables '" + signature + "' differ from '" + EXPECTED_SIGNATURE + "'");
        }
        if (problems.isEmpty()) {
            return null;
        }
        return "MuJoCo layout mismatch, refusing to run the MuJoCo tasks: " + String.join("; ", problems)
                + " (install: " + INSTALL_WITH_HEADERS + ", then rebuild: mvn package)";
    }

    /** The shim from the class path, copied to a temporary file (System.load needs a file); null if absent. */
    private static Path extractShim() throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase();
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return null;
        }
        try (InputStream in = MujocoLibrary.class.getResourceAsStream(SHIM_RESOURCE)) {
            if (in == null) {
                return null;
            }
            Path file = Files.createTempFile("libslacmujoco", ".so");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
    }

    /** Whether libmujoco.so.2.2.2 sits in a usual library folder or on LD_LIBRARY_PATH. */
    private static boolean libraryOnSystem() {
        List<String> dirs = new ArrayList<>(List.of("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib",
                "/usr/local/lib"));
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            dirs.addAll(Arrays.asList(ld.split(":")));
        }
        for (String d : dirs) {
            if (!d.isEmpty() && Files.exists(Path.of(d, LIBRARY_SONAME))) {
                return true;
            }
        }
        return false;
    }
}
