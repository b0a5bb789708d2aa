package slaclab.engine;

import slaclab.engine.io.DamagedFileException;
import slaclab.engine.io.FramedFiles;
import slaclab.engine.io.IOConsumer;
import slaclab.models.LatentModels;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The checkpoints of a run folder: checkpoint.bin and the one before it, checkpoint.prev.bin. Each file ends with an
 * end marker and checksum ({@link FramedFiles}), so a file cut short or damaged is named and never half-read, and a
 * run resumes from the newest whole one. A new checkpoint is complete on disk before the previous one moves aside,
 * and a damaged one is never kept in place of a whole one. Version 1 and 2 files (no end marker) still load.
 */
final class CheckpointFiles {
    private static final int MAGIC = 0x534C4143; // "SLAC"
    /** 3: an end marker follows; 2: the model name follows the task. */
    private static final int VERSION = 3;

    /** Reads what follows the header (task and model). */
    interface Body<T> {
        T read(DataInputStream in) throws IOException;
    }

    private final RunFolder folder;
    /** False after resuming from checkpoint.prev.bin: the damaged checkpoint.bin is replaced, not kept. */
    private boolean currentIsWhole = true;

    CheckpointFiles(RunFolder folder) {
        this.folder = folder;
    }

    /** Whether the folder holds a checkpoint to resume from (whole or not). */
    static boolean exists(RunFolder folder) {
        return Files.isRegularFile(folder.checkpoint()) || Files.isRegularFile(folder.previousCheckpoint());
    }

    /** Writes checkpoint.bin; the checkpoint it replaces becomes checkpoint.prev.bin. */
    void write(String task, String model, IOConsumer<DataOutputStream> body) throws IOException {
        Path file = folder.checkpoint();
        try {
            writeFile(file, currentIsWhole ? folder.previousCheckpoint() : null, task, model, body);
        } catch (IOException e) {
            throw new IOException("could not write the checkpoint " + file + " (" + describe(e) + "); the previous"
                    + " checkpoint is kept and --resume continues from it", e);
        }
        currentIsWhole = true;
    }

    /**
     * Writes one file in the checkpoint format (header, {@code body}, end marker), complete on disk before it takes
     * the name {@code file}; what {@code file} held before becomes {@code previous} (dropped when null).
     */
    static void writeFile(Path file, Path previous, String task, String model, IOConsumer<DataOutputStream> body)
            throws IOException {
        FramedFiles.write(file, previous, os -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 20));
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(task);
            out.writeUTF(model);
            body.accept(out);
            out.flush();
        });
    }

    /**
     * Reads one whole file in the checkpoint format (checksum verified; task and model checked unless null).
     *
     * @throws DamagedFileException when it is cut short or damaged
     */
    static <T> T readFile(Path file, String task, String model, Body<T> body) throws IOException {
        return read(file, true, task, model, body);
    }

    /**
     * Reads the newest whole checkpoint: checkpoint.bin, or checkpoint.prev.bin when checkpoint.bin is missing, cut
     * short or damaged, which {@code notice} is told in one line.
     */
    <T> T read(String task, String model, Body<T> body, Consumer<String> notice) throws IOException {
        Path current = folder.checkpoint();
        Path previous = folder.previousCheckpoint();
        String problem = current + " is missing (a save was interrupted)";
        if (Files.isRegularFile(current)) {
            try {
                return read(current, true, task, model, body);
            } catch (DamagedFileException e) {
                problem = e.getMessage();
            }
        }
        if (!Files.isRegularFile(previous)) {
            throw new DamagedFileException(problem + "; there is no earlier checkpoint (" + previous.getFileName()
                    + ") to fall back to, so the run cannot be continued: start it again in a new folder");
        }
        T result;
        try {
            result = read(previous, true, task, model, body);
        } catch (DamagedFileException e) {
            throw new DamagedFileException(problem + "; the earlier " + e.getMessage() + ". The run cannot be"
                    + " continued: start it again in a new folder");
        }
        currentIsWhole = false;
        notice.accept(problem + "; continuing from the previous checkpoint, " + previous.getFileName());
        return result;
    }

    /**
     * Environment steps of the checkpoint a resume would continue from (its header only, end marker checked, no
     * checksum), or -1 when the folder has none.
     *
     * @throws DamagedFileException when it has checkpoints but none is whole
     */
    static long envSteps(RunFolder folder) throws IOException {
        Body<Long> steps = DataInputStream::readLong;
        Path current = folder.checkpoint();
        Path previous = folder.previousCheckpoint();
        DamagedFileException damage = null;
        if (Files.isRegularFile(current)) {
            try {
                return read(current, false, null, null, steps);
            } catch (DamagedFileException e) {
                damage = e;
            }
        }
        if (Files.isRegularFile(previous)) {
            try {
                return read(previous, false, null, null, steps);
            } catch (DamagedFileException e) {
                throw new DamagedFileException((damage == null ? "" : damage.getMessage() + "; ") + e.getMessage());
            }
        }
        if (damage != null) {
            throw damage;
        }
        return -1;
    }

    /** Opens one file, checks its header (task and model unless null) and reads the rest with {@code body}. */
    private static <T> T read(Path file, boolean checksum, String task, String model, Body<T> body)
            throws IOException {
        int version = version(file);
        if (version < 1 || version > VERSION) {
            throw new IOException(file + " has checkpoint format version " + version + "; this build reads 1-"
                    + VERSION + " (use the SLAC Lab release that wrote it)");
        }
        InputStream raw;
        if (version >= 3) {
            raw = checksum ? FramedFiles.openChecked(file) : openEndChecked(file);
        } else {
            raw = new BufferedInputStream(Files.newInputStream(file), 1 << 20);
        }
        try (DataInputStream in = new DataInputStream(raw)) {
            in.readInt();
            in.readInt();
            String t = in.readUTF();
            String m = version >= 2 ? in.readUTF() : LatentModels.SLAC;
            if (task != null && !t.equals(task)) {
                throw new IOException(file + " is a checkpoint of task " + t + " but the configuration says " + task);
            }
            if (model != null && !m.equals(model)) {
                throw new IOException(file + " is a checkpoint of model " + m + " but the configuration says " + model);
            }
            try {
                return body.read(in);
            } catch (EOFException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                if (version >= 3) {
                    throw e;
                }
                // no checksum before version 3: garbage reads as anything
                throw new DamagedFileException(file + " cannot be read (" + describe(e) + "): it is cut short or"
                        + " damaged");
            }
        } catch (EOFException e) {
            if (version >= 3 && checksum) {
                throw new IOException(file + " is whole but shorter than this build expects: it was written by"
                        + " another version of SLAC Lab");
            }
            throw new DamagedFileException(file + " is cut short (" + Files.size(file) + " bytes): its write was"
                    + " interrupted");
        }
    }

    /**
     * Reads a file in the checkpoint format held in memory (a lesson's stage inside the jar): end marker and checksum
     * checked, then the header (task and model unless null), then {@code body}.
     *
     * @param name what to call it in a message
     */
    static <T> T readBytes(byte[] whole, String name, String task, String model, Body<T> body) throws IOException {
        byte[] content = FramedFiles.content(whole, name);
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(content))) {
            if (content.length < 8 || in.readInt() != MAGIC) {
                throw new DamagedFileException(name + " does not start like a SLAC Lab checkpoint: it is damaged or"
                        + " another kind of file");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(name + " has checkpoint format version " + version + "; this build reads "
                        + VERSION + " here (use the SLAC Lab release that wrote it)");
            }
            String t = in.readUTF();
            String m = in.readUTF();
            if (task != null && !t.equals(task)) {
                throw new IOException(name + " holds an agent of task " + t + " but the configuration says " + task);
            }
            if (model != null && !m.equals(model)) {
                throw new IOException(name + " holds an agent of model " + m + " but the configuration says " + model);
            }
            return body.read(in);
        } catch (java.io.EOFException e) {
            throw new IOException(name + " is whole but shorter than this build expects: it was written by another"
                    + " version of SLAC Lab");
        }
    }

    private static InputStream openEndChecked(Path file) throws IOException {
        FramedFiles.check(file, false);
        return new BufferedInputStream(Files.newInputStream(file));
    }

    /** The format version in the file's first 8 bytes. */
    private static int version(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            throw new DamagedFileException(file + " is empty (0 bytes): its write was cut short");
        }
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            if (size < 8) {
                throw new DamagedFileException(file + " is cut short (" + size + " bytes): its write was interrupted");
            }
            if (in.readInt() != MAGIC) {
                throw new DamagedFileException(file + " does not start like a SLAC Lab checkpoint: it is damaged or"
                        + " another kind of file");
            }
            return in.readInt();
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
