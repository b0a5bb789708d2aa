package slaclab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import slaclab.models.nn.Backend;
import slaclab.models.nn.Gaussians;
import slaclab.models.nn.Gaussians.Normal;

/**
 * Gaussians' SameDiff expressions against closed forms evaluated in plain Java double precision. The graphs are fed
 * DOUBLE placeholders, so the comparison is at ~1e-12, not at float resolution.
 */
class GaussiansTest {
    private static final int N = 5;
    private static final int D = 7;
    private static final double TOL = 1e-10;

    @BeforeAll
    static void backend() {
        Backend.selectNativeBuild();
    }

    private static double[][] randomMatrix(Random r, int n, int d, double lo, double hi) {
        double[][] m = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                m[i][j] = lo + (hi - lo) * r.nextDouble();
            }
        }
        return m;
    }

    private static INDArray arr(double[][] m) {
        return Nd4j.createFromArray(m).castTo(DataType.DOUBLE);
    }

    private static SDVariable ph(SameDiff sd, String name, long... shape) {
        return sd.placeHolder(name, DataType.DOUBLE, shape);
    }

    /** Reference: sum_j log(sp/sq) + (sq^2 + (mq-mp)^2) / (2 sp^2) - 1/2. */
    private static double klRef(double[] mq, double[] sq, double[] mp, double[] sp) {
        double s = 0;
        for (int j = 0; j < mq.length; j++) {
            s += Math.log(sp[j] / sq[j]) + (sq[j] * sq[j] + (mq[j] - mp[j]) * (mq[j] - mp[j])) / (2 * sp[j] * sp[j])
                    - 0.5;
        }
        return s;
    }

    /** -log of the N(m, s^2) density at x, from the density itself (not from its logarithm's formula). */
    private static double nllRef(double x, double m, double s) {
        double density = Math.exp(-(x - m) * (x - m) / (2 * s * s)) / (s * Math.sqrt(2 * Math.PI));
        return -Math.log(density);
    }

    private static void assertClose(double expected, double actual, double relTol, String what) {
        double tol = relTol * Math.max(1.0, Math.abs(expected));
        assertEquals(expected, actual, tol, what);
    }

    @Test
    void klOfDiagonalGaussiansMatchesClosedForm() {
        Random r = new Random(11);
        double[][] mq = randomMatrix(r, N, D, -2, 2), mp = randomMatrix(r, N, D, -2, 2);
        double[][] sq = randomMatrix(r, N, D, 0.1, 3), sp = randomMatrix(r, N, D, 0.1, 3);
        SameDiff sd = SameDiff.create();
        Normal q = new Normal(ph(sd, "mq", -1, D), ph(sd, "sq", -1, D));
        Normal p = new Normal(ph(sd, "mp", -1, D), ph(sd, "sp", -1, D));
        Gaussians.kl(sd, q, p).rename("kl");
        Gaussians.kl(sd, q, q).rename("kl_self");
        Map<String, INDArray> in = new HashMap<>();
        in.put("mq", arr(mq));
        in.put("sq", arr(sq));
        in.put("mp", arr(mp));
        in.put("sp", arr(sp));
        Map<String, INDArray> out = sd.output(in, "kl", "kl_self");
        INDArray kl = out.get("kl");
        assertEquals(1, kl.rank(), "KL sums over the last axis: [N, d] -> [N]");
        assertEquals(N, kl.length());
        for (int i = 0; i < N; i++) {
            double ref = klRef(mq[i], sq[i], mp[i], sp[i]);
            assertClose(ref, kl.getDouble(i), TOL, "KL row " + i);
            assertTrue(kl.getDouble(i) >= 0, "KL must be non-negative, row " + i);
            assertEquals(0.0, out.get("kl_self").getDouble(i), 1e-12, "KL(q||q) row " + i);
        }
    }

    @Test
    void klIsAsymmetricAndNonNegativeOverManyDraws() {
        Random r = new Random(12);
        int n = 200;
        double[][] mq = randomMatrix(r, n, 3, -3, 3), mp = randomMatrix(r, n, 3, -3, 3);
        double[][] sq = randomMatrix(r, n, 3, 0.05, 4), sp = randomMatrix(r, n, 3, 0.05, 4);
        SameDiff sd = SameDiff.create();
        Normal q = new Normal(ph(sd, "mq", -1, 3), ph(sd, "sq", -1, 3));
        Normal p = new Normal(ph(sd, "mp", -1, 3), ph(sd, "sp", -1, 3));
        Gaussians.kl(sd, q, p).rename("qp");
        Gaussians.kl(sd, p, q).rename("pq");
        Map<String, INDArray> in = Map.of("mq", arr(mq), "sq", arr(sq), "mp", arr(mp), "sp", arr(sp));
        Map<String, INDArray> out = sd.output(in, "qp", "pq");
        for (int i = 0; i < n; i++) {
            assertTrue(out.get("qp").getDouble(i) >= 0, "KL(q||p) >= 0, row " + i);
            assertClose(klRef(mq[i], sq[i], mp[i], sp[i]), out.get("qp").getDouble(i), TOL, "KL(q||p) row " + i);
            // the arguments are not interchangeable: KL(p||q) is its own closed form
            assertClose(klRef(mp[i], sp[i], mq[i], sq[i]), out.get("pq").getDouble(i), TOL, "KL(p||q) row " + i);
        }
    }

    @Test
    void klStandardIsKlAgainstUnitGaussian() {
        Random r = new Random(13);
        double[][] m = randomMatrix(r, N, D, -2, 2);
        double[][] s = randomMatrix(r, N, D, 0.05, 3);
        SameDiff sd = SameDiff.create();
        Normal q = new Normal(ph(sd, "m", -1, D), ph(sd, "s", -1, D));
        Gaussians.klStandard(sd, q).rename("kl0");
        INDArray kl0 = sd.output(Map.of("m", arr(m), "s", arr(s)), "kl0").get("kl0");
        assertEquals(N, kl0.length());
        double[] zeros = new double[D], ones = new double[D];
        java.util.Arrays.fill(ones, 1.0);
        for (int i = 0; i < N; i++) {
            assertClose(klRef(m[i], s[i], zeros, ones), kl0.getDouble(i), TOL, "KL(q||N(0,I)) row " + i);
        }
        // KL(N(0, I) || N(0, I)) = 0
        SameDiff sd2 = SameDiff.create();
        Gaussians.klStandard(sd2, new Normal(ph(sd2, "m", -1, D), ph(sd2, "s", -1, D))).rename("kl0");
        INDArray self = sd2.output(Map.of("m", Nd4j.zeros(DataType.DOUBLE, 2, D),
                "s", Nd4j.ones(DataType.DOUBLE, 2, D)), "kl0").get("kl0");
        assertEquals(0.0, self.getDouble(0), 1e-15);
        assertEquals(0.0, self.getDouble(1), 1e-15);
    }

    @Test
    void nllIsNegativeLogDensityElementwise() {
        Random r = new Random(14);
        double[][] x = randomMatrix(r, N, D, -3, 3), m = randomMatrix(r, N, D, -1, 1);
        double[][] s = randomMatrix(r, N, D, 0.2, 2.5);
        SameDiff sd = SameDiff.create();
        Gaussians.nll(sd, ph(sd, "x", -1, D), new Normal(ph(sd, "m", -1, D), ph(sd, "s", -1, D))).rename("nll");
        INDArray nll = sd.output(Map.of("x", arr(x), "m", arr(m), "s", arr(s)), "nll").get("nll");
        assertEquals(N * D, nll.length(), "nll is elementwise");
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) {
                assertClose(nllRef(x[i][j], m[i][j], s[i][j]), nll.getDouble(i, j), 1e-9, "nll " + i + "," + j);
            }
        }
    }

    @Test
    void nllFixedStdSumsOverRequestedAxes() {
        Random r = new Random(15);
        int c = 3, h = 4;
        double std = Math.sqrt(0.1);
        double[][][] x = new double[N][c][h], m = new double[N][c][h];
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < c; k++) {
                for (int l = 0; l < h; l++) {
                    x[i][k][l] = r.nextDouble();
                    m[i][k][l] = r.nextGaussian() * 0.5;
                }
            }
        }
        SameDiff sd = SameDiff.create();
        SDVariable xv = sd.placeHolder("x", DataType.DOUBLE, -1, c, h);
        SDVariable mv = sd.placeHolder("m", DataType.DOUBLE, -1, c, h);
        Gaussians.nllFixedStd(sd, xv, mv, std, 1, 2).rename("nll");
        INDArray nll = sd.output(Map.of("x", Nd4j.createFromArray(x), "m", Nd4j.createFromArray(m)), "nll")
                .get("nll");
        assertEquals(N, nll.length(), "summed over all axes but the batch axis");
        for (int i = 0; i < N; i++) {
            double ref = 0;
            for (int k = 0; k < c; k++) {
                for (int l = 0; l < h; l++) {
                    ref += nllRef(x[i][k][l], m[i][k][l], std);
                }
            }
            assertClose(ref, nll.getDouble(i), 1e-9, "row " + i);
        }
    }

    @Test
    void headSplitsMeanAndSoftplusStd() {
        int d = 4;
        double[][] raw = {
                {0.3, -1.2, 2.0, 0.0, -0.5, 0.0, 1.5, -3.0},
                {5.0, 6.0, 7.0, 8.0, -30.0, 30.0, -60.0, 0.7},
                {-1.0, -2.0, -3.0, -4.0, 10.0, -10.0, 1e-3, -1e-3}};
        SameDiff sd = SameDiff.create();
        Normal n = Gaussians.head(sd, ph(sd, "raw", -1, 2 * d), d);
        n.mean().rename("mean");
        n.std().rename("std");
        SDVariable eps = ph(sd, "eps", -1, d);
        n.sample(eps).rename("sample");
        double[][] e = {{1, -1, 0.5, 2}, {0, 0, 0, 0}, {-2, 3, 1, -1}};
        Map<String, INDArray> out = sd.output(Map.of("raw", arr(raw), "eps", arr(e)), "mean", "std", "sample");
        for (int i = 0; i < raw.length; i++) {
            for (int j = 0; j < d; j++) {
                double pre = raw[i][d + j];
                double softplus = Math.max(pre, 0) + Math.log1p(Math.exp(-Math.abs(pre)));
                double std = softplus + 1e-5;
                assertEquals(raw[i][j], out.get("mean").getDouble(i, j), 0.0, "mean = first half");
                assertEquals(std, out.get("std").getDouble(i, j), 1e-12 * Math.max(1, std), "std " + i + "," + j);
                assertTrue(out.get("std").getDouble(i, j) >= 1e-5, "std never below 1e-5");
                assertEquals(raw[i][j] + std * e[i][j], out.get("sample").getDouble(i, j), 1e-12 * (1 + std),
                        "sample = mean + std * eps");
            }
        }
        // very negative pre-activations leave exactly the 1e-5 floor (up to softplus' e^-60)
        assertEquals(1e-5, out.get("std").getDouble(1, 2), 1e-15);
    }

    private static double softplusRef(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * In float32, as the networks run: ND4J's softplus, log(1 + e^x), is infinite above x ~ 88.7 and its gradient NaN.
     * The helper's value and autodiff gradient (sigmoid) are finite and right from -1000 to 1000.
     */
    @Test
    void softplusAndItsGradientAreFiniteAndExactAtExtremeInputsInFloat() {
        float[] xs = {-1000, -100, -30, -1, -1e-3f, 0, 1e-3f, 1, 30, 88, 89, 100, 1000};
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.createFromArray(new float[][]{xs}));
        Gaussians.softplus(sd, x).rename("sp").sum().rename("loss");
        sd.setLossVariables("loss");
        INDArray v = sd.output(Map.<String, INDArray>of(), "sp").get("sp");
        INDArray g = sd.calculateGradients(Map.<String, INDArray>of(), "x").get("x");
        assertEquals(DataType.FLOAT, v.dataType());
        for (int i = 0; i < xs.length; i++) {
            double value = v.getDouble(0, i), grad = g.getDouble(0, i);
            assertTrue(Double.isFinite(value) && Double.isFinite(grad), "softplus(" + xs[i] + ") = " + value
                    + ", gradient " + grad);
            assertTrue(value >= 0, "softplus(" + xs[i] + ") >= 0");
            assertClose(softplusRef(xs[i]), value, 1e-6, "softplus(" + xs[i] + ")");
            assertEquals(sigmoid(xs[i]), grad, 1e-6, "d softplus / dx = sigmoid(x) at " + xs[i]);
        }
        assertEquals(100.0, v.getDouble(0, 11), 0.0, "softplus(100) = 100");
        assertEquals(1000.0, v.getDouble(0, 12), 0.0, "softplus(1000) = 1000");
        assertTrue(v.getDouble(0, 1) <= 4e-44, "softplus(-100) ~ 3.7e-44 or 0: " + v.getDouble(0, 1));
        assertEquals(Math.log(2), v.getDouble(0, 5), 1e-7, "softplus(0) = log 2");
        assertEquals(0.5, g.getDouble(0, 5), 1e-7, "gradient at 0 is sigmoid(0) = 1/2");
        assertEquals(1.0, g.getDouble(0, 11), 1e-7, "gradient at 100 is 1");
        assertTrue(g.getDouble(0, 1) >= 0 && g.getDouble(0, 1) <= 4e-44, "gradient at -100 ~ 3.7e-44 or 0");
    }

    /**
     * Every std in the models comes from head: a pre-activation of 100 gives std 100, not infinity, in float32. Two
     * equal rows: ND4J 1.0.0-M2.1's strided_slice_bp misplaces or rejects the gradient of a column slice of one row.
     */
    @Test
    void headStdAndItsGradientStayFiniteForLargePreActivationsInFloat() {
        int d = 4;
        float[] pre = {-100, 0, 100, 200};
        float[] row = {1, 2, 3, 4, pre[0], pre[1], pre[2], pre[3]};
        float[][] raw = {row, row};
        SameDiff sd = SameDiff.create();
        Normal n = Gaussians.head(sd, sd.var("raw", Nd4j.createFromArray(raw)), d);
        n.std().rename("std").sum().rename("loss");
        sd.setLossVariables("loss");
        INDArray std = sd.output(Map.<String, INDArray>of(), "std").get("std");
        INDArray g = sd.calculateGradients(Map.<String, INDArray>of(), "raw").get("raw");
        for (int i = 0; i < raw.length; i++) {
            for (int j = 0; j < d; j++) {
                assertClose(softplusRef(pre[j]) + Gaussians.MIN_STD, std.getDouble(i, j), 1e-6, "std at " + pre[j]);
                assertEquals(0.0, g.getDouble(i, j), 0.0, "the mean half does not reach the std");
                assertEquals(sigmoid(pre[j]), g.getDouble(i, d + j), 1e-6, "d std / d pre at " + pre[j]);
            }
        }
    }
}
