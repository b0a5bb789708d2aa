package slaclab.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllocatorRelaunchTest {
    private static final Map<String, String> PLAIN = Map.of("HOME", "/root");

    @Test
    void trainingCommandsOnLinuxRunUnderTheTunedAllocator() {
        for (String command : List.of("lab", "train", "evaluate", "ablate", "bench")) {
            assertTrue(AllocatorRelaunch.wanted(new String[]{command, "--preset", "p.json"}, PLAIN, "Linux"), command);
        }
    }

    @Test
    void helpListingsOtherSystemsAndTheUsersOwnSettingsAreLeftAlone() {
        assertFalse(AllocatorRelaunch.wanted(new String[]{"tasks"}, PLAIN, "Linux"));
        assertFalse(AllocatorRelaunch.wanted(new String[]{"train", "--help"}, PLAIN, "Linux"));
        assertFalse(AllocatorRelaunch.wanted(new String[]{"bench"}, PLAIN, "Mac OS X"));
        assertFalse(AllocatorRelaunch.wanted(new String[]{"bench"}, Map.of("MALLOC_ARENA_MAX", "4"), "Linux"));
        assertFalse(AllocatorRelaunch.wanted(new String[]{"bench"}, Map.of("GLIBC_TUNABLES", "glibc.malloc.tcache_count=0"), "Linux"));
        assertFalse(AllocatorRelaunch.wanted(new String[]{"bench"}, Map.of(AllocatorRelaunch.OPT_OUT, "system"), "Linux"));
        // the child itself, which runs with the settings, does not start another one
        assertFalse(AllocatorRelaunch.wanted(new String[]{"bench"}, AllocatorRelaunch.SETTINGS, "Linux"));
    }

    @Test
    void theChildRunsTheSameCommandAndItsExitCodeComesBack() {
        assertEquals(0, AllocatorRelaunch.run(new String[]{"tasks"}).orElse(-1));
        assertEquals(2, AllocatorRelaunch.run(new String[]{"no-such-command"}).orElse(-1));
    }

    @Test
    void benchSaysWhichAllocatorRuns() {
        assertTrue(AllocatorRelaunch.describe(AllocatorRelaunch.SETTINGS).startsWith("glibc malloc, 1 arena"));
        assertTrue(AllocatorRelaunch.describe(PLAIN).contains("SLACLAB_ALLOCATOR=system"));
    }

    @Test
    void childOfAnInstalledCopyIsStartedAsANewLauncher() {
        java.util.Map<String, String> env = new java.util.HashMap<>(java.util.Map.of("_JPACKAGE_LAUNCHER", "0", "HOME", "/h"));
        AllocatorRelaunch.childEnvironment(env);
        assertFalse(env.containsKey("_JPACKAGE_LAUNCHER"), "the child launcher would read 'train' as the main class");
        assertTrue(env.entrySet().containsAll(AllocatorRelaunch.SETTINGS.entrySet()));
        assertTrue(env.containsKey("HOME"));
    }
}
