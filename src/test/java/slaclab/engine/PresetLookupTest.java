package slaclab.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --preset takes a file or, for an installed copy without a presets/ folder at hand, a preset's name. */
class PresetLookupTest {
    @Test
    void aBuiltInPresetByName(@TempDir Path empty) {
        RunConfig c = PresetCatalogue.load("cartpole-swingup-classroom", empty);
        assertEquals("cartpole-swingup", c.task());
    }

    @Test
    void theUsersFolderComesFirst(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("cartpole-swingup-classroom.json"), "{\"task\": \"pendulum-swingup\"}");
        assertEquals("pendulum-swingup", PresetCatalogue.load("cartpole-swingup-classroom", folder).task());
    }

    @Test
    void aFileStaysAFile(@TempDir Path folder) throws Exception {
        Path f = folder.resolve("mine.json");
        Files.writeString(f, "{\"task\": \"pendulum-swingup\"}");
        assertEquals("pendulum-swingup", PresetCatalogue.load(f.toString(), null).task());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PresetCatalogue.load(folder.resolve("missing.json").toString(), null));
        assertTrue(e.getMessage().startsWith("preset file not found"), e.getMessage());
    }

    @Test
    void anUnknownNameListsTheKnownOnes(@TempDir Path empty) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PresetCatalogue.load("cartpole-swingup-clasroom", empty));
        assertTrue(e.getMessage().contains("no preset named 'cartpole-swingup-clasroom'"), e.getMessage());
        assertTrue(e.getMessage().contains("cartpole-swingup-classroom"), e.getMessage());
    }
}
