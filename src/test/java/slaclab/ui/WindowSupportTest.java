package slaclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without GTK 3 (or a display) the lab says so in one line, with the fix and the headless way, not a stack trace. */
class WindowSupportTest {
    private static final String GTK_LINE = "error: the lab window needs GTK 3 (libgtk-3.so.0), which is missing: sudo"
            + " apt-get install libgtk-3-0; meanwhile 'java -jar target/slac-lab.jar train --preset"
            + " presets/cartpole-swingup-classroom.json' trains headless";

    @Test
    void javafxFailingToLoadGtkPrintsOneLineNamingThePackageAndTheHeadlessCommand() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LabLauncher.launch(() -> {
            throw new UnsupportedOperationException("Unable to load glass GTK library.");
        }, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertEquals(GTK_LINE + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.isRegularFile(Path.of("presets", LabSettings.DEFAULT_PRESET + ".json")),
                "the command in the line names a preset that exists");
    }

    @Test
    void aGtkLinkErrorAnywhereInTheCausesIsExplainedTheSameWay() {
        assertEquals(GTK_LINE, WindowSupport.explain(new RuntimeException("Application launch failed",
                new UnsatisfiedLinkError("libglassgtk3.so: libgtk-3.so.0: cannot open shared object file"))));
        String display = WindowSupport.explain(new UnsupportedOperationException("Unable to open DISPLAY"));
        assertTrue(display.startsWith("error: no display to open the lab window on (DISPLAY=")
                && display.contains("xvfb-run") && display.contains("train --preset"), display);
    }

    @Test
    void otherFailuresAreNotHidden() {
        IllegalStateException other = new IllegalStateException("a bug in the lab");
        assertNull(WindowSupport.explain(other));
        assertSame(other, assertThrows(IllegalStateException.class, () -> LabLauncher.launch(() -> {
            throw other;
        }, new PrintStream(new ByteArrayOutputStream()))));
        assertEquals(0, LabLauncher.launch(() -> { }, new PrintStream(new ByteArrayOutputStream())));
    }

    @Test
    void gtkCountsAsMissingOnlyWhenNoFolderNorTheLoaderCacheHasIt(@TempDir Path dir) throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path cache = Files.write(dir.resolve("ld.so.cache"),
                "glibc-ld.so.cache\0libX11.so.6\0/usr/lib/libX11.so.6\0".getBytes(StandardCharsets.US_ASCII));
        List<String> dirs = List.of(lib.toString());
        assertTrue(WindowSupport.gtkMissing("Linux", null, cache, dirs));

        Path withGtk = Files.write(dir.resolve("ld.so.cache.gtk"),
                "\0libgtk-3.so.0\0/usr/lib/x86_64-linux-gnu/libgtk-3.so.0\0".getBytes(StandardCharsets.US_ASCII));
        assertFalse(WindowSupport.gtkMissing("Linux", null, withGtk, dirs), "the loader's cache lists it");

        Path own = Files.createDirectories(dir.resolve("own"));
        Files.createFile(own.resolve("libgtk-3.so.0"));
        assertFalse(WindowSupport.gtkMissing("Linux", "/nowhere:" + own, cache, dirs), "on LD_LIBRARY_PATH");
        Files.createFile(lib.resolve("libgtk-3.so.0"));
        assertFalse(WindowSupport.gtkMissing("Linux", null, cache, dirs), "in a library folder");

        assertFalse(WindowSupport.gtkMissing("Linux", null, dir.resolve("no-cache"), List.of()),
                "without a loader cache it cannot be sure, so JavaFX tries");
        assertFalse(WindowSupport.gtkMissing("Mac OS X", null, cache, List.of()), "only Linux windows need GTK");
    }
}
