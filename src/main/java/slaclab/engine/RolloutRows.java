package slaclab.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import slaclab.agent.Agent;
import slaclab.engine.io.RolloutGrid;
import slaclab.environments.Environment;
import slaclab.models.Rollouts;
import slaclab.replay.SequenceBatch;

import java.util.ArrayList;
import java.util.List;

/** The four rows of a rollout figure for one sequence: truth, posterior, prior, conditional prior (Figure 9). */
final class RolloutRows {
    private RolloutRows() {
    }

    /** Rows of T = steps + 1 frames each (64x64x3 HWC uint8) for the first sequence of {@code sequence}. */
    static List<List<byte[]>> of(Agent agent, SequenceBatch sequence) {
        Rollouts r = agent.rollouts(Trainer.data(sequence, 1));
        int t = sequence.sequenceLength + 1;
        List<byte[]> truth = new ArrayList<>();
        for (int i = 0; i < t; i++) {
            truth.add(sequence.frameBytes(0, i));
        }
        return List.of(truth, decoded(r.posterior(), t), decoded(r.prior(), t), decoded(r.conditionalPrior(), t));
    }

    private static List<byte[]> decoded(INDArray images, int t) {
        float[] flat = images.dup().data().asFloat();
        int n = 3 * Environment.IMAGE_SIZE * Environment.IMAGE_SIZE;
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < t; i++) {
            out.add(RolloutGrid.toBytes(flat, i * n, Environment.IMAGE_SIZE));
        }
        return out;
    }
}
