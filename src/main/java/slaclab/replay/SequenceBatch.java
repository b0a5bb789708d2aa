package slaclab.replay;

/**
 * A preallocated batch of equal-length sequences, filled in place by {@link SequenceReplay#sample}.
 *
 * <p>Layout (all row-major, B = batch size, L = sequence length, A = action dim, S = image size):
 * <ul>
 *   <li>{@code frames}: B*(L+1) images of 3*S*S floats in NCHW order, frame index {@code b*(L+1)+t},
 *       values = stored byte / 255f;</li>
 *   <li>{@code actions}: B*L*A, index {@code (b*L+t)*A+k}; action t led from frame t to frame t+1;</li>
 *   <li>{@code rewards}: B*L, reward of the transition from frame t to frame t+1;</li>
 *   <li>{@code notDone}: B*L, 0 when frame t+1 is a true terminal state, else 1;</li>
 *   <li>{@code states}: B*(L+1)*D true states (D = stateDim, 0 when not wanted), index {@code (b*(L+1)+t)*D+k}.</li>
 * </ul>
 * A batch made without frames ({@code withFrames} false) has an empty {@code frames} array and is filled faster.
 */
public final class SequenceBatch {
    public final int batchSize;
    public final int sequenceLength;
    public final int actionDim;
    public final int imageSize;
    public final float[] frames;
    public final float[] actions;
    public final float[] rewards;
    public final float[] notDone;
    public final int stateDim;
    public final boolean withFrames;
    public final float[] states;

    public SequenceBatch(int batchSize, int sequenceLength, int actionDim, int imageSize) {
        this(batchSize, sequenceLength, actionDim, imageSize, 0, true);
    }

    /** A batch that also receives {@code stateDim} state floats per observation, with or without the frames. */
    public SequenceBatch(int batchSize, int sequenceLength, int actionDim, int imageSize, int stateDim,
                         boolean withFrames) {
        if (batchSize <= 0 || sequenceLength <= 0 || actionDim <= 0 || imageSize <= 0 || stateDim < 0) {
            throw new IllegalArgumentException("all dimensions must be positive");
        }
        this.stateDim = stateDim;
        this.withFrames = withFrames;
        this.states = new float[batchSize * (sequenceLength + 1) * stateDim];
        this.batchSize = batchSize;
        this.sequenceLength = sequenceLength;
        this.actionDim = actionDim;
        this.imageSize = imageSize;
        long frameFloats = (long) batchSize * (sequenceLength + 1) * 3L * imageSize * imageSize;
        if (frameFloats > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("batch too large for one float array: " + frameFloats);
        }
        this.frames = new float[withFrames ? (int) frameFloats : 0];
        this.actions = new float[batchSize * sequenceLength * actionDim];
        this.rewards = new float[batchSize * sequenceLength];
        this.notDone = new float[batchSize * sequenceLength];
    }

    /** Number of frames per sequence, L + 1. */
    public int framesPerSequence() {
        return sequenceLength + 1;
    }

    /** Floats per image, 3*S*S. */
    public int frameFloats() {
        return 3 * imageSize * imageSize;
    }

    /** Offset into {@link #frames} of frame t of sequence b. */
    public int frameOffset(int b, int t) {
        checkFrame(b, t);
        return (b * (sequenceLength + 1) + t) * frameFloats();
    }

    /**
     * The uint8 HWC RGB image of frame t of sequence b, as stored in the replay (a new array).
     * Recovered exactly from the float values, so it stays valid after the replay overwrites slots.
     */
    public byte[] frameBytes(int b, int t) {
        int off = frameOffset(b, t);
        int plane = imageSize * imageSize;
        byte[] out = new byte[3 * plane];
        for (int p = 0, o = 0; p < plane; p++, o += 3) {
            out[o] = (byte) Math.round(frames[off + p] * 255f);
            out[o + 1] = (byte) Math.round(frames[off + plane + p] * 255f);
            out[o + 2] = (byte) Math.round(frames[off + 2 * plane + p] * 255f);
        }
        return out;
    }

    private void checkFrame(int b, int t) {
        if (b < 0 || b >= batchSize || t < 0 || t > sequenceLength) {
            throw new IndexOutOfBoundsException("sequence " + b + ", frame " + t);
        }
    }
}
