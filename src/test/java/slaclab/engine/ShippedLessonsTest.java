package slaclab.engine;

import org.junit.jupiter.api.Test;
import slaclab.environments.Tasks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lessons this build ships (assets/lessons/, inside the jar as lessons/): each opens from the class path as an
 * installed app opens it, every stage's weights pass their checks and act, and each fits the 25 MB a lesson may take
 * in the repository.
 */
class ShippedLessonsTest {
    static final long MAX_LESSON_BYTES = 25L * 1024 * 1024;

    @Test
    void theCartpoleLessonShips() {
        assertTrue(Lessons.shipped().contains("cartpole-swingup"), "shipped: " + Lessons.shipped());
    }

    @Test
    void everyStageOfEveryShippedLessonActsFromTheClassPath() throws Exception {
        for (String name : Lessons.shipped()) {
            Lesson lesson = Lessons.shipped(name);
            assertTrue(lesson.stages().size() >= 3, name + ": early, middle and final stages");
            if (Tasks.unavailableReason(lesson.config().task()) != null) {
                continue;  // a MuJoCo lesson on a machine without MuJoCo (CI runs this with MuJoCo installed)
            }
            for (Lesson.Stage stage : lesson.stages()) {
                assertTrue(lesson.file(stage.rollouts()).length > 0, name + "/" + stage.rollouts());
                try (LessonPlayer player = LessonPlayer.open(lesson, stage, 5)) {
                    List<float[]> actions = new ArrayList<>();
                    player.episode((frame, action, step, ret, done) -> {
                        if (action != null) {
                            actions.add(action);
                        }
                        return step < 10;
                    });
                    assertEquals(10, actions.size(), name + " " + stage.name());
                    for (float[] a : actions) {
                        for (float v : a) {
                            assertTrue(Float.isFinite(v) && v >= -1 && v <= 1, name + " " + stage.name() + ": " + v);
                        }
                    }
                }
            }
        }
    }

    @Test
    void eachLessonFolderFitsItsShareOfTheRepository() throws Exception {
        Path root = Path.of("assets", "lessons");
        assertTrue(Files.isDirectory(root), "run from the project folder");
        try (Stream<Path> lessons = Files.list(root)) {
            List<Path> dirs = lessons.filter(Files::isDirectory).toList();
            assertFalse(dirs.isEmpty());
            for (Path dir : dirs) {
                long bytes;
                try (Stream<Path> files = Files.walk(dir)) {
                    bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
                }
                assertTrue(bytes <= MAX_LESSON_BYTES, dir + " takes " + bytes + " bytes");
            }
        }
    }
}
