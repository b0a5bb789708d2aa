package slaclab.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slaclab.engine.AppDirs;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where the lab puts new runs and finds the user's presets, for a checkout and for an installed copy. */
class LabSettingsTest {
    @Test
    void checkoutUsesTheWorkingDirectory(@TempDir Path cwd) {
        AppDirs checkout = new AppDirs(false, Path.of("/home/s"), Path.of("runs"), Path.of("presets"), null);
        LabSettings s = LabSettings.defaults(checkout, cwd);
        assertEquals(cwd.resolve("runs"), s.runsRoot());
        assertEquals(cwd.resolve("presets"), s.presetsFolder());
    }

    @Test
    void installedCopyUsesTheXdgFoldersWhateverTheWorkingDirectory(@TempDir Path cwd) {
        AppDirs installed = new AppDirs(true, Path.of("/home/s"), Path.of("/home/s/.local/share/slac-lab/runs"),
                Path.of("/home/s/.config/slac-lab/presets"), Path.of("/home/s/.cache/slac-lab"));
        LabSettings s = LabSettings.defaults(installed, cwd);
        assertEquals(Path.of("/home/s/.local/share/slac-lab/runs"), s.runsRoot());
        assertEquals(Path.of("/home/s/.config/slac-lab/presets"), s.presetsFolder());
    }

    @Test
    void lessonOptionOpensALessonAtStartAndKeepsTheOtherSettings() {
        LabSettings s = LabLauncher.parse(new String[]{"--lesson", "cartpole-swingup", "--runs", "/tmp/r"});
        assertEquals("cartpole-swingup", s.lesson());
        assertEquals(Path.of("/tmp/r"), s.runsRoot());
        assertEquals("cartpole-swingup", s.withPreset("x").withOpen(null).lesson(), "withers keep the lesson");
    }
}
