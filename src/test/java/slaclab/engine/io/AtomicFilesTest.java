package slaclab.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesAndReplaces() throws IOException {
        Path target = dir.resolve("sub/state.txt");
        AtomicFiles.writeString(target, "first");
        assertEquals("first", Files.readString(target));
        AtomicFiles.write(target, out -> {
            out.write("second".getBytes(StandardCharsets.UTF_8));
            out.close(); // closing early is allowed
        });
        assertEquals("second", Files.readString(target));
        assertEquals(1, countFiles(target.getParent()), "no temporary files left behind");
    }

    @Test
    void failedWriterLeavesOldContent() throws IOException {
        Path target = dir.resolve("checkpoint.bin");
        AtomicFiles.writeString(target, "old content");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IllegalStateException("bug");
        }));
        assertEquals("old content", Files.readString(target));
        assertEquals(1, countFiles(dir), "temporary file must be removed");
    }

    @Test
    void leftoversOfAKilledWriteAreDeleted() throws IOException {
        Path target = dir.resolve("checkpoint.bin");
        AtomicFiles.writeString(target, "whole");
        Files.writeString(dir.resolve(".checkpoint.bin.1f2e3d.tmp"), "half of a checkpoint");
        Files.writeString(dir.resolve(".metrics.csv.1f2e3d.tmp"), "another file's");
        AtomicFiles.deleteLeftovers(target);
        assertEquals("whole", Files.readString(target));
        assertEquals(2, countFiles(dir), "only this target's leftovers go");
    }

    private static long countFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.count();
        }
    }
}
