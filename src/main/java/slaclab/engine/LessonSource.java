package slaclab.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Where a lesson's files are: a folder on disk, or resources inside the jar (an installed app's lessons). */
public interface LessonSource {
    /** The bytes of the file at {@code relative} (e.g. "stages/final.bin"); NoSuchFileException when it is absent. */
    byte[] read(String relative) throws IOException;

    /** Whether the file at {@code relative} is there. */
    boolean has(String relative);

    /** The folder, or the lesson's place inside the jar, for messages. */
    String where();

    /** A lesson folder, e.g. assets/lessons/cartpole-swingup. */
    static LessonSource folder(Path dir) {
        return new LessonSource() {
            @Override
            public byte[] read(String relative) throws IOException {
                return Files.readAllBytes(dir.resolve(relative));
            }

            @Override
            public boolean has(String relative) {
                return Files.isRegularFile(dir.resolve(relative));
            }

            @Override
            public String where() {
                return dir.toString();
            }
        };
    }

    /** A lesson inside the jar (or any class path) under {@code prefix}, e.g. "lessons/cartpole-swingup/". */
    static LessonSource resources(ClassLoader loader, String prefix) {
        return new LessonSource() {
            @Override
            public byte[] read(String relative) throws IOException {
                try (InputStream in = loader.getResourceAsStream(prefix + relative)) {
                    if (in == null) {
                        throw new NoSuchFileException(where() + relative);
                    }
                    return in.readAllBytes();
                }
            }

            @Override
            public boolean has(String relative) {
                return loader.getResource(prefix + relative) != null;
            }

            @Override
            public String where() {
                return "the built-in lesson " + prefix;
            }
        };
    }
}
