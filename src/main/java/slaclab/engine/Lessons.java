package slaclab.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The lessons there are: shipped inside the jar (assets/lessons/ of the source tree), or a lesson folder on disk. */
public final class Lessons {
    static final String RESOURCE_DIR = "lessons/";

    private Lessons() {
    }

    /** Names of the lessons inside the jar, e.g. "cartpole-swingup". */
    public static List<String> shipped() {
        return BuiltInResources.files(RESOURCE_DIR).stream()
                .filter(n -> n.endsWith("/" + Lesson.FILE) && n.indexOf('/') == n.length() - Lesson.FILE.length() - 1)
                .map(n -> n.substring(0, n.indexOf('/')))
                .toList();
    }

    /** Whether {@code dir} is a lesson folder (it holds lesson.json) rather than a run folder. */
    public static boolean isLessonFolder(Path dir) {
        return Files.isRegularFile(dir.resolve(Lesson.FILE));
    }

    /** The shipped lesson {@code name}; the error lists the shipped ones. */
    public static Lesson shipped(String name) throws IOException {
        if (!shipped().contains(name)) {
            List<String> there = shipped();
            throw new IllegalArgumentException("there is no lesson '" + name + "'; " + (there.isEmpty()
                    ? "this build ships none (assets/lessons/ was empty when it was built)"
                    : "shipped lessons: " + String.join(", ", there)));
        }
        return Lesson.open(name, LessonSource.resources(Lessons.class.getClassLoader(), RESOURCE_DIR + name + "/"));
    }

    /** A lesson folder on disk (assets/lessons/NAME, or one a user copied). */
    public static Lesson folder(Path dir) throws IOException {
        return Lesson.open(dir.getFileName().toString(), LessonSource.folder(dir));
    }

    /**
     * What {@code evaluate --run} and the lab open: a lesson folder when {@code where} is one, else the shipped
     * lesson of that name; null when {@code where} is neither (then it is a run folder, or a mistake).
     */
    public static Lesson find(String where) throws IOException {
        Path dir = Path.of(where);
        if (Files.isDirectory(dir)) {
            return isLessonFolder(dir) ? folder(dir) : null;
        }
        return !where.contains("/") && shipped().contains(where) ? shipped(where) : null;
    }
}
