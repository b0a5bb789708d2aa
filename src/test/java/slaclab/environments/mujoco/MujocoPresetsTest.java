package slaclab.environments.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import slaclab.engine.Presets;
import slaclab.engine.RunConfig;
import slaclab.environments.Tasks;

/** One preset per MuJoCo task with the paper's action repeat; presets parse without MuJoCo installed. */
@Tag("mujoco")
class MujocoPresetsTest {
    @ParameterizedTest
    @MethodSource("slaclab.environments.mujoco.MujocoTasksTest#tasks")
    void presetExistsWithThePapersActionRepeat(String task) {
        RunConfig c = Presets.load(Path.of("presets", task + ".json"));
        assertEquals(task, c.task());
        assertEquals(Tasks.spec(task).defaultActionRepeat(), c.actionRepeat());
        assertEquals(32, c.modelBatch());
        assertEquals(256, c.sacBatch());
    }
}
