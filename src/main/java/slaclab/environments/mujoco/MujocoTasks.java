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
                new Task(BallInCupCatch.SPEC, BallInCupCatch::new),
                new Task(FingerSpin.SPEC, FingerSpin::new),
                new Task(ReacherEasy.SPEC, ReacherEasy::new),
                new Task(DmcCartpoleSwingup.SPEC, DmcCartpoleSwingup::new),
                new Task(GymHalfCheetah.SPEC, GymHalfCheetah::new),
                new Task(GymHopper.SPEC, GymHopper::new),
                new Task(GymWalker2d.SPEC, GymWalker2d::new),
                new Task(GymAnt.SPEC, GymAnt::new));
    }
}
