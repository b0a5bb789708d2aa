package slaclab.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** A checkpoint whose stored states have the old width is refused in one line naming both widths and the fix. */
class SavedStatesTest {
    @Test
    void replayStatesOfAnotherWidthAreRefusedInOneLine() {
        IOException e = assertThrows(IOException.class, () -> SavedStates.checkReplay("cheetah-run", 18, 17));
        assertEquals("the checkpoint's replay states have 18 values, cheetah-run's state now has 17 (SLAC Lab 0.2"
                + " uses the suite's observation as the state, see MODELS.md \"State layouts\"): start a new run",
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void replayStatesOfTheTasksWidthOrNoneAtAllLoad() {
        assertDoesNotThrow(() -> SavedStates.checkReplay("cheetah-run", 17, 17));
        assertDoesNotThrow(() -> SavedStates.checkReplay("cheetah-run", 0, 17));   // replay format 1 kept no states
    }

    @Test
    void anUnknownOldWidthIsNamedAsSuch() {
        String m = SavedStates.mismatch("the checkpoint's sac-state networks read states of", -1, "walker-walk", 24,
                null).getMessage();
        assertTrue(m.startsWith("the checkpoint's sac-state networks read states of another number of values,"
                + " walker-walk's state now has 24"), m);
    }
}
