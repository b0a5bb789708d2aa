package slaclab.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import slaclab.replay.Frames;

import java.util.Arrays;

/**
 * What the actor reads while acting: the last H frames and the H - 1 actions between them. At an episode's start the
 * history is padded with copies of the first frame and zero actions (slac-details.md).
 */
final class ActorHistory {
    private final int frames;
    private final int actionDim;
    private final int size;
    private final float[][] chw;      // ring of CHW frames, oldest at head
    private final float[] actions;    // (H - 1) * A, oldest first
    private float[] state;            // the newest true state, for the state baseline
    private int head;

    ActorHistory(int frames, int actionDim, int imageSize) {
        this.frames = frames;
        this.actionDim = actionDim;
        this.size = imageSize;
        this.chw = new float[frames][3 * imageSize * imageSize];
        this.actions = new float[(frames - 1) * actionDim];
    }

    void reset(byte[] firstFrame, double[] firstState) {
        state = floats(firstState);
        for (float[] f : chw) {
            Frames.toChw(firstFrame, size, f, 0);
        }
        Arrays.fill(actions, 0f);
        head = 0;
    }

    /** Appends the action just taken and the frame it led to. */
    void push(float[] action, byte[] frame, double[] newState) {
        state = floats(newState);
        System.arraycopy(actions, actionDim, actions, 0, actions.length - actionDim);
        System.arraycopy(action, 0, actions, actions.length - actionDim, actionDim);
        Frames.toChw(frame, size, chw[head], 0);
        head = (head + 1) % frames;
    }

    /** The frames, oldest first, as [H, 3, S, S]. */
    INDArray frameArray() {
        int n = 3 * size * size;
        float[] flat = new float[frames * n];
        for (int i = 0; i < frames; i++) {
            System.arraycopy(chw[(head + i) % frames], 0, flat, i * n, n);
        }
        return Nd4j.create(flat, new long[]{frames, 3, size, size}, DataType.FLOAT);
    }

    float[] actions() {
        return actions.clone();
    }

    /** The current true state, or null if none was given. */
    float[] state() {
        return state == null ? null : state.clone();
    }

    private static float[] floats(double[] s) {
        if (s == null) {
            return null;
        }
        float[] out = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = (float) s[i];
        }
        return out;
    }
}
