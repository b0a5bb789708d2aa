package slaclab.models.nn;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An MLP's hidden activations are computed as x times a stop-gradient slope (vectorised ops) instead of ND4J's fused
 * leakyrelu / relu (scalar loops): a speed change, so the outputs and every gradient (weights, biases, input) must
 * equal the fused ops' on a fixed batch within float32 tolerance.
 */
class MlpActivationTest {
    private static final int N = 64, IN = 10, HIDDEN = 32, OUT = 3;

    @BeforeAll
    static void backend() {
        Backend.selectNativeBuild();
    }

    @Test
    void slopeTimesGivesTheFusedOpsValuesAndGradients() {
        for (Layers.Activation f : Layers.Activation.values()) {
            Map<String, INDArray> mine = run(f, false), fused = run(f, true);
            for (String k : fused.keySet()) {
                INDArray a = mine.get(k), b = fused.get(k);
                double scale = Math.max(1e-3, b.amaxNumber().doubleValue());
                double diff = a.sub(b).amaxNumber().doubleValue();
                assertTrue(diff <= 1e-6 * scale, f.name() + " " + k + ": differs by " + diff + " (scale " + scale + ")");
            }
            assertTrue(mine.get("x-grad").amaxNumber().doubleValue() > 0, "gradients reach the input");
        }
    }

    /** y and the gradients of sum(y * r) with respect to the input and every weight. */
    private static Map<String, INDArray> run(Layers.Activation f, boolean fusedOps) {
        Nd4j.getRandom().setSeed(42);
        SameDiff sd = SameDiff.create();
        Layers layers = new Layers(sd);
        SDVariable x = sd.var("x", Nd4j.randn(DataType.FLOAT, N, IN));
        ParamGroup g = new ParamGroup("g", 1e-3);
        Layers.Mlp mlp = layers.mlp(g, "m", IN, OUT, HIDDEN, f, Layers.Init.GLOROT);
        for (SDVariable v : g.variables()) {
            v.setArray(Nd4j.randn(DataType.FLOAT, v.getShape()).muli(0.5));   // biases too, so units sit either side of 0
        }
        SDVariable y;
        if (fusedOps) {
            SDVariable h = fused(sd, f, mlp.l0().apply(sd, x));
            h = fused(sd, f, mlp.l1().apply(sd, h));
            y = mlp.out().apply(sd, h);
        } else {
            y = mlp.apply(layers, x);
        }
        y.rename("y");
        SDVariable r = sd.constant(Nd4j.randn(DataType.FLOAT, N, OUT));
        y.mul(r).sum().rename("loss");
        sd.setLossVariables("loss");
        List<String> wrt = new java.util.ArrayList<>(g.names());
        wrt.add("x");
        Map<String, INDArray> grads = sd.calculateGradients(Map.of(), wrt);
        Map<String, INDArray> out = new java.util.HashMap<>();
        out.put("y", sd.output(Map.of(), "y").get("y"));
        grads.forEach((k, v) -> out.put(k + "-grad", v));
        return out;
    }

    private static SDVariable fused(SameDiff sd, Layers.Activation f, SDVariable x) {
        return f == Layers.Activation.RELU ? sd.nn().relu(x, 0.0) : sd.nn().leakyRelu(x, Layers.LEAKY_SLOPE);
    }
}
