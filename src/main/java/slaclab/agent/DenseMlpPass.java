package slaclab.agent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import slaclab.models.nn.Layers;

import java.util.Map;

/**
 * One pass of a {@link Layers.Mlp} (two hidden layers, LeakyReLU or ReLU, linear output) through explicit matrix
 * products, keeping what its backward pass needs: the same values and gradients as the SameDiff graph of the
 * network, without its executor. Reads the network's current weights at each call, so loads and Adam steps show.
 * Its buffers are reused from call to call while the batch size stays the same (no fresh memory per update). One
 * forward pass may carry rows that train the network and rows for which it is frozen, stacked: one large matrix
 * product runs faster than two half-size ones ([512, 1024] x [1024, 1024]: 3.9 ms against 2 x 2.3-2.6 ms).
 * <p>
 * Shapes: x [B, in], hidden h0, h1 [B, H], out [B, out]; weights w [in, out], biases b [out].
 */
final class DenseMlpPass {
    private final Layers.Mlp net;
    /** LeakyReLU's slope below zero (0 for ReLU). */
    private final double negativeSlope;
    private final boolean weightGradients;
    private long batch = -1;
    private INDArray x, h0, slope0, h1, slope1, out, dh1, dh0, dx;
    private INDArray gw0, gb0, gw1, gb1, gw2, gb2;

    /**
     * @param weightGradients whether {@link #backward} gives the weights' gradients (a trained network) or only the
     *                        input's (the target critics)
     */
    DenseMlpPass(Layers.Mlp net, boolean weightGradients) {
        this.net = net;
        this.negativeSlope = net.activation() == Layers.Activation.RELU ? 0.0 : Layers.LEAKY_SLOPE;
        this.weightGradients = weightGradients;
    }

    /** out = f(f(x w0 + b0) w1 + b1) w2 + b2, f the activation [B, out]; the returned array is this pass's buffer. */
    INDArray forward(INDArray input) {
        long b = input.size(0);
        allocate(b);
        x = input;
        hidden(input, net.l0(), h0, slope0);
        hidden(h0, net.l1(), h1, slope1);
        Nd4j.gemm(h1, net.out().w().getArr(), out, false, false, 1.0, 0.0);
        out.addiRowVector(net.out().b().getArr());
        return out;
    }

    /** z = in w + b into {@code h}, then h = z * slope(z), the slope (1 above zero) kept for the backward pass. */
    private void hidden(INDArray in, Layers.Dense layer, INDArray h, INDArray slope) {
        Nd4j.gemm(in, layer.w().getArr(), h, false, false, 1.0, 0.0);
        h.addiRowVector(layer.b().getArr());
        Nd4j.getExecutioner().exec(new Step(h, slope, 0.0));
        if (negativeSlope != 0.0) {
            slope.muli(1.0 - negativeSlope).addi(negativeSlope);
        }
        h.muli(slope);
    }

    /**
     * Back-propagates dL/d out of the first {@code rows} rows of the last {@link #forward} ({@code dOut} [rows, out]):
     * puts the weights' gradients from its first {@code trainedRows} rows into {@code gradients} under the variables'
     * names (if this pass trains them; the other rows pass through a frozen copy, as the critics in the actor's
     * loss) and returns dL/dx [rows, in] if {@code inputGradient} (a buffer of this pass, overwritten by the next
     * call), else null.
     */
    INDArray backward(INDArray dOut, int rows, int trainedRows, boolean inputGradient, Map<String, INDArray> gradients) {
        boolean weights = weightGradients && trainedRows > 0;
        INDArray dh1 = rows(this.dh1, rows), dh0 = rows(this.dh0, rows);
        if (weights) {
            layerGradients(h1, dOut, trainedRows, gw2, gb2);
        }
        Nd4j.gemm(dOut, net.out().w().getArr(), dh1, false, true, 1.0, 0.0);
        dh1.muli(rows(slope1, rows));
        if (weights) {
            layerGradients(h0, dh1, trainedRows, gw1, gb1);
        }
        Nd4j.gemm(dh1, net.l1().w().getArr(), dh0, false, true, 1.0, 0.0);
        dh0.muli(rows(slope0, rows));
        if (weights) {
            layerGradients(x, dh0, trainedRows, gw0, gb0);
            put(gradients, net.l0(), gw0, gb0);
            put(gradients, net.l1(), gw1, gb1);
            put(gradients, net.out(), gw2, gb2);
        }
        if (!inputGradient) {
            return null;
        }
        INDArray dx = rows(this.dx, rows);
        Nd4j.gemm(dh0, net.l0().w().getArr(), dx, false, true, 1.0, 0.0);
        return dx;
    }

    /** A layer's dL/dw = in^T dz and dL/db = sum over rows of dz, from the first {@code trainedRows} rows. */
    private static void layerGradients(INDArray in, INDArray dz, int trainedRows, INDArray gw, INDArray gb) {
        INDArray dzTrained = rows(dz, trainedRows);
        Nd4j.gemm(rows(in, trainedRows), dzTrained, gw, true, false, 1.0, 0.0);
        dzTrained.sum(gb, 0);
    }

    /** The first {@code n} rows of {@code a} (itself if it has no more). */
    private static INDArray rows(INDArray a, long n) {
        return a.size(0) == n ? a : a.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
    }

    private static void put(Map<String, INDArray> gradients, Layers.Dense layer, INDArray gw, INDArray gb) {
        gradients.put(layer.w().name(), gw);
        gradients.put(layer.b().name(), gb);
    }

    private void allocate(long b) {
        if (b == batch) {
            return;
        }
        batch = b;
        long in = net.l0().w().getArr().size(0), hidden = net.l0().w().getArr().size(1);
        long outSize = net.out().w().getArr().size(1);
        h0 = buffer(b, hidden);
        slope0 = buffer(b, hidden);
        h1 = buffer(b, hidden);
        slope1 = buffer(b, hidden);
        out = buffer(b, outSize);
        dh1 = buffer(b, hidden);
        dh0 = buffer(b, hidden);
        dx = buffer(b, in);
        if (weightGradients && gw0 == null) {
            gw0 = buffer(in, hidden);
            gb0 = Nd4j.create(DataType.FLOAT, hidden);
            gw1 = buffer(hidden, hidden);
            gb1 = Nd4j.create(DataType.FLOAT, hidden);
            gw2 = buffer(hidden, outSize);
            gb2 = Nd4j.create(DataType.FLOAT, outSize);
        }
    }

    private static INDArray buffer(long rows, long cols) {
        return Nd4j.create(DataType.FLOAT, rows, cols);
    }
}
