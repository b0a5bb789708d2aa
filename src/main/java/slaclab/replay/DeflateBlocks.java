package slaclab.replay;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A framed Deflate stream embedded in a larger stream: blocks of {@code [int rawLength][int compressedLength][bytes]}
 * ended by a block with raw length 0. Unlike {@code DeflaterOutputStream}/{@code InflaterInputStream}, the reader never
 * consumes bytes past the end marker, so other data may follow in the same file.
 */
final class DeflateBlocks {
    private static final int BLOCK = 1 << 22;

    private DeflateBlocks() {
    }

    /** Compresses everything written into blocks on {@code out}; {@link #close()} writes the end marker only. */
    static final class Writer extends OutputStream {
        private final DataOutputStream out;
        private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        private final byte[] raw = new byte[BLOCK];
        private byte[] packed = new byte[BLOCK / 2];
        private int used;
        private boolean closed;

        Writer(DataOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (used == raw.length) {
                flushBlock();
            }
            raw[used++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (used == raw.length) {
                    flushBlock();
                }
                int n = Math.min(len, raw.length - used);
                System.arraycopy(b, off, raw, used, n);
                used += n;
                off += n;
                len -= n;
            }
        }

        private void flushBlock() throws IOException {
            if (used == 0) {
                return;
            }
            deflater.reset();
            deflater.setInput(raw, 0, used);
            deflater.finish();
            int size = 0;
            while (!deflater.finished()) {
                if (size == packed.length) {
                    packed = java.util.Arrays.copyOf(packed, packed.length * 2);
                }
                size += deflater.deflate(packed, size, packed.length - size);
            }
            out.writeInt(used);
            out.writeInt(size);
            out.write(packed, 0, size);
            used = 0;
        }

        /** Writes the last block and the end marker; does not close the underlying stream. */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                flushBlock();
                out.writeInt(0);
                out.flush();
            } finally {
                deflater.end();
            }
        }
    }

    /** Reads what a {@link Writer} wrote, stopping exactly after its end marker. */
    static final class Reader extends InputStream {
        private final DataInputStream in;
        private final Inflater inflater = new Inflater();
        private byte[] raw = new byte[0];
        private byte[] packed = new byte[0];
        private int length;
        private int pos;
        private boolean ended;

        Reader(DataInputStream in) {
            this.in = in;
        }

        private boolean fill() throws IOException {
            while (pos == length) {
                if (ended) {
                    return false;
                }
                int rawLength = in.readInt();
                if (rawLength == 0) {
                    ended = true;
                    return false;
                }
                int packedLength = in.readInt();
                if (rawLength < 0 || packedLength < 0) {
                    throw new IOException("corrupt compressed block header");
                }
                if (packed.length < packedLength) {
                    packed = new byte[packedLength];
                }
                in.readFully(packed, 0, packedLength);
                if (raw.length < rawLength) {
                    raw = new byte[rawLength];
                }
                inflater.reset();
                inflater.setInput(packed, 0, packedLength);
                try {
                    int got = 0;
                    while (got < rawLength) {
                        int n = inflater.inflate(raw, got, rawLength - got);
                        if (n == 0 && (inflater.finished() || inflater.needsInput())) {
                            break;
                        }
                        got += n;
                    }
                    if (got != rawLength || !inflater.finished()) {
                        throw new IOException("corrupt compressed block: " + got + " of " + rawLength + " bytes");
                    }
                } catch (DataFormatException e) {
                    throw new IOException("corrupt compressed block", e);
                }
                length = rawLength;
                pos = 0;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return raw[pos++] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, length - pos);
            System.arraycopy(raw, pos, b, off, n);
            pos += n;
            return n;
        }

        /** Checks that all data was consumed and reads the end marker; does not close the underlying stream. */
        @Override
        public void close() throws IOException {
            try {
                if (fill()) {
                    throw new IOException("unexpected trailing data in compressed section");
                }
                if (!ended) {
                    throw new EOFException("missing end marker");
                }
            } finally {
                inflater.end();
            }
        }
    }
}
