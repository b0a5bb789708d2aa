package slaclab.agent;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import slaclab.models.SequenceData;
import slaclab.models.nn.Layers;
import slaclab.models.nn.ParamShapeException;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The paper's "SAC from state" baseline: SAC on the environment's true low-dimensional state (an oracle: it sees
 * velocities and positions that SLAC has to infer from pixels). Actor and twin critics are 2 x 256 MLPs (LeakyReLU
 * 0.2 like the rest of the lab, where rlkit's SAC uses ReLU). It learns from single transitions (sequences of one
 * step) and never reads a frame.
 */
public final class StateSacAgent extends SacBaseline {
    /**
     * The dense update keeps its buffers and drops only small arrays: a collection each time native memory grew at all
     * (slack 0) ran on about every second update at 2 x 1024 units; after 64 MB of growth it ran about once in 300.
     */
    private static final long OFF_HEAP_SLACK = 64L << 20;
    private final int stateDim;
    /** The update's losses and gradients without the graph's executor (the graph defines them; a test holds them equal). */
    private DenseSacStep dense;

    public StateSacAgent(AgentConfig config, int stateDim) {
        super(config, OFF_HEAP_SLACK);
        if (stateDim < 1) {
            throw new IllegalArgumentException("the state baseline needs the task's state vector (size " + stateDim + ")");
        }
        this.stateDim = stateDim;
        init();
    }

    DenseSacStep denseStep() {
        return dense;
    }

    public int stateDim() {
        return stateDim;
    }

    @Override
    protected SameDiff build() {
        SameDiff g = SameDiff.create();
        Layers layers = new Layers(g);
        SacHeads h = heads(layers, stateDim);
        dense = new DenseSacStep(h, config, stateDim);
        acting(layers, h, g.placeHolder("state", DataType.FLOAT, -1, stateDim));
        SDVariable s = g.placeHolder("obs", DataType.FLOAT, -1, stateDim);
        SDVariable next = g.placeHolder("next_obs", DataType.FLOAT, -1, stateDim);
        SDVariable act = g.placeHolder("act", DataType.FLOAT, -1, config.actionDim());
        SDVariable rew = g.placeHolder("rew", DataType.FLOAT, -1, 1);
        SDVariable notDone = g.placeHolder("mask", DataType.FLOAT, -1, 1);
        losses(layers, h, s, next, s, next, act, rew, notDone);
        return g;
    }

    /**
     * Reads a saved state baseline; {@link StateWidthException} when it was built for another state width (the
     * only shape a state baseline of the same task can differ in).
     */
    @Override
    public void load(DataInputStream in) throws IOException {
        try {
            super.load(in);
        } catch (ParamShapeException e) {
            throw new StateWidthException(savedWidth(e), stateDim, e);
        }
    }

    /** The saved state width from a mismatched input layer ([S + A, out] or [S, out]); -1 if it is not one. */
    private int savedWidth(ParamShapeException e) {
        long[] saved = e.saved(), expected = e.expected();
        boolean inputLayer = saved.length == 2 && expected.length == 2 && saved[1] == expected[1];
        long width = stateDim + saved[0] - expected[0];
        return inputLayer && width > 0 ? (int) width : -1;
    }

    @Override
    public Input input() {
        return Input.STATE;
    }

    @Override
    public int sequenceLength() {
        return 1;
    }

    /** Learns from the last transition of each sequence: states [B, T, S], actions [B, L, A]. */
    @Override
    public SacLosses updateActorCritic(SequenceData data, INDArray states) {
        return step(inputs(data, states), data.batchSize(), dense);
    }

    /**
     * The same update through SameDiff's executor on the graph that defines it: slower (see {@link DenseSacStep}),
     * kept for {@code bench}'s before-and-after and as the reference the tests hold the fast path to.
     */
    public SacLosses updateActorCriticOnGraph(SequenceData data, INDArray states) {
        return step(inputs(data, states), data.batchSize());
    }

    /** The graph's placeholders for the last transition of each sequence. */
    private Map<String, INDArray> inputs(SequenceData data, INDArray states) {
        if (states == null || states.size(2) != stateDim) {
            throw new IllegalArgumentException("the state baseline needs states [B, T, " + stateDim + "]");
        }
        long b = data.batchSize();
        int t = (int) states.size(1), l = data.steps();
        Map<String, INDArray> in = new HashMap<>();
        in.put("obs", states.get(NDArrayIndex.all(), NDArrayIndex.point(t - 2), NDArrayIndex.all()).dup().reshape(b, stateDim));
        in.put("next_obs", states.get(NDArrayIndex.all(), NDArrayIndex.point(t - 1), NDArrayIndex.all()).dup()
                .reshape(b, stateDim));
        in.put("act", data.actions().get(NDArrayIndex.all(), NDArrayIndex.point(l - 1), NDArrayIndex.all()).dup()
                .reshape(b, config.actionDim()));
        in.put("rew", data.rewards().get(NDArrayIndex.all(), NDArrayIndex.point(l - 1)).dup().reshape(b, 1));
        in.put("mask", data.notDone().get(NDArrayIndex.all(), NDArrayIndex.point(l - 1)).dup().reshape(b, 1));
        return in;
    }

    @Override
    public float[] act(ActorInput input, boolean mean) {
        float[] s = input.state();
        if (s == null || s.length != stateDim) {
            throw new IllegalArgumentException("the state baseline acts on a state of " + stateDim + " values");
        }
        INDArray eps = actionNoise();
        return dense.act(Nd4j.create(s, new long[]{1, stateDim}, DataType.FLOAT), mean ? eps.mul(0) : eps);
    }
}
