package slaclab.engine.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FramedFilesTest {
    @TempDir
    Path dir;

    private static byte[] content(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    @Test
    void readsBackExactlyWhatWasWritten() throws IOException {
        Path file = dir.resolve("checkpoint.bin");
        byte[] data = content(100_000, 1);
        FramedFiles.write(file, null, out -> out.write(data));
        assertEquals(data.length, FramedFiles.check(file, true));
        try (InputStream in = FramedFiles.openChecked(file)) {
            assertArrayEquals(data, in.readAllBytes(), "content without the end marker");
        }
    }

    @Test
    void aFileCutShortAnywhereIsNamedNeverRead() throws IOException {
        Path file = dir.resolve("checkpoint.bin");
        byte[] data = content(3000, 2);
        FramedFiles.write(file, null, out -> out.write(data));
        byte[] whole = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.bin");
        for (int n = 0; n < whole.length; n += n < 40 ? 1 : 97) {
            Files.write(cut, Arrays.copyOf(whole, n));
            DamagedFileException e = assertThrows(DamagedFileException.class, () -> FramedFiles.openChecked(cut),
                    "cut to " + n + " bytes");
            assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
            assertTrue(e.getMessage().contains(n == 0 ? "is empty (0 bytes)" : "is cut short (" + n + " bytes"),
                    e.getMessage());
            assertFalse(FramedFiles.isFramed(cut));
        }
    }

    @Test
    void aChangedByteFailsTheChecksum() throws IOException {
        Path file = dir.resolve("checkpoint.bin");
        FramedFiles.write(file, null, out -> out.write(content(5000, 3)));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(1234);
            int b = raf.read();
            raf.seek(1234);
            raf.write(b ^ 0x10);
        }
        assertEquals(5000, FramedFiles.check(file, false), "the end marker alone does not read the content");
        DamagedFileException e = assertThrows(DamagedFileException.class, () -> FramedFiles.check(file, true));
        assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
    }

    @Test
    void theReplacedFileIsKeptAsThePreviousAndAFailedWriteTouchesNeither() throws IOException {
        Path file = dir.resolve("checkpoint.bin");
        Path previous = dir.resolve("checkpoint.prev.bin");
        FramedFiles.write(file, previous, out -> out.write("first".getBytes(StandardCharsets.UTF_8)));
        assertFalse(Files.exists(previous));
        FramedFiles.write(file, previous, out -> out.write("second".getBytes(StandardCharsets.UTF_8)));
        assertEquals("first", text(previous));
        assertEquals("second", text(file));

        IOException full = assertThrows(IOException.class, () -> FramedFiles.write(file, previous, out -> {
            out.write(new byte[200_000]);
            throw new IOException("No space left on device");
        }));
        assertEquals("No space left on device", full.getMessage());
        assertEquals("first", text(previous));
        assertEquals("second", text(file));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left");
        }
    }

    private static String text(Path file) throws IOException {
        try (InputStream in = FramedFiles.openChecked(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
