package slaclab.agent;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What an agent reads to choose one action: its history of frames and actions (pixel agents) or the current true
 * state (the state baseline).
 *
 * @param frames  [H, 3, 64, 64] the last H frames, oldest first, values in [0, 1]; null for a {@link Agent.Input#STATE}
 *                agent
 * @param actions (H - 1) * A actions between those frames, oldest first
 * @param state   the environment's current low-dimensional state ({@code Environment.state()}), or null if unknown
 */
public record ActorInput(INDArray frames, float[] actions, float[] state) {
}
