package slaclab.environments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Behaviour every registered task must have. */
class TasksTest {
    @Test
    void registryListsTheTasksInOrder() {
        List<String> names = new ArrayList<>();
        for (TaskSpec spec : Tasks.all()) {
            names.add(spec.name());
        }
        assertEquals(List.of("pendulum-swingup", "cartpole-swingup"), names.subList(0, 2));
        for (TaskSpec spec : Tasks.all().subList(2, names.size())) {
            assertEquals("MuJoCo", spec.source(), spec.name());
        }
        assertEquals(names, Tasks.names());
        assertEquals(2, Tasks.spec("pendulum-swingup").defaultActionRepeat());
        assertEquals(8, Tasks.spec("cartpole-swingup").defaultActionRepeat());
        assertEquals(0.02, Tasks.spec("pendulum-swingup").controlDt());
        assertEquals(0.01, Tasks.spec("cartpole-swingup").controlDt());
    }

    @Test
    void unknownNameIsRejectedWithTheKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tasks.create("x", 1));
        assertTrue(e.getMessage().startsWith("unknown task 'x'; known tasks: pendulum-swingup, cartpole-swingup, "),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tasks.create(null, 1));
        assertThrows(IllegalArgumentException.class, () -> Tasks.spec("walker-run"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pendulum-swingup", "cartpole-swingup"})
    void specMatchesTheInstance(String name) {
        try (Environment env = Tasks.create(name, 1)) {
            TaskSpec spec = env.spec();
            assertEquals(name, spec.name());
            assertEquals("pure Java", spec.source());
            assertEquals(1, spec.actionDim());
            assertEquals(1000, spec.episodeSteps());
            assertEquals(spec.stateDim(), env.state().length);
            assertEquals(Tasks.spec(name), spec);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pendulum-swingup", "cartpole-swingup"})
    void episodeLastsExactlyOneThousandStepsAndEndsTruncated(String name) {
        Environment env = Tasks.create(name, 2);
        SplittableRandom actions = new SplittableRandom(9);
        for (int episode = 0; episode < 2; episode++) {
            for (int i = 1; i <= 1000; i++) {
                Step step = env.step(new double[] {actions.nextDouble(-1, 1)});
                assertFalse(step.terminated(), "never terminated");
                assertEquals(i == 1000, step.truncated(), "step " + i);
                assertTrue(step.reward() >= 0 && step.reward() <= 1);
            }
            assertThrows(IllegalStateException.class, () -> env.step(new double[] {0}));
            env.reset();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pendulum-swingup", "cartpole-swingup"})
    void sameSeedSameTrajectoryAndFramesDifferentSeedDifferent(String name) {
        List<double[]> a = trajectory(name, 42);
        List<double[]> b = trajectory(name, 42);
        List<double[]> c = trajectory(name, 43);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "item " + i);
        }
        assertFalse(Arrays.equals(a.get(0), c.get(0)), "different seeds must start differently");
        assertFalse(Arrays.equals(a.get(a.size() - 1), c.get(c.size() - 1)), "different seeds, different frames");
    }

    /** States after every step of a fixed action sequence, then frames every 50 steps, then a second episode start. */
    private static List<double[]> trajectory(String name, long seed) {
        Environment env = Tasks.create(name, seed);
        List<double[]> out = new ArrayList<>();
        out.add(env.state());
        SplittableRandom actions = new SplittableRandom(1234);
        byte[] rgb = new byte[64 * 64 * 3];
        for (int i = 0; i < 200; i++) {
            env.step(new double[] {actions.nextDouble(-1, 1)});
            out.add(env.state());
            if (i % 50 == 0) {
                env.render(rgb);
                out.add(toDoubles(rgb));
            }
        }
        env.reset();
        out.add(env.state());
        env.render(rgb);
        out.add(toDoubles(rgb));
        return out;
    }

    private static double[] toDoubles(byte[] rgb) {
        double[] d = new double[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            d[i] = rgb[i] & 255;
        }
        return d;
    }

    @ParameterizedTest
    @ValueSource(strings = {"pendulum-swingup", "cartpole-swingup"})
    void firstFrameShowsTheRobotOnFloorAndSky(String name) {
        Environment env = Tasks.create(name, 7);
        byte[] rgb = FrameChecks.frame(env);
        assertTrue(FrameChecks.distinctColours(rgb) > 50, "frame is nearly uniform");
        assertTrue(FrameChecks.bodyPixels(rgb) >= 10, "body colour missing: " + FrameChecks.bodyPixels(rgb));
        // floor at the bottom row (blue-dominant), sky / far floor at the top
        int bottom = (63 * 64 + 32) * 3;
        assertTrue((rgb[bottom + 2] & 255) > (rgb[bottom] & 255), "bottom should be floor");
        assertArrayEquals(rgb, FrameChecks.frame(env), "rendering is deterministic");
        assertThrows(IllegalArgumentException.class, () -> env.render(new byte[10]));
    }
}
