package slaclab.environments.mujoco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import slaclab.environments.Environment;
import slaclab.environments.Step;
import slaclab.environments.TaskSpec;
import slaclab.environments.Tasks;

/** What every built-in MuJoCo task must do; skipped without MuJoCo. */
@Tag("mujoco")
class MujocoTasksTest {
    static Stream<String> tasks() {
        return MujocoTasks.all().stream().map(t -> t.spec().name());
    }

    /** DeepMind Control tasks: rewards in [0, 1], no early termination. */
    static Stream<String> dmcTasks() {
        return tasks().filter(n -> !n.startsWith("gym-"));
    }

    @BeforeEach
    void needsMujoco() {
        MujocoAssumptions.assumeMujoco();
    }

    @ParameterizedTest
    @MethodSource("tasks")
    void specMatchesTheModel(String name) {
        try (Environment env = Tasks.create(name, 1)) {
            TaskSpec spec = env.spec();
            assertEquals("MuJoCo", spec.source());
            assertEquals(spec.stateDim(), env.state().length);
            assertEquals(Tasks.spec(name), spec);
            MujocoTask task = (MujocoTask) env;
            assertEquals(spec.controlDt(), task.substeps() * task.simulation().timestep(), 1e-12);
            assertThrows(IllegalArgumentException.class, () -> env.step(new double[spec.actionDim() + 1]));
            double[] nan = new double[spec.actionDim()];
            nan[0] = Double.NaN;
            assertThrows(IllegalArgumentException.class, () -> env.step(nan));
        }
    }

    @ParameterizedTest
    @MethodSource("tasks")
    void sameSeedSameTrajectoryDifferentSeedDifferent(String name) {
        List<double[]> a = trajectory(name, 42);
        List<double[]> b = trajectory(name, 42);
        List<double[]> c = trajectory(name, 43);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "item " + i);
        }
        assertFalse(Arrays.equals(a.get(0), c.get(0)), "different seeds must start differently");
    }

    private static List<double[]> trajectory(String name, long seed) {
        List<double[]> out = new ArrayList<>();
        try (Environment env = Tasks.create(name, seed)) {
            int n = env.spec().actionDim();
            SplittableRandom actions = new SplittableRandom(7);
            byte[] rgb = new byte[64 * 64 * 3];
            out.add(env.state());
            for (int i = 0; i < 60; i++) {
                double[] action = new double[n];
                for (int k = 0; k < n; k++) {
                    action[k] = actions.nextDouble(-1.5, 1.5); // clipped to [-1, 1]
                }
                Step s = env.step(action);
                out.add(env.state());
                out.add(new double[] {s.reward(), s.terminated() ? 1 : 0});
                if (s.done()) { // Gym tasks may fail early
                    env.reset();
                    out.add(env.state());
                }
            }
            env.render(rgb);
            double[] pixels = new double[rgb.length];
            for (int i = 0; i < rgb.length; i++) {
                pixels[i] = rgb[i] & 255;
            }
            out.add(pixels);
            env.reset();
            out.add(env.state());
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("tasks")
    void firstFrameShowsTheRobotAndMatchesTheStoredOne(String name) throws Exception {
        byte[] rgb = new byte[64 * 64 * 3];
        try (Environment env = Tasks.create(name, 0)) {
            env.render(rgb);
        }
        assertTrue(slaclab.environments.FrameChecks.distinctColours(rgb) > 50, "frame is nearly uniform");
        assertTrue(slaclab.environments.FrameChecks.bodyPixels(rgb) >= 10, "robot colour missing: " + slaclab.environments.FrameChecks.bodyPixels(rgb));
        if (ReferenceFrames.regenerate()) {
            ReferenceFrames.save(name, rgb);
        }
        byte[] stored = ReferenceFrames.load(name);
        assertNotNull(stored, "no stored frame for " + name + "; regenerate with -D" + ReferenceFrames.PROPERTY + "=true");
        double diff = ReferenceFrames.meanAbsoluteDifference(rgb, stored);
        assertTrue(diff < 2.0, name + ": first frame differs from the stored one by " + diff + " per channel");
    }

    @ParameterizedTest
    @MethodSource("dmcTasks")
    void episodeEndsTruncatedAtItsLength(String name) {
        try (Environment env = Tasks.create(name, 3)) {
            double[] zero = new double[env.spec().actionDim()];
            Step s = null;
            for (int i = 0; i < env.spec().episodeSteps(); i++) {
                s = env.step(zero);
                assertFalse(s.terminated(), "DeepMind Control tasks do not terminate");
                assertTrue(s.reward() >= 0 && s.reward() <= 1, "reward " + s.reward());
            }
            assertTrue(s.truncated());
            assertThrows(IllegalStateException.class, () -> env.step(zero));
        }
    }

    @ParameterizedTest
    @MethodSource("tasks")
    void closedTaskRefusesWork(String name) {
        Environment env = Tasks.create(name, 3);
        env.close();
        assertThrows(IllegalStateException.class, env::reset);
    }
}
