package slaclab.environments.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import slaclab.engine.PresetCatalogue;
import slaclab.environments.Tasks;

/** {@code SLACLAB_MUJOCO=off} makes the app behave as on a machine without MuJoCo. */
@Tag("mujoco")
class MujocoSwitchTest {
    @Test
    void offHidesMujocoAndNamesTheSwitch() {
        String why = MujocoLibrary.switchedOff("off");
        assertEquals("MuJoCo is hidden by SLACLAB_MUJOCO=off (unset it to use the MuJoCo tasks)", why);
        assertEquals(why, MujocoLibrary.switchedOff(" OFF "));
    }

    @Test
    void unsetEmptyOrOnLeaveMujocoToTheLibraryProbe() {
        assertNull(MujocoLibrary.switchedOff(null));
        assertNull(MujocoLibrary.switchedOff(""));
        assertNull(MujocoLibrary.switchedOff("on"));
    }

    @Test
    void anUnknownValueKeepsMujocoHiddenAndSaysWhatWorks() {
        String why = MujocoLibrary.switchedOff("no");
        assertTrue(why.startsWith("SLACLAB_MUJOCO=no is not understood") && why.contains("SLACLAB_MUJOCO=off"), why);
    }

    /** Runs in CI's second pass (SLACLAB_MUJOCO=off), where MuJoCo is installed but must not be seen. */
    @Test
    void theSwitchInTheEnvironmentHidesTheMujocoTasksAndPresets() {
        assumeTrue("off".equalsIgnoreCase(String.valueOf(System.getenv(MujocoLibrary.SWITCH)).trim()),
                "needs SLACLAB_MUJOCO=off in the environment (CI's second test pass)");
        assertFalse(MujocoLibrary.isAvailable());
        String why = MujocoLibrary.unavailableReason();
        assertTrue(why.contains("SLACLAB_MUJOCO=off"), why);
        assertEquals(why, Tasks.unavailableReason("walker-walk"));
        String create = assertThrows(IllegalArgumentException.class, () -> Tasks.create("cheetah-run", 0)).getMessage();
        assertTrue(create.contains("not available here") && create.contains("SLACLAB_MUJOCO=off"), create);
        PresetCatalogue.Entry walker = PresetCatalogue.list(Path.of("no-such-folder")).stream()
                .filter(e -> e.name().equals("walker-walk")).findFirst().orElseThrow();
        assertTrue(walker.unavailable() && walker.problem().contains("SLACLAB_MUJOCO=off"), walker.problem());
        assertNull(Tasks.unavailableReason("cartpole-swingup"), "the pure-Java tasks stay available");
    }
}
