package slaclab.engine.io;

import java.io.BufferedInputStream;
import java.io.DataOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * Files that show whether they are whole: the content is followed by a 16-byte end marker (a magic number, the
 * content's length and its CRC32), so a file cut short (a kill during a copy, a full disk, the zero-length file a
 * crash can leave) or damaged is recognised before any of it is used. The framing knows nothing of the content.
 */
public final class FramedFiles {
    static final int END_MAGIC = 0x534C4345; // "SLCE"
    public static final int END_MARKER_BYTES = 16;

    private FramedFiles() {
    }

    /**
     * Atomically replaces {@code target} with what {@code writer} writes plus the end marker. When {@code previous}
     * is not null and {@code target} exists, the old target becomes {@code previous}, once the new file is on disk.
     */
    public static void write(Path target, Path previous, IOConsumer<OutputStream> writer) throws IOException {
        AtomicFiles.write(target, previous, os -> {
            Counting counted = new Counting(os);
            writer.accept(counted);
            counted.flush();
            DataOutputStream end = new DataOutputStream(os);
            end.writeInt(END_MAGIC);
            end.writeLong(counted.length);
            end.writeInt((int) counted.crc.getValue());
            end.flush();
        });
    }

    /** Whether {@code file} ends with an end marker that matches its length (a cheap check: no checksum). */
    public static boolean isFramed(Path file) throws IOException {
        return endProblem(file) == null;
    }

    /**
     * Checks the end marker and, if {@code checksum}, the CRC32 of the whole content; returns the content length.
     *
     * @throws DamagedFileException naming the file and whether it is empty, cut short or damaged
     */
    public static long check(Path file, boolean checksum) throws IOException {
        String problem = endProblem(file);
        if (problem != null) {
            throw new DamagedFileException(file + " " + problem);
        }
        long length = Files.size(file) - END_MARKER_BYTES;
        if (checksum) {
            CRC32 crc = new CRC32();
            try (InputStream in = new BoundedInput(Files.newInputStream(file), length)) {
                byte[] buf = new byte[1 << 20];
                for (int n; (n = in.read(buf)) > 0; ) {
                    crc.update(buf, 0, n);
                }
            }
            if ((int) crc.getValue() != readEnd(file).getInt(12)) {
                throw new DamagedFileException(file + " is damaged: its content does not match its checksum");
            }
        }
        return length;
    }

    /** The checked content of {@code file} (without its end marker), buffered; see {@link #check}. */
    public static InputStream openChecked(Path file) throws IOException {
        long length = check(file, true);
        return new BufferedInputStream(new BoundedInput(Files.newInputStream(file), length), 1 << 20);
    }

    /**
     * The content of a framed file held in memory (e.g. a resource inside the jar), checked as {@link #check} checks
     * a file.
     *
     * @param name what to call it in a message
     * @throws DamagedFileException when it is empty, cut short or damaged
     */
    public static byte[] content(byte[] whole, String name) throws DamagedFileException {
        if (whole.length == 0) {
            throw new DamagedFileException(name + " is empty (0 bytes): its write was cut short");
        }
        ByteBuffer end = whole.length < END_MARKER_BYTES ? null
                : ByteBuffer.wrap(whole, whole.length - END_MARKER_BYTES, END_MARKER_BYTES).slice();
        int length = whole.length - END_MARKER_BYTES;
        if (end == null || end.getInt(0) != END_MAGIC || end.getLong(4) != length) {
            throw new DamagedFileException(name + " is cut short (" + whole.length + " bytes, no end marker): its"
                    + " write was interrupted");
        }
        CRC32 crc = new CRC32();
        crc.update(whole, 0, length);
        if ((int) crc.getValue() != end.getInt(12)) {
            throw new DamagedFileException(name + " is damaged: its content does not match its checksum");
        }
        return java.util.Arrays.copyOf(whole, length);
    }

    /** What is wrong with the end of {@code file}, or null if its end marker is in place. */
    private static String endProblem(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            return "is empty (0 bytes): its write was cut short";
        }
        String cut = "is cut short (" + size + " bytes, no end marker): its write was interrupted";
        if (size < END_MARKER_BYTES) {
            return cut;
        }
        ByteBuffer end = readEnd(file);
        return end.getInt(0) == END_MAGIC && end.getLong(4) == size - END_MARKER_BYTES ? null : cut;
    }

    private static ByteBuffer readEnd(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer end = ByteBuffer.allocate(END_MARKER_BYTES);
            long at = ch.size() - END_MARKER_BYTES;
            while (end.hasRemaining()) {
                if (ch.read(end, at + end.position()) < 0) {
                    throw new DamagedFileException(file + " changed while it was read");
                }
            }
            return end;
        }
    }

    /** Counts and checksums what passes through. */
    private static final class Counting extends FilterOutputStream {
        final CRC32 crc = new CRC32();
        long length;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            crc.update(b);
            length++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            crc.update(b, off, len);
            length += len;
        }

        @Override
        public void close() throws IOException {
            flush();  // the end marker follows
        }
    }

    /** Reads at most {@code remaining} bytes. */
    private static final class BoundedInput extends FilterInputStream {
        private long remaining;

        BoundedInput(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = in.skip(Math.min(n, remaining));
            remaining -= s;
            return s;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
