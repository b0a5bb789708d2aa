package slaclab.environments.mujoco;

import java.util.List;
import java.util.function.LongFunction;

import slaclab.environments.Environment;
import slaclab.environments.TaskSpec;

/** The built-in MuJoCo tasks, in the order `tasks` lists them; the registry (environments.Tasks) adds these. */
public final class MujocoTasks {
    public record Task(TaskSpec spec, LongFunction<Environment> factory) {
    }

    private MujocoTasks() {
    }

    public static List<Task> all() {
        return List.of(
                new Task(CheetahRun.SPEC, CheetahRun::new),
                new Task(WalkerWalk.SPEC, WalkerWalk::new),
                new Task(BallInCupCatch.SPEC, BallInCupCatch::new));
    }
}
