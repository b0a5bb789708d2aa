package slaclab.models;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch of replay sequences as ND4J arrays: B sequences of L steps, T = L + 1 frames.
 *
 * @param frames  [B*T, 3, 64, 64], frame t of sequence b at row b*T + t, values in [0, 1]
 * @param actions [B, L, A], action t leads from frame t to frame t+1
 * @param rewards [B, L], reward of that transition
 * @param notDone [B, L], 0 where the transition ended in a terminal state
 */
public record SequenceData(INDArray frames, INDArray actions, INDArray rewards, INDArray notDone) {
    public int batchSize() {
        return (int) actions.size(0);
    }

    public int steps() {
        return (int) actions.size(1);
    }

    public int frameCount() {
        return steps() + 1;
    }
}
