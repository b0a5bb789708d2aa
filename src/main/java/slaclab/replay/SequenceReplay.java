package slaclab.replay;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Ring buffer of agent transitions for sequence sampling, with every frame stored once as uint8.
 *
 * <p>Transition number g (0-based over the buffer's life) lives in slot {@code g % capacity} and holds the action,
 * reward and termination flag of the step and the frame it led to. The first transition of an episode also holds
 * the episode's first frame, so an episode of n steps stores n+1 frames and nothing is duplicated. Frame arrays are
 * allocated lazily per slot (no single huge array) and reused when the ring wraps.
 *
 * <p>A sequence of L steps ending at transition g is valid when transitions g-L+1..g belong to one episode and all
 * L+1 frames are still in the ring. Sampling is uniform over valid end points. Episodes shorter than L steps
 * contribute no such sequences. {@link #samplePadded} also ends sequences at the first L-1 steps of an episode and
 * pads them the way acting pads the actor's history: the episode's first frame repeated, zero actions (and zero
 * rewards, not-done masks 1, for the padded steps). Time-limit ends are not terminal: the mask {@code notDone} is 0
 * only for steps added with {@code terminated = true}.
 *
 * <p>Optionally ({@code stateDim > 0}) every observation also carries the environment's true low-dimensional state,
 * stored like the frames (the state after each step, and the first state of each episode), for state-based baselines.
 *
 * <p>Public methods are synchronized, so a collector thread may add while a learner samples; a {@link SequenceBatch}
 * must not be filled and read by different threads at the same time.
 */
public final class SequenceReplay {
    private static final int MAGIC = 0x534C5250; // "SLRP"
    /**
     * 3: the stored states are each task's suite observation (MODELS.md "State layouts"); 2: states as SLAC Lab
     * 0.2.0 first stored them (qpos then qvel for the MuJoCo tasks); 1: no states. The byte layout of 2 and 3 is
     * the same.
     */
    private static final int VERSION = 3;
    private static final int FIRST_WITH_SUITE_STATES = 3;
    private static final int REJECTION_TRIES = 32;

    private final int capacity;
    private final int actionDim;
    private final int imageSize;
    private final int frameLength;
    private final int stateDim;

    private final byte[][] nextFrames;
    private final byte[][] startFrames;
    private final float[] actions;
    private final float[] rewards;
    private final boolean[] terminated;
    private final int[] stepInEpisode;
    private final float[] nextStates;
    private final float[] startStates;

    private long totalAdded;
    private boolean episodeOpen;
    private int episodeStep;
    private byte[] pendingStart;
    private final float[] pendingStartState;

    // Cache of valid end points (offsets from oldest()) for one (totalAdded, sequenceLength); derived data only.
    private int[] validEnds;
    private int validCount;
    private long validFor = -1;
    private int validLength = -1;
    private boolean validPadded;

    public SequenceReplay(int capacity, int actionDim, int imageSize) {
        this(capacity, actionDim, imageSize, 0);
    }

    /** A buffer that also stores a state vector of {@code stateDim} floats with every observation (0: none). */
    public SequenceReplay(int capacity, int actionDim, int imageSize, int stateDim) {
        if (capacity <= 0 || actionDim <= 0 || imageSize <= 0 || stateDim < 0) {
            throw new IllegalArgumentException("capacity, actionDim and imageSize must be positive, stateDim >= 0");
        }
        if ((long) capacity * Math.max(actionDim, stateDim) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("capacity * actionDim (or stateDim) too large");
        }
        this.stateDim = stateDim;
        this.nextStates = new float[capacity * stateDim];
        this.startStates = new float[capacity * stateDim];
        this.pendingStartState = new float[stateDim];
        this.capacity = capacity;
        this.actionDim = actionDim;
        this.imageSize = imageSize;
        this.frameLength = 3 * imageSize * imageSize;
        this.nextFrames = new byte[capacity][];
        this.startFrames = new byte[capacity][];
        this.actions = new float[capacity * actionDim];
        this.rewards = new float[capacity];
        this.terminated = new boolean[capacity];
        this.stepInEpisode = new int[capacity];
    }

    /** Begins a new episode whose first observation is {@code firstFrame} (copied, HWC RGB uint8). */
    public synchronized void startEpisode(byte[] firstFrame) {
        startEpisode(firstFrame, null);
    }

    /** Begins a new episode with its first frame and first state (ignored when the buffer keeps no states). */
    public synchronized void startEpisode(byte[] firstFrame, double[] firstState) {
        checkFrame(firstFrame);
        copyState(firstState, pendingStartState, 0);
        if (pendingStart == null) {
            pendingStart = new byte[frameLength];
        }
        System.arraycopy(firstFrame, 0, pendingStart, 0, frameLength);
        episodeOpen = true;
        episodeStep = 0;
    }

    /**
     * Stores one transition of the current episode: {@code action} taken in the previous frame gave {@code reward}
     * and led to {@code nextFrame}. {@code terminated} marks a true terminal state (no bootstrapping); after it,
     * {@link #startEpisode} must be called before adding more. Inputs are copied.
     */
    public synchronized void add(float[] action, float reward, boolean terminated, byte[] nextFrame) {
        add(action, reward, terminated, nextFrame, null);
    }

    /** {@link #add(float[], float, boolean, byte[])} with the state the step led to (ignored without states). */
    public synchronized void add(float[] action, float reward, boolean terminated, byte[] nextFrame,
                                 double[] nextState) {
        if (!episodeOpen) {
            throw new IllegalStateException(totalAdded == 0 && pendingStart == null
                    ? "startEpisode must be called before add"
                    : "episode already terminated; call startEpisode first");
        }
        if (action.length != actionDim) {
            throw new IllegalArgumentException("action length " + action.length + " != " + actionDim);
        }
        checkFrame(nextFrame);
        int slot = slot(totalAdded);
        if (nextFrames[slot] == null) {
            nextFrames[slot] = new byte[frameLength];
        }
        System.arraycopy(nextFrame, 0, nextFrames[slot], 0, frameLength);
        copyState(nextState, nextStates, slot * stateDim);
        if (episodeStep == 0) {
            System.arraycopy(pendingStartState, 0, startStates, slot * stateDim, stateDim);
            if (startFrames[slot] == null) {
                startFrames[slot] = new byte[frameLength];
            }
            System.arraycopy(pendingStart, 0, startFrames[slot], 0, frameLength);
        } else {
            startFrames[slot] = null;
        }
        System.arraycopy(action, 0, actions, slot * actionDim, actionDim);
        rewards[slot] = reward;
        this.terminated[slot] = terminated;
        stepInEpisode[slot] = episodeStep;
        episodeStep++;
        totalAdded++;
        if (terminated) {
            episodeOpen = false;
        }
    }

    /** Transitions currently stored. */
    public synchronized int size() {
        return (int) Math.min(totalAdded, capacity);
    }

    public int capacity() {
        return capacity;
    }

    public int actionDim() {
        return actionDim;
    }

    public int imageSize() {
        return imageSize;
    }

    /** Floats of state stored with each observation (0: the buffer keeps no states). */
    public int stateDim() {
        return stateDim;
    }

    private void copyState(double[] state, float[] to, int offset) {
        if (stateDim == 0) {
            return;
        }
        if (state == null || state.length != stateDim) {
            throw new IllegalArgumentException("state length " + (state == null ? "null" : state.length) + " != "
                    + stateDim);
        }
        for (int i = 0; i < stateDim; i++) {
            to[offset + i] = (float) state[i];
        }
    }

    /** Transitions added over the buffer's life, including overwritten ones. */
    public synchronized long totalAdded() {
        return totalAdded;
    }

    /** Steps added so far to the current episode (0 right after {@link #startEpisode}). */
    public synchronized int episodeStep() {
        return episodeStep;
    }

    /** True between {@link #startEpisode} and a terminated step. */
    public synchronized boolean episodeOpen() {
        return episodeOpen;
    }

    /** True when at least one valid sequence of {@code sequenceLength} steps is stored. */
    public synchronized boolean canSample(int sequenceLength) {
        return canSample(sequenceLength, false);
    }

    private boolean canSample(int sequenceLength, boolean padded) {
        checkLength(sequenceLength);
        if (totalAdded == 0) {
            return false;
        }
        if (isValidEnd(totalAdded - 1, sequenceLength, padded)) {
            return true;
        }
        return validEnds(sequenceLength, padded) > 0;
    }

    /** Number of valid sequence end points for {@code sequenceLength} (a full scan; for tests and displays). */
    public synchronized int countSequences(int sequenceLength) {
        checkLength(sequenceLength);
        return validEnds(sequenceLength, false);
    }

    /** Number of end points {@link #samplePadded} draws from: every stored step whose episode start is still stored. */
    public synchronized int countPaddedSequences(int sequenceLength) {
        checkLength(sequenceLength);
        return validEnds(sequenceLength, true);
    }

    /**
     * Fills the first {@code batchSize} sequences of {@code out} with sequences of {@code sequenceLength} steps drawn
     * uniformly (with replacement) over all valid end points. Allocates nothing once warmed up.
     *
     * @throws IllegalStateException if {@link #canSample} is false
     */
    public synchronized void sample(int batchSize, int sequenceLength, SplittableRandom rng, SequenceBatch out) {
        sample(batchSize, sequenceLength, rng, out, false);
    }

    /**
     * As {@link #sample}, but over every stored step as the end point, episode steps 0..L-2 included: the missing
     * history before the episode's start is padded as acting pads it (first frame repeated, zero actions, reward 0,
     * not-done 1), so the sequence's last L frames and L-1 actions are what the actor read at that step. Only the
     * padded steps are made up; the last transition is always a real one.
     */
    public synchronized void samplePadded(int batchSize, int sequenceLength, SplittableRandom rng,
                                          SequenceBatch out) {
        sample(batchSize, sequenceLength, rng, out, true);
    }

    private void sample(int batchSize, int sequenceLength, SplittableRandom rng, SequenceBatch out, boolean padded) {
        checkLength(sequenceLength);
        if (out.sequenceLength != sequenceLength || out.actionDim != actionDim || out.imageSize != imageSize
                || out.stateDim != 0 && out.stateDim != stateDim) {
            throw new IllegalArgumentException("batch shape (L=" + out.sequenceLength + ", A=" + out.actionDim
                    + ", S=" + out.imageSize + ") does not match request (L=" + sequenceLength + ", A=" + actionDim
                    + ", S=" + imageSize + ")");
        }
        if (batchSize <= 0 || batchSize > out.batchSize) {
            throw new IllegalArgumentException("batchSize " + batchSize + " not in 1.." + out.batchSize);
        }
        if (!canSample(sequenceLength, padded)) {
            throw new IllegalStateException("no valid sequence of " + sequenceLength + " steps stored");
        }
        for (int b = 0; b < batchSize; b++) {
            fill(out, b, drawEnd(sequenceLength, padded, rng), padded);
        }
    }

    /**
     * Fills sequence 0 of {@code out} with the last {@code out.sequenceLength} steps of the episode being collected.
     * Returns false (and leaves {@code out} alone) when that episode has fewer steps.
     */
    public synchronized boolean latest(SequenceBatch out) {
        int length = out.sequenceLength;
        checkLength(length);
        if (out.actionDim != actionDim || out.imageSize != imageSize) {
            throw new IllegalArgumentException("batch shape (A=" + out.actionDim + ", S=" + out.imageSize
                    + ") does not match the buffer (A=" + actionDim + ", S=" + imageSize + ")");
        }
        if (totalAdded == 0 || episodeStep < length || !isValidEnd(totalAdded - 1, length, false)) {
            return false;
        }
        fill(out, 0, totalAdded - 1, false);
        return true;
    }

    private long drawEnd(int length, boolean padded, SplittableRandom rng) {
        long oldest = oldest();
        long stored = totalAdded - oldest;
        for (int i = 0; i < REJECTION_TRIES; i++) {
            long g = oldest + rng.nextLong(stored);
            if (isValidEnd(g, length, padded)) {
                return g;
            }
        }
        int count = validEnds(length, padded);
        return oldest + validEnds[rng.nextInt(count)];
    }

    /**
     * Fills sequence b with the L steps ending at transition {@code end}. Padded, an end at episode step k < L-1 has
     * only k+1 real steps: the first L-1-k positions repeat the episode's first frame with zero actions, as
     * ActorHistory does at an episode's start.
     */
    private void fill(SequenceBatch out, int b, long end, boolean padded) {
        int length = out.sequenceLength;
        int real = padded ? Math.min(length, stepInEpisode[slot(end)] + 1) : length;
        int pad = length - real;
        long first = end - real + 1;
        int firstSlot = slot(first);
        boolean episodeStart = stepInEpisode[firstSlot] == 0;
        byte[] frame0 = episodeStart ? startFrames[firstSlot] : nextFrames[slot(first - 1)];
        int frameBase = b * (length + 1);
        boolean frames = out.withFrames;
        int sd = out.stateDim;
        if (frames) {
            Frames.toChw(frame0, imageSize, out.frames, frameBase * frameLength);
        }
        if (sd > 0) {
            System.arraycopy(episodeStart ? startStates : nextStates, (episodeStart ? firstSlot : slot(first - 1)) * sd,
                    out.states, frameBase * sd, sd);
        }
        for (int t = 0; t < pad; t++) {
            if (frames) {
                System.arraycopy(out.frames, frameBase * frameLength, out.frames, (frameBase + t + 1) * frameLength,
                        frameLength);
            }
            if (sd > 0) {
                System.arraycopy(out.states, frameBase * sd, out.states, (frameBase + t + 1) * sd, sd);
            }
            Arrays.fill(out.actions, (b * length + t) * actionDim, (b * length + t + 1) * actionDim, 0f);
            out.rewards[b * length + t] = 0f;
            out.notDone[b * length + t] = 1f;
        }
        for (int t = pad; t < length; t++) {
            int s = slot(first + t - pad);
            if (frames) {
                Frames.toChw(nextFrames[s], imageSize, out.frames, (frameBase + t + 1) * frameLength);
            }
            if (sd > 0) {
                System.arraycopy(nextStates, s * sd, out.states, (frameBase + t + 1) * sd, sd);
            }
            System.arraycopy(actions, s * actionDim, out.actions, (b * length + t) * actionDim, actionDim);
            out.rewards[b * length + t] = rewards[s];
            out.notDone[b * length + t] = terminated[s] ? 0f : 1f;
        }
    }

    private boolean isValidEnd(long end, int length, boolean padded) {
        int k = stepInEpisode[slot(end)];
        if (k < length - 1 && !padded) {
            return false;
        }
        // k < length: the sequence starts at (or is padded before) the episode start, whose first frame sits in the
        // slot of step 0.
        long firstNeeded = k >= length ? end - length : end - k;
        return firstNeeded >= oldest();
    }

    private int validEnds(int length, boolean padded) {
        if (validFor == totalAdded && validLength == length && validPadded == padded) {
            return validCount;
        }
        long oldest = oldest();
        int stored = size();
        if (validEnds == null) {
            validEnds = new int[capacity];
        }
        int n = 0;
        for (int i = 0; i < stored; i++) {
            if (isValidEnd(oldest + i, length, padded)) {
                validEnds[n++] = i;
            }
        }
        validCount = n;
        validFor = totalAdded;
        validLength = length;
        validPadded = padded;
        return n;
    }

    private long oldest() {
        return Math.max(0, totalAdded - capacity);
    }

    private int slot(long g) {
        return (int) (g % capacity);
    }

    private void checkFrame(byte[] frame) {
        if (frame.length != frameLength) {
            throw new IllegalArgumentException("frame length " + frame.length + " != " + frameLength);
        }
    }

    private static void checkLength(int sequenceLength) {
        if (sequenceLength <= 0) {
            throw new IllegalArgumentException("sequenceLength must be positive: " + sequenceLength);
        }
    }

    // ---------------------------------------------------------------- checkpoints

    /**
     * Writes the complete state (stored transitions, frames, the open episode and counters); the bulk is
     * Deflate-compressed (BEST_SPEED). Does not close {@code out}. Wrap file streams in a buffer for speed.
     */
    public synchronized void save(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(capacity);
        out.writeInt(actionDim);
        out.writeInt(imageSize);
        out.writeInt(stateDim);
        out.writeLong(totalAdded);
        DeflateBlocks.Writer blocks = new DeflateBlocks.Writer(out);
        DataOutputStream data = new DataOutputStream(blocks);
        data.writeBoolean(episodeOpen);
        data.writeInt(episodeStep);
        data.writeBoolean(pendingStart != null);
        if (pendingStart != null) {
            data.write(pendingStart);
        }
        for (int i = 0; i < stateDim; i++) {
            data.writeFloat(pendingStartState[i]);
        }
        for (long g = oldest(); g < totalAdded; g++) {
            int s = slot(g);
            data.writeInt(stepInEpisode[s]);
            data.writeFloat(rewards[s]);
            data.writeBoolean(terminated[s]);
            for (int k = 0; k < actionDim; k++) {
                data.writeFloat(actions[s * actionDim + k]);
            }
            data.write(nextFrames[s]);
            for (int i = 0; i < stateDim; i++) {
                data.writeFloat(nextStates[s * stateDim + i]);
            }
            boolean hasStart = stepInEpisode[s] == 0;
            data.writeBoolean(hasStart);
            if (hasStart) {
                data.write(startFrames[s]);
                for (int i = 0; i < stateDim; i++) {
                    data.writeFloat(startStates[s * stateDim + i]);
                }
            }
        }
        data.flush();
        blocks.close();
    }

    /** Decides whether a buffer being loaded keeps the states it stored (asked only when it stored some). */
    @FunctionalInterface
    public interface StatesOnLoad {
        /**
         * True: keep them; false: read past them, the loaded buffer keeps no states. May refuse the checkpoint.
         *
         * @param storedWidth   floats per stored state
         * @param earlierLayout the buffer was written before the states became the tasks' suite observations
         */
        boolean keep(int storedWidth, boolean earlierLayout) throws IOException;
    }

    /**
     * Reads a buffer written by {@link #save} (same capacity and shapes); continuing from it, including sampling with
     * the same random stream, behaves exactly like the saved buffer.
     */
    public static SequenceReplay load(DataInputStream in) throws IOException {
        return load(in, (width, earlier) -> true);
    }

    /**
     * {@link #load(DataInputStream)}, with {@code states} deciding whether the stored states are kept or dropped (e.g.
     * states of another width than the task's state has now, for an agent that never reads them).
     */
    public static SequenceReplay load(DataInputStream in, StatesOnLoad states) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a replay buffer checkpoint");
        }
        int version = in.readInt();
        if (version < 1 || version > VERSION) {
            throw new IOException("unsupported replay checkpoint version " + version);
        }
        int capacity = in.readInt();
        int actionDim = in.readInt();
        int imageSize = in.readInt();
        int stored = version >= 2 ? in.readInt() : 0;  // version 1 kept no states
        int stateDim = stored > 0 && states.keep(stored, version < FIRST_WITH_SUITE_STATES) ? stored : 0;
        long total = in.readLong();
        if (total < 0) {
            throw new IOException("corrupt replay checkpoint: totalAdded " + total);
        }
        SequenceReplay replay = new SequenceReplay(capacity, actionDim, imageSize, stateDim);
        replay.totalAdded = total;
        int frameLength = replay.frameLength;
        DeflateBlocks.Reader blocks = new DeflateBlocks.Reader(in);
        DataInputStream data = new DataInputStream(blocks);
        replay.episodeOpen = data.readBoolean();
        replay.episodeStep = data.readInt();
        if (data.readBoolean()) {
            replay.pendingStart = new byte[frameLength];
            data.readFully(replay.pendingStart);
        }
        readStates(data, stored, replay.pendingStartState, 0, stateDim);
        for (long g = replay.oldest(); g < total; g++) {
            int s = replay.slot(g);
            replay.stepInEpisode[s] = data.readInt();
            replay.rewards[s] = data.readFloat();
            replay.terminated[s] = data.readBoolean();
            for (int k = 0; k < actionDim; k++) {
                replay.actions[s * actionDim + k] = data.readFloat();
            }
            replay.nextFrames[s] = new byte[frameLength];
            data.readFully(replay.nextFrames[s]);
            readStates(data, stored, replay.nextStates, s * stateDim, stateDim);
            if (data.readBoolean()) {
                replay.startFrames[s] = new byte[frameLength];
                data.readFully(replay.startFrames[s]);
                readStates(data, stored, replay.startStates, s * stateDim, stateDim);
            }
        }
        blocks.close();
        return replay;
    }

    /** Reads one stored state of {@code stored} floats into {@code to} at {@code at}; past it if {@code kept} is 0. */
    private static void readStates(DataInputStream data, int stored, float[] to, int at, int kept) throws IOException {
        for (int i = 0; i < stored; i++) {
            float v = data.readFloat();
            if (kept > 0) {
                to[at + i] = v;
            }
        }
    }
}
