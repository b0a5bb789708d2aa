package slaclab.engine.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One trainer per run folder. Two trainers on one folder (a second terminal's {@code train --resume}, or the lab's
 * Continue while a headless run trains it) would each write checkpoints and metrics over the other's. The trainer
 * holds an operating-system lock on {@code .training.lock} in the folder while it runs; the system drops the lock when
 * the process ends, however it ends, so a killed run never leaves its folder locked. The file names its holder.
 */
public final class RunLock implements Closeable {
    public static final String FILE = ".training.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the folder's lock, or throws {@link IllegalArgumentException} naming the process that holds it and what
     * to do.
     */
    public static RunLock acquire(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new IllegalArgumentException("run folder " + dir + " is being trained already"
                    + (holder.isEmpty() ? "" : " (" + holder + ")")
                    + ": stop that run first (Ctrl-C or SIGTERM saves it), then continue it with --resume");
        }
        String me = "pid " + ProcessHandle.current().pid() + ", since "
                + LocalDateTime.now().withNano(0).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).replace('T', ' ');
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new RunLock(channel, lock);
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(200);
        int n = channel.read(b, 0);
        return n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.UTF_8).strip();
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
