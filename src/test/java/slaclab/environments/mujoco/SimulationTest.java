package slaclab.environments.mujoco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("mujoco")
class SimulationTest {
    @BeforeEach
    void needsMujoco() {
        MujocoAssumptions.assumeMujoco();
    }

    @Test
    void loadsTheCheetahWithItsNamesAndSizes() {
        try (Simulation sim = Simulation.loadResource(CheetahRun.MODEL)) {
            assertEquals(9, sim.nq());
            assertEquals(9, sim.nv());
            assertEquals(6, sim.nu());
            assertEquals(0.01, sim.timestep(), 1e-12);
            assertEquals(1, sim.bodyId("torso"));
            assertEquals(3, sim.qposAddress("bthigh"));
            assertEquals(5, sim.actuatorId("ffoot"));
            assertTrue(sim.geomId("head") > 0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sim.bodyId("tail"));
            assertTrue(e.getMessage().startsWith("no body named 'tail' in /mujoco/cheetah.xml; bodies: world, torso,"),
                    e.getMessage());
        }
    }

    @Test
    void stateRoundTripsAndStepsAdvanceTime() {
        try (Simulation sim = Simulation.loadResource(CheetahRun.MODEL)) {
            double[] q = sim.qpos();
            q[3] = 0.3;
            double[] v = new double[9];
            v[0] = 1.5;
            sim.setState(q, v);
            assertArrayEquals(q, sim.qpos());
            assertArrayEquals(v, sim.qvel());
            assertFalse(sim.step(new double[6], 5));
            assertTrue(sim.qpos()[0] > 0.05, "moved forward: " + sim.qpos()[0]);
            assertThrows(IllegalArgumentException.class, () -> sim.step(new double[2], 1));
            assertThrows(IllegalArgumentException.class, () -> sim.setState(new double[3], v));
        }
    }

    @Test
    void useAfterCloseThrowsInsteadOfTouchingFreedMemory() {
        Simulation sim = Simulation.loadResource(CheetahRun.MODEL);
        sim.close();
        sim.close(); // idempotent
        assertThrows(IllegalStateException.class, sim::qpos);
        assertThrows(IllegalStateException.class, () -> sim.step(new double[6], 1));
    }

    @Test
    void parseErrorCarriesMujocosMessage(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.xml");
        Files.writeString(bad, "<mujoco><worldbody><geom type=\"sphere\" size=\"oops\"/></worldbody></mujoco>");
        MujocoException e = assertThrows(MujocoException.class, () -> Simulation.load(bad));
        assertTrue(e.getMessage().toLowerCase().contains("size") || e.getMessage().contains("Error"), e.getMessage());
        assertThrows(MujocoException.class, () -> Simulation.load(dir.resolve("missing.xml")));
        assertThrows(MujocoException.class, () -> Simulation.loadResource("/mujoco/missing.xml"));
    }

    @Test
    void divergenceIsReported(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.xml");
        Files.writeString(model, "<mujoco><worldbody><body><joint name=\"j\" type=\"slide\" axis=\"1 0 0\"/>"
                + "<geom type=\"sphere\" size=\".1\"/></body></worldbody>"
                + "<actuator><motor joint=\"j\" gear=\"1e300\"/></actuator></mujoco>");
        try (Simulation sim = Simulation.load(model)) {
            assertEquals(1, sim.nu());
            boolean diverged = false;
            for (int i = 0; i < 20 && !diverged; i++) {
                diverged = sim.step(new double[] {1e300}, 1);
            }
            assertTrue(diverged, "a huge force must be reported as divergence");
        }
    }
}
