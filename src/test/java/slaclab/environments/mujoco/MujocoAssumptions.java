package slaclab.environments.mujoco;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Skips a test (JUnit assumption) when MuJoCo is not installed; CI installs it so these tests run there. */
final class MujocoAssumptions {
    private MujocoAssumptions() {
    }

    static void assumeMujoco() {
        assumeTrue(MujocoLibrary.isAvailable(), () -> "MuJoCo not available: " + MujocoLibrary.unavailableReason());
    }
}
