package slaclab.environments.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import slaclab.environments.Tasks;

@Tag("mujoco")
class MujocoLibraryTest {
    @Test
    void missingLibraryGivesTheInstallCommand() {
        String why = MujocoLibrary.probe("/nonexistent/dir/libmujoco.so.2.2.2", null);
        assertEquals("MuJoCo library not found at /nonexistent/dir/libmujoco.so.2.2.2 (install: sudo apt-get install"
                + " libmujoco2.2.2)", why);
    }

    /** A copy of the shim that needs a MuJoCo version nobody has installed: what a machine without MuJoCo sees. */
    @Test
    void shimWithoutItsLibraryGivesTheInstallCommand(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        MujocoAssumptions.assumeMujoco();
        byte[] shim;
        try (java.io.InputStream in = MujocoLibrary.class.getResourceAsStream(MujocoLibrary.SHIM_RESOURCE)) {
            shim = in.readAllBytes();
        }
        String text = new String(shim, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("libmujoco.so.2.2.2", "libmujoco.so.9.9.9");
        java.nio.file.Path fake = dir.resolve("libslacmujoco.so");
        java.nio.file.Files.write(fake, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals("MuJoCo library not found (install: sudo apt-get install libmujoco2.2.2)",
                MujocoLibrary.probe(null, fake.toString()));
    }

    @Test
    void missingShimSaysTheJarWasBuiltWithoutMujoco() {
        String why = MujocoLibrary.probe(null, "/nonexistent/libslacmujoco.so");
        assertTrue(why.contains("libmujoco2.2.2 libmujoco-dev") && why.contains("mvn package"), why);
    }

    @Test
    void matchingLayoutPasses() {
        assertNull(MujocoLibrary.checkLayout(222, 222, 222, MujocoLibrary.EXPECTED_SIZES.clone(),
                MujocoLibrary.EXPECTED_SIGNATURE));
    }

    @Test
    void versionMismatchFailsLoudly() {
        String why = MujocoLibrary.checkLayout(222, 222, 231, MujocoLibrary.EXPECTED_SIZES.clone(),
                MujocoLibrary.EXPECTED_SIGNATURE);
        assertTrue(why.startsWith("MuJoCo layout mismatch") && why.contains("version 231"), why);
        why = MujocoLibrary.checkLayout(222, 300, 300, MujocoLibrary.EXPECTED_SIZES.clone(),
                MujocoLibrary.EXPECTED_SIGNATURE);
        assertTrue(why.contains("headers 300, SLAC Lab expects 222"), why);
    }

    @Test
    void structSizeOrEnumMismatchFailsLoudly() {
        int[] sizes = MujocoLibrary.EXPECTED_SIZES.clone();
        sizes[2] += 8; // mjData grew
        String why = MujocoLibrary.checkLayout(222, 222, 222, sizes, MujocoLibrary.EXPECTED_SIGNATURE);
        assertTrue(why.contains("struct sizes"), why);
        sizes = MujocoLibrary.EXPECTED_SIZES.clone();
        sizes[0] = 4; // single-precision mjtNum
        assertTrue(MujocoLibrary.checkLayout(222, 222, 222, sizes, MujocoLibrary.EXPECTED_SIGNATURE) != null);
        why = MujocoLibrary.checkLayout(222, 222, 222, MujocoLibrary.EXPECTED_SIZES.clone(), "geom:plane=1");
        assertTrue(why.contains("enum values"), why);
    }

    @Test
    void installedLibraryMatchesTheShim() {
        MujocoAssumptions.assumeMujoco();
        assertEquals(MujocoLibrary.EXPECTED_VERSION, MujocoNative.libraryVersion());
        assertEquals(MujocoLibrary.EXPECTED_VERSION, MujocoNative.headerVersion());
        assertEquals(MujocoLibrary.EXPECTED_SIGNATURE, MujocoNative.signature());
    }

    @Test
    void unavailableTasksExplainWhyAndCannotBeCreated() {
        if (MujocoLibrary.isAvailable()) {
            assertNull(Tasks.unavailableReason("cheetah-run"));
        } else {
            String why = Tasks.unavailableReason("cheetah-run");
            assertEquals(MujocoLibrary.unavailableReason(), why);
            String fix = MujocoLibrary.switchedOff(System.getenv(MujocoLibrary.SWITCH)) != null
                    ? "SLACLAB_MUJOCO" : "sudo apt-get install libmujoco2.2.2";
            assertTrue(why.contains(fix), why);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Tasks.create("cheetah-run", 0));
            assertTrue(e.getMessage().contains("not available here"), e.getMessage());
        }
        assertNull(Tasks.unavailableReason("cartpole-swingup"));
    }
}
