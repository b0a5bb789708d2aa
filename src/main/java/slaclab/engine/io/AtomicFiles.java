package slaclab.engine.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Crash-safe file replacement: content goes to a temporary file in the target's folder, is forced to disk, and is
 * then renamed over the target, so readers see either the old or the new file, never a half-written one.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with what {@code writer} writes. If the writer throws, the target is untouched and the
     * temporary file is removed. The stream is buffered; the writer may close it or not.
     */
    public static void write(Path target, IOConsumer<OutputStream> writer) throws IOException {
        write(target, null, writer);
    }

    /**
     * Like {@link #write(Path, IOConsumer)}, and when {@code previous} is not null and {@code target} exists, the old
     * target is renamed to {@code previous} (replacing it) once the new content is on disk, just before the new file
     * takes its place. A crash between the two renames leaves {@code previous} and no target; nothing is ever lost
     * before its replacement is complete.
     */
    public static void write(Path target, Path previous, IOConsumer<OutputStream> writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = createTemp(dir, absolute.getFileName().toString());
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream raw = Channels.newOutputStream(channel);
                BufferedOutputStream buffered = new BufferedOutputStream(new NonClosing(raw), 1 << 16);
                writer.accept(new NonClosing(buffered));
                buffered.flush();
                channel.force(true);
            }
            if (previous != null && Files.exists(absolute)) {
                move(absolute, previous.toAbsolutePath());
            }
            move(temp, absolute);
            moved = true;
            syncDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A new empty hidden file next to the target (not Files.createTempFile: its owner-only mode would stick). */
    private static Path createTemp(Path dir, String name) throws IOException {
        while (true) {
            long id = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
            Path temp = dir.resolve("." + name + "." + Long.toHexString(id) + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                // try another name
            }
        }
    }

    /**
     * Deletes the temporary files that writes of {@code target} left behind when their process was killed (a
     * checkpoint's can be gigabytes); call it only when no other process writes {@code target}.
     */
    public static void deleteLeftovers(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        String prefix = "." + absolute.getFileName() + ".";
        if (!Files.isDirectory(absolute.getParent())) {
            return;
        }
        try (var files = Files.list(absolute.getParent())) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(prefix) && n.endsWith(".tmp") && Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Replaces {@code target} with {@code text} in UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
    }

    /** Makes the rename durable where the platform allows opening folders (Linux, macOS); best effort elsewhere. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException ignored) {
            // Not supported on this platform (e.g. Windows); the file content itself is already on disk.
        }
    }

    /** Turns close() into flush(), so the writer cannot close the channel before it is forced. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
