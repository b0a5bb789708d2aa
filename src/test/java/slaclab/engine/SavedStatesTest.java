package slaclab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A checkpoint whose stored states have the old width: refused in one line naming both widths and the fix for the
 * state baseline; dropped with a one-line notice for a model that learns from pixels.
 */
class SavedStatesTest {
    private final List<String> notices = new ArrayList<>();

    @Test
    void aStateBaselinesReplayOfAnotherWidthIsRefusedInOneLine() {
        IOException e = assertThrows(IOException.class, () -> SavedStates.keepReplayStates("cheetah-run",
                "sac-state", true, 18, true, 17, notices::add));
        assertEquals("the checkpoint's replay states have 18 values, cheetah-run's state now has 17 (SLAC Lab 0.2"
                + " uses the suite's observation as the state, see MODELS.md \"State layouts\"): start a new run",
                e.getMessage());
        assertTrue(notices.isEmpty());
    }

    @Test
    void aPixelModelsReplayOfAnotherWidthDropsItsStatesWithANotice() throws IOException {
        assertFalse(SavedStates.keepReplayStates("cheetah-run", "slac", false, 18, true, 17, notices::add));
        assertEquals(List.of("the checkpoint's replay states have 18 values, cheetah-run's state now has 17 (SLAC Lab"
                + " 0.2 uses the suite's observation as the state, see MODELS.md \"State layouts\"): slac learns from"
                + " pixels, so they are dropped and the run goes on"), notices);
    }

    @Test
    void statesOfTheTasksWidthAreKept() throws IOException {
        assertTrue(SavedStates.keepReplayStates("cheetah-run", "sac-state", true, 17, false, 17, notices::add));
        assertTrue(SavedStates.keepReplayStates("cheetah-run", "slac", false, 17, false, 17, notices::add));
        // an earlier buffer whose task kept its layout (ball_in_cup: qpos, qvel as before)
        assertTrue(SavedStates.keepReplayStates("ball_in_cup-catch", "sac-state", true, 8, true, 8, notices::add));
        assertTrue(notices.isEmpty());
    }

    @Test
    void reachersEarlierStatesOfTheSameWidthAreCaughtByTheFormat() throws IOException {
        IOException e = assertThrows(IOException.class, () -> SavedStates.keepReplayStates("reacher-easy",
                "sac-state", true, 6, true, 6, notices::add));
        assertTrue(e.getMessage().startsWith("the checkpoint's replay states have 6 values, reacher-easy's state now"
                + " has 6 in another order"), e.getMessage());
        assertTrue(SavedStates.keepReplayStates("reacher-easy", "sac-state", true, 6, false, 6, notices::add),
                "written with the new layout");
    }

    @Test
    void anUnknownOldWidthIsNamedAsSuch() {
        String m = SavedStates.mismatch("the checkpoint's sac-state networks read states of", -1, "walker-walk", 24,
                null).getMessage();
        assertTrue(m.startsWith("the checkpoint's sac-state networks read states of another number of values,"
                + " walker-walk's state now has 24"), m);
        assertFalse(m.contains("\n"));
    }
}
