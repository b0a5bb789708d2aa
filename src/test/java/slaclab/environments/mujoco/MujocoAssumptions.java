package slaclab.environments.mujoco;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Skips a test (JUnit assumption) when MuJoCo is not installed. CI installs it and sets SLACLAB_REQUIRE_MUJOCO=1,
 * which turns the skip into a failure so the MuJoCo tests cannot silently stop running there.
 *
 * <p>Every test whose outcome depends on whether MuJoCo is available carries {@code @Tag("mujoco")}: CI runs those
 * a second time with MuJoCo hidden ({@code SLACLAB_MUJOCO=off}), so the suite is proven to pass without it too.
 */
final class MujocoAssumptions {
    private MujocoAssumptions() {
    }

    static void assumeMujoco() {
        if ("1".equals(System.getenv("SLACLAB_REQUIRE_MUJOCO")) && !MujocoLibrary.isAvailable()) {
            fail("SLACLAB_REQUIRE_MUJOCO=1 but MuJoCo is not available: " + MujocoLibrary.unavailableReason());
        }
        assumeTrue(MujocoLibrary.isAvailable(), () -> "MuJoCo not available: " + MujocoLibrary.unavailableReason());
    }
}
