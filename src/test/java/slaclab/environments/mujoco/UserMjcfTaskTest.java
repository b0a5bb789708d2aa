package slaclab.environments.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import slaclab.environments.Environment;
import slaclab.environments.Step;
import slaclab.environments.TaskSpec;
import slaclab.environments.Tasks;

@Tag("mujoco")
class UserMjcfTaskTest {
    static final String SLIDER = "<mujoco><option timestep=\"0.01\"/><worldbody>"
            + "<geom type=\"plane\" size=\"0 0 1\" rgba=\".1 .2 .3 1\"/>"
            + "<body name=\"cart\" pos=\"0 0 .2\"><joint name=\"x\" type=\"slide\" axis=\"1 0 0\"/>"
            + "<geom type=\"box\" size=\".2 .1 .1\" rgba=\".7 .5 .3 1\" contype=\"0\" conaffinity=\"0\"/></body>"
            + "</worldbody><actuator><motor joint=\"x\" gear=\"10\" ctrllimited=\"true\" ctrlrange=\"-1 1\"/>"
            + "</actuator></mujoco>";

    @TempDir
    Path dir;

    @BeforeEach
    void needsMujoco() {
        MujocoAssumptions.assumeMujoco();
    }

    @Test
    void runsAUsersModelWithForwardVelocityReward() throws Exception {
        Path file = dir.resolve("slider.xml");
        Files.writeString(file, SLIDER);
        String name = "mjcf:" + file + "#cart";
        TaskSpec spec = Tasks.spec(name);
        assertEquals(1, spec.actionDim());
        assertEquals("MuJoCo", spec.source());
        try (Environment env = Tasks.create(name, 0)) {
            Step s = null;
            for (int i = 0; i < 20; i++) {
                s = env.step(new double[] {1});
            }
            // 10 N on a 16 kg box (0.016 m^3 at MuJoCo's default density) for 0.2 s: 0.125 m/s
            assertEquals(0.125, s.reward(), 0.01);
            byte[] rgb = new byte[64 * 64 * 3];
            env.render(rgb); // no camera in the model: side view tracking the cart
            assertTrue(slaclab.environments.FrameChecks.bodyPixels(rgb) > 10);
        }
        try (Environment env = Tasks.create("mjcf:" + file, 0)) { // default body: the first one
            assertEquals(1, env.spec().actionDim());
        }
    }

    @Test
    void divergedSimulationEndsTheEpisodeAsTerminated() throws Exception {
        Path file = dir.resolve("wild.xml");
        Files.writeString(file, SLIDER.replace("gear=\"10\"", "gear=\"1e300\""));
        try (Environment env = Tasks.create("mjcf:" + file, 0)) {
            Step s = null;
            for (int i = 0; i < 20 && (s == null || !s.done()); i++) {
                s = env.step(new double[] {1});
            }
            assertTrue(s.terminated(), "diverged: " + s);
            assertEquals(0.0, s.reward(), 0);
            assertThrows(IllegalStateException.class, () -> env.step(new double[] {0}));
            env.reset();
            assertEquals(0.0, env.step(new double[] {0}).reward(), 0.01);
        }
    }

    @Test
    void missingFileIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tasks.create("mjcf:/nonexistent/model.xml", 0));
        assertEquals("MJCF file not found: /nonexistent/model.xml", e.getMessage());
    }

    @Test
    void parseErrorShowsMujocosMessage() throws Exception {
        Path file = dir.resolve("broken.xml");
        Files.writeString(file, "<mujoco><worldbody><body><geom type=\"sphere\"></body></worldbody></mujoco>");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tasks.spec("mjcf:" + file));
        assertTrue(e.getMessage().startsWith("MuJoCo could not load " + file + ": "), e.getMessage());
        assertTrue(e.getMessage().length() > ("MuJoCo could not load " + file + ": ").length() + 5, e.getMessage());
    }

    @Test
    void unknownBodyListsTheBodies() throws Exception {
        Path file = dir.resolve("slider.xml");
        Files.writeString(file, SLIDER);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tasks.create("mjcf:" + file + "#torso", 0));
        assertTrue(e.getMessage().startsWith("no body named 'torso' in " + file + "; bodies: world, cart"),
                e.getMessage());
    }
}
