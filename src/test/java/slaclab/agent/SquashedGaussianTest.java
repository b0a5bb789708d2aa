package slaclab.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import slaclab.models.nn.Backend;
import slaclab.models.nn.Layers;

/**
 * The tanh log-determinant log(1 - tanh(u)^2) = 2 (log 2 - u - softplus(-2u)) at saturated pre-squash samples, in
 * float32 as the actor runs: with ND4J's softplus (log(1 + e^x)) it was infinite for u < -44.
 */
class SquashedGaussianTest {
    private static final int A = 4;

    @BeforeAll
    static void backend() {
        Backend.selectNativeBuild();
    }

    /** log(1 - tanh(u)^2) in double without cancellation. */
    private static double logOneMinusTanh2(double u) {
        double au = Math.abs(u);
        return 2 * (Math.log(2) - au - Math.log1p(Math.exp(-2 * au)));
    }

    /** A policy whose network outputs the constant [mean, logStd] (zero weights; the last bias is "head/b"). */
    private static SquashedGaussian.Policy constantPolicy(SameDiff g, float[] mean, float[] logStd) {
        Layers layers = new Layers(g);
        Layers.Dense l0 = new Layers.Dense(g.constant(Nd4j.zeros(DataType.FLOAT, 1, 1)),
                g.constant(Nd4j.zeros(DataType.FLOAT, 1)));
        Layers.Dense l1 = new Layers.Dense(g.constant(Nd4j.zeros(DataType.FLOAT, 1, 1)),
                g.constant(Nd4j.zeros(DataType.FLOAT, 1)));
        float[] bias = new float[2 * A];
        System.arraycopy(mean, 0, bias, 0, A);
        System.arraycopy(logStd, 0, bias, A, A);
        Layers.Dense out = new Layers.Dense(g.constant(Nd4j.zeros(DataType.FLOAT, 1, 2 * A)),
                g.var("head/b", Nd4j.createFromArray(bias)));
        SDVariable input = g.placeHolder("input", DataType.FLOAT, -1, 1);
        SDVariable eps = g.placeHolder("eps", DataType.FLOAT, -1, A);
        return SquashedGaussian.policy(layers, new Layers.Mlp(l0, l1, out), input, eps, A, LogStdBounds.CLIP);
    }

    @Test
    void logProbAndItsGradientAreFiniteAndExactAtSaturatedActions() {
        float[] mean = {-100, 100, 0.3f, -40};
        float[] logStd = {0, -1, 0.2f, 0.5f};
        float[] eps = {0.5f, -0.5f, 0.5f, -5f};   // u = -99.5, 99.8, 0.91, -48.2
        SameDiff g = SameDiff.create();
        SquashedGaussian.Policy p = constantPolicy(g, mean, logStd);
        p.logProb().rename("log_prob");
        p.logProb().sum().rename("loss");
        g.setLossVariables("loss");
        // two equal rows: ND4J 1.0.0-M2.1's strided_slice_bp mishandles column slices of a single row
        Map<String, INDArray> in = Map.of("input", Nd4j.zeros(DataType.FLOAT, 2, 1),
                "eps", Nd4j.createFromArray(new float[][]{eps, eps}));
        INDArray logProbs = g.output(in, "log_prob").get("log_prob");
        assertEquals(logProbs.getDouble(0), logProbs.getDouble(1), 0.0);
        double logProb = logProbs.getDouble(0);
        INDArray grad = g.calculateGradients(in, "head/b").get("head/b").div(2);  // the loss sums the two rows

        double ref = 0;
        for (int i = 0; i < A; i++) {
            double std = Math.exp(logStd[i]);
            double u = mean[i] + std * eps[i];
            ref += -0.5 * eps[i] * eps[i] - logStd[i] - 0.5 * Math.log(2 * Math.PI) - logOneMinusTanh2(u);
            // d log pi / d mean = -d log(1 - tanh^2 u) / du = 2 tanh u; d / d logStd adds -1 and the chain through u
            double dMean = 2 * Math.tanh(u);
            double dLogStd = -1 + dMean * std * eps[i];
            assertTrue(Double.isFinite(grad.getDouble(i)) && Double.isFinite(grad.getDouble(A + i)),
                    "finite gradient at u = " + u);
            assertEquals(dMean, grad.getDouble(i), 1e-5, "d log pi / d mean at u = " + u);
            assertEquals(dLogStd, grad.getDouble(A + i), 1e-4, "d log pi / d log std at u = " + u);
        }
        assertTrue(Double.isFinite(logProb), "log pi = " + logProb);
        assertEquals(ref, logProb, 1e-6 * Math.abs(ref), "log pi against the double-precision change of variables");
    }
}
