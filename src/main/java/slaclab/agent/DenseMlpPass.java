package slaclab.agent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import slaclab.models.nn.Layers;

import java.util.Map;

/**
 * One pass of a {@link Layers.Mlp} (two hidden layers, LeakyReLU or ReLU, linear output) through explicit matrix
 * products, keeping what its backward pass needs: the same values and gradients as the SameDiff graph of the
 * network, without its executor. Reads the network's current weights at each call, so loads and Adam steps show.
 * Its buffers are reused from call to call while the batch size stays the same (no fresh memory per update).
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
     *                        input's (a frozen one, as the critics are in the actor's loss)
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
     * Back-propagates dL/d out [B, out] of the last {@link #forward}: puts the weights' gradients into
     * {@code gradients} under the variables' names (if this pass trains them) and returns dL/dx [B, in] (a buffer of
     * this pass, overwritten by the next call).
     */
    INDArray backward(INDArray dOut, Map<String, INDArray> gradients) {
        if (weightGradients) {
            Nd4j.gemm(h1, dOut, gw2, true, false, 1.0, 0.0);
            dOut.sum(gb2, 0);
        }
        Nd4j.gemm(dOut, net.out().w().getArr(), dh1, false, true, 1.0, 0.0);
        dh1.muli(slope1);
        if (weightGradients) {
            Nd4j.gemm(h0, dh1, gw1, true, false, 1.0, 0.0);
            dh1.sum(gb1, 0);
        }
        Nd4j.gemm(dh1, net.l1().w().getArr(), dh0, false, true, 1.0, 0.0);
        dh0.muli(slope0);
        if (weightGradients) {
            Nd4j.gemm(x, dh0, gw0, true, false, 1.0, 0.0);
            dh0.sum(gb0, 0);
            put(gradients, net.l0(), gw0, gb0);
            put(gradients, net.l1(), gw1, gb1);
            put(gradients, net.out(), gw2, gb2);
        }
        Nd4j.gemm(dh0, net.l0().w().getArr(), dx, false, true, 1.0, 0.0);
        return dx;
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
