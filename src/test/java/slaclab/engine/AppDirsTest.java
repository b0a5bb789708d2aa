package slaclab.engine;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppDirsTest {
    private static final Path HOME = Path.of("/home/student");

    @Test
    void checkoutKeepsRunsAndPresetsInTheWorkingDirectory() {
        AppDirs d = AppDirs.of(false, Map.of("XDG_DATA_HOME", "/elsewhere"), HOME, "Linux");
        assertFalse(d.installed());
        assertEquals(Path.of("runs"), d.runs());
        assertEquals(Path.of("runs", "cartpole-swingup-seed3"), d.runFolder("cartpole-swingup", 3));
        assertEquals(Path.of("presets"), d.presets());
        assertNull(d.cache(), "a checkout keeps JavaCPP's own cache folder");
    }

    @Test
    void installedCopyFollowsTheXdgDefaults() {
        AppDirs d = AppDirs.of(true, Map.of(), HOME, "Linux");
        assertEquals(Path.of("/home/student/.local/share/slac-lab/runs"), d.runs());
        assertEquals(Path.of("/home/student/.config/slac-lab/presets"), d.presets());
        assertEquals(Path.of("/home/student/.cache/slac-lab"), d.cache());
        assertEquals("runs, ablations and exports go to ~/.local/share/slac-lab/runs; your own presets: "
                + "~/.config/slac-lab/presets", d.describe());
    }

    @Test
    void installedCopyHonoursXdgVariablesButIgnoresRelativeOnes() {
        AppDirs d = AppDirs.of(true, Map.of("XDG_DATA_HOME", "/data/me", "XDG_CONFIG_HOME", "relative/config",
                "XDG_CACHE_HOME", " "), HOME, "Linux");
        assertEquals(Path.of("/data/me/slac-lab/runs"), d.runs());
        assertEquals(Path.of("/home/student/.config/slac-lab/presets"), d.presets(), "the XDG spec ignores relative paths");
        assertEquals(Path.of("/home/student/.cache/slac-lab"), d.cache());
        assertTrue(d.describe().contains("/data/me/slac-lab/runs"), d.describe());
    }

    @Test
    void installedCopyNeverPointsIntoTheInstallationFolder() {
        for (String os : new String[]{"Linux", "Mac OS X", "Windows 11"}) {
            AppDirs d = AppDirs.of(true, Map.of(), HOME, os);
            for (Path p : new Path[]{d.runs(), d.presets(), d.cache()}) {
                assertTrue(p.startsWith(HOME), os + ": " + p);
            }
        }
    }
}
