package slaclab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
import slaclab.models.nn.Layers;
import slaclab.models.nn.ParamGroup;

/**
 * SameDiff's gradients of graphs built from {@link Layers}, {@link Gaussians} and {@link ConvNets#doubling} against
 * central finite differences in double precision. {@link Layers} creates FLOAT variables (and SameDiff's
 * convertDataTypes fails on these graphs in 1.0.0-M2.1), so the DOUBLE variables are made here with sd.var and
 * wrapped in the public layer records (Dense, Mlp, Conv): the forward code under test is the layers' own.
 */
class GradientCheckTest {
    private static final double H = 1e-6;

    @BeforeAll
    static void backend() {
        Backend.selectNativeBuild();
    }

    private static SDVariable dvar(SameDiff sd, String name, Random r, double scale, long... shape) {
        INDArray a = Nd4j.zeros(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, scale * r.nextGaussian());
        }
        return sd.var(name, a);
    }

    private static Layers.Dense ddense(SameDiff sd, String name, Random r, int in, int out) {
        return new Layers.Dense(dvar(sd, name + "/w", r, 1.0 / Math.sqrt(in), in, out),
                dvar(sd, name + "/b", r, 0.1, out));
    }

    private static double loss(SameDiff sd, Map<String, INDArray> ph) {
        return sd.output(ph, "loss").get("loss").getDouble(0);
    }

    /**
     * Compares analytic gradients of "loss" for every named variable with central differences at {@code samples}
     * random entries per variable (all entries if the array is smaller).
     */
    private static void checkGradients(SameDiff sd, Map<String, INDArray> ph, List<String> vars, int samples,
                                       double relTol, Random r) {
        Map<String, INDArray> grads = sd.calculateGradients(ph, vars);
        int checked = 0;
        for (String v : vars) {
            INDArray g = grads.get(v);
            assertNotNull(g, "no gradient for " + v);
            INDArray p = sd.getArrForVarName(v);
            assertEquals(DataType.DOUBLE, p.dataType(), v);
            assertArrayEquals(p.shape(), g.shape(), "gradient shape of " + v);
            long n = p.length();
            double gradNorm = g.norm2Number().doubleValue();
            assertTrue(gradNorm > 0, "gradient of " + v + " is identically zero");
            for (int s = 0; s < Math.min(samples, n); s++) {
                long i = n <= samples ? s : (long) (r.nextDouble() * n);
                double orig = p.getDouble(i);
                p.putScalar(i, orig + H);
                double up = loss(sd, ph);
                p.putScalar(i, orig - H);
                double down = loss(sd, ph);
                p.putScalar(i, orig);
                double fd = (up - down) / (2 * H);
                double an = g.getDouble(i);
                double tol = relTol * Math.max(Math.abs(fd), Math.max(1e-3, gradNorm / Math.sqrt(n)));
                assertEquals(fd, an, tol, v + "[" + i + "]: finite difference " + fd + " vs analytic " + an);
                checked++;
            }
        }
        assertTrue(checked >= vars.size());
    }

    @Test
    void mlpGaussianHeadKlAndNllGradientsMatchFiniteDifferences() {
        Random r = new Random(21);
        int n = 5, in = 4, hidden = 7, d = 3;
        SameDiff sd = SameDiff.create();
        Layers layers = new Layers(sd);
        Layers.Mlp mlp = new Layers.Mlp(ddense(sd, "m/0", r, in, hidden), ddense(sd, "m/1", r, hidden, hidden),
                ddense(sd, "m/2", r, hidden, 2 * d));
        SDVariable x = dvar(sd, "x", r, 1.0, n, in);
        SDVariable pm = sd.placeHolder("pm", DataType.DOUBLE, -1, d);
        SDVariable ps = sd.placeHolder("ps", DataType.DOUBLE, -1, d);
        SDVariable target = sd.placeHolder("target", DataType.DOUBLE, -1, d);
        SDVariable eps = sd.placeHolder("eps", DataType.DOUBLE, -1, d);
        Normal q = Gaussians.head(sd, mlp.apply(layers, x), d);
        SDVariable kl = Gaussians.kl(sd, q, new Normal(pm, ps)).mean();
        SDVariable kl0 = Gaussians.klStandard(sd, q).mean();
        SDVariable nll = Gaussians.nll(sd, target, q).sum();
        // a reparameterised sample through a fixed-std likelihood, as in the model's image term
        SDVariable fixed = Gaussians.nllFixedStd(sd, target, q.sample(eps), 0.7, 1).mean();
        kl.add(kl0.mul(0.5)).add(nll).add(fixed).rename("loss");
        sd.setLossVariables("loss");

        Map<String, INDArray> ph = new HashMap<>();
        ph.put("pm", Nd4j.randn(DataType.DOUBLE, n, d));
        ph.put("ps", Nd4j.rand(DataType.DOUBLE, n, d).addi(0.3));
        ph.put("target", Nd4j.randn(DataType.DOUBLE, n, d));
        ph.put("eps", Nd4j.randn(DataType.DOUBLE, n, d));
        List<String> vars = new ArrayList<>(List.of("m/0/w", "m/0/b", "m/1/w", "m/1/b", "m/2/w", "m/2/b", "x"));
        checkGradients(sd, ph, vars, 8, 1e-5, r);
    }

    @Test
    void convAndDoublingDeconvGradientsMatchFiniteDifferences() {
        Random r = new Random(22);
        SameDiff sd = SameDiff.create();
        Layers layers = new Layers(sd);
        // conv k3/s2/p1 2 -> 3 channels (8x8 -> 4x4), doubling k3 3 -> 2 (4 -> 8), doubling k5 2 -> 2 (8 -> 16)
        Layers.Conv c = new Layers.Conv(dvar(sd, "c/w", r, 0.3, 3, 3, 2, 3), dvar(sd, "c/b", r, 0.1, 3), 3, 2, 1);
        Layers.Conv d3 = new Layers.Conv(dvar(sd, "d3/w", r, 0.3, 3, 3, 2, 3), dvar(sd, "d3/b", r, 0.1, 2), 3, 2, 0);
        Layers.Conv d5 = new Layers.Conv(dvar(sd, "d5/w", r, 0.3, 5, 5, 2, 2), dvar(sd, "d5/b", r, 0.1, 2), 5, 2, 0);
        SDVariable x = dvar(sd, "x", r, 1.0, 2, 2, 8, 8);
        SDVariable h = layers.leaky(c.conv(sd, x));
        h = layers.leaky(nchwDoubling(sd, d3, h, 4));
        SDVariable out = nchwDoubling(sd, d5, h, 8);
        SDVariable target = sd.placeHolder("target", DataType.DOUBLE, -1, 2, 16, 16);
        Gaussians.nllFixedStd(sd, target, out, Math.sqrt(0.1), 1, 2, 3).mean().rename("loss");
        sd.setLossVariables("loss");
        Map<String, INDArray> ph = Map.of("target", Nd4j.rand(DataType.DOUBLE, 2, 2, 16, 16));
        assertArrayEquals(new long[]{2, 2, 16, 16}, sd.output(ph, out.name()).get(out.name()).shape());
        checkGradients(sd, ph, List.of("c/w", "c/b", "d3/w", "d3/b", "d5/w", "d5/b", "x"), 8, 1e-5, r);
    }

    /**
     * The encoder/decoder geometry of the model at small channel counts, with the FLOAT variables made by
     * {@link Layers} (the oneDNN kernels run for float) and again with DOUBLE copies of the same weights (ND4J's
     * generic kernels): the float gradients of the training session must agree with the double ones.
     */
    @Test
    void floatLayersGradientsAgreeWithDoublePrecision() {
        Random r = new Random(23);
        Map<String, INDArray> gradF, gradD;
        List<String> names = List.of("c/w", "c/b", "m/0/w", "m/2/w", "m/2/b", "d/w", "d/b", "e/w", "e/b");
        Map<String, INDArray> init = new HashMap<>();
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 2, 8, 8);
        INDArray target = Nd4j.rand(DataType.FLOAT, 3, 2, 8, 8);
        {
            SameDiff sd = SameDiff.create();
            Layers layers = new Layers(sd);
            ParamGroup g = new ParamGroup("g", 1e-3);
            Layers.Conv c = layers.conv(g, "c", 3, 2, 1, 2, 4);               // 8x8 -> 4x4
            Layers.Mlp m = layers.mlp(g, "m", 4 * 4 * 4, 2 * 4 * 4 * 4);
            Layers.Conv d = layers.deconvKernel(g, "d", 3, 2, 4, 3);          // 4x4 -> 8x8
            Layers.Conv e = layers.deconvKernel(g, "e", 5, 2, 3, 2);          // 8x8 -> 16x16
            for (String v : g.names()) {
                INDArray a = sd.getArrForVarName(v);
                if (v.endsWith("/b")) {
                    for (long i = 0; i < a.length(); i++) {
                        a.putScalar(i, 0.1 * r.nextGaussian());
                    }
                }
                init.put(v, a.dup());
            }
            SDVariable xv = sd.placeHolder("x", DataType.FLOAT, -1, 2, 8, 8);
            SDVariable tv = sd.placeHolder("t", DataType.FLOAT, -1, 2, 8, 8);
            buildConvMlpLoss(sd, layers, c, m, d, e, xv, tv);
            gradF = sd.calculateGradients(Map.of("x", x, "t", target), g.names());
        }
        {
            SameDiff sd = SameDiff.create();
            Layers layers = new Layers(sd);
            java.util.function.Function<String, SDVariable> v =
                    n -> sd.var(n, init.get(n).castTo(DataType.DOUBLE));
            Layers.Conv c = new Layers.Conv(v.apply("c/w"), v.apply("c/b"), 3, 2, 1);
            Layers.Mlp m = new Layers.Mlp(new Layers.Dense(v.apply("m/0/w"), v.apply("m/0/b")),
                    new Layers.Dense(v.apply("m/1/w"), v.apply("m/1/b")),
                    new Layers.Dense(v.apply("m/2/w"), v.apply("m/2/b")));
            Layers.Conv d = new Layers.Conv(v.apply("d/w"), v.apply("d/b"), 3, 2, 0);
            Layers.Conv e = new Layers.Conv(v.apply("e/w"), v.apply("e/b"), 5, 2, 0);
            SDVariable xv = sd.placeHolder("x", DataType.DOUBLE, -1, 2, 8, 8);
            SDVariable tv = sd.placeHolder("t", DataType.DOUBLE, -1, 2, 8, 8);
            buildConvMlpLoss(sd, layers, c, m, d, e, xv, tv);
            gradD = sd.calculateGradients(Map.of("x", x.castTo(DataType.DOUBLE), "t", target.castTo(DataType.DOUBLE)),
                    new ArrayList<>(init.keySet()));
        }
        for (String n : names) {
            INDArray gf = gradF.get(n).castTo(DataType.DOUBLE), gd = gradD.get(n);
            double rel = gf.sub(gd).norm2Number().doubleValue() / Math.max(1e-12, gd.norm2Number().doubleValue());
            assertTrue(gd.norm2Number().doubleValue() > 0, "zero double gradient for " + n);
            assertTrue(rel < 1e-3, n + ": float gradient differs from double by " + rel + " (relative)");
        }
    }

    /** conv -> MLP -> Gaussian head sample -> two doubling deconvs -> fixed-std NLL against t (cropped to 8x8). */
    private static void buildConvMlpLoss(SameDiff sd, Layers layers, Layers.Conv c, Layers.Mlp m, Layers.Conv d,
                                         Layers.Conv e, SDVariable x, SDVariable t) {
        SDVariable h = layers.leaky(c.conv(sd, x));                              // [N, 4, 4, 4]
        SDVariable flat = sd.reshape(h, -1, 64);
        Normal q = Gaussians.head(sd, m.apply(layers, flat), 64);
        SDVariable z = sd.reshape(q.mean().add(q.std().mul(0.5)), -1, 4, 4, 4);
        SDVariable up = layers.leaky(nchwDoubling(sd, d, z, 4));            // [N, 3, 8, 8]
        SDVariable img = nchwDoubling(sd, e, up, 8);                            // [N, 2, 16, 16]
        SDVariable crop = img.get(org.nd4j.autodiff.samediff.SDIndex.all(), org.nd4j.autodiff.samediff.SDIndex.all(),
                org.nd4j.autodiff.samediff.SDIndex.interval(4, 12), org.nd4j.autodiff.samediff.SDIndex.interval(4, 12));
        Gaussians.nllFixedStd(sd, t, crop, Math.sqrt(0.1), 1, 2, 3).mean()
                .add(Gaussians.klStandard(sd, q).mean()).rename("loss");
        sd.setLossVariables("loss");
    }

    /** {@link ConvNets#doubling} on NCHW activations: the NHWC path for k = 3, the NCHW-output path for k = 5. */
    private static SDVariable nchwDoubling(SameDiff sd, Layers.Conv conv, SDVariable x, int n) {
        SDVariable nhwc = sd.permute(x, 0, 2, 3, 1);
        return conv.k() == 5 ? slaclab.models.nn.SubPixel.doubling(sd, conv, nhwc, n, true)
                : sd.permute(ConvNets.doubling(sd, conv, nhwc, n), 0, 3, 1, 2);
    }

    @Test
    void frozenMlpGivesZeroWeightGradientButInputGradient() {
        SameDiff sd = SameDiff.create();
        Layers layers = new Layers(sd);
        ParamGroup g = new ParamGroup("g", 1e-3);
        Layers.Mlp mlp = layers.mlp(g, "m", 3, 2);
        INDArray x0 = Nd4j.randn(DataType.FLOAT, 4, 3);
        SDVariable xf = sd.var("xf", x0.dup());
        SDVariable xl = sd.var("xl", x0.dup());
        // frozen path on xf, live path on xl: the live path still trains the weights, the frozen one must not
        SDVariable frozen = sd.math().square(mlp.frozen(layers).apply(layers, xf)).sum();
        SDVariable live = sd.math().square(mlp.apply(layers, xl)).sum();
        frozen.rename("frozen_loss");
        live.rename("live_loss");

        sd.setLossVariables("frozen_loss");
        List<String> vars = new ArrayList<>(g.names());
        vars.add("xf");
        Map<String, INDArray> gf = sd.calculateGradients(Map.of(), vars);
        for (String v : g.names()) {
            INDArray grad = gf.get(v);
            assertTrue(grad == null || grad.amaxNumber().doubleValue() == 0.0,
                    "stop-gradient leaked into " + v + ": " + grad);
        }
        INDArray gxFrozen = gf.get("xf");
        assertNotNull(gxFrozen);
        assertTrue(gxFrozen.amaxNumber().doubleValue() > 0, "the input behind frozen weights still gets a gradient");

        // the frozen layer computes the same function, so its input gradient equals the live one's
        SameDiff sd2 = sd; // same graph, other loss
        sd2.setLossVariables("live_loss");
        List<String> vars2 = new ArrayList<>(g.names());
        vars2.add("xl");
        Map<String, INDArray> gl = sd2.calculateGradients(Map.of(), vars2);
        assertTrue(gl.get("xl").equalsWithEps(gxFrozen, 1e-5), "frozen and live input gradients differ");
        for (String v : g.names()) {
            assertTrue(gl.get(v).amaxNumber().doubleValue() > 0, "live path gives " + v + " a gradient");
        }
    }

    @Test
    void stopGradientBlocksOnlyItsOwnBranch() {
        SameDiff sd = SameDiff.create();
        Layers layers = new Layers(sd);
        SDVariable x = sd.var("x", Nd4j.createFromArray(1.5, -2.0, 0.5));
        // loss = sum(x^2 * stop(x)) -> d/dx = 2 x stop(x) = 2 x^2 (not 3 x^2)
        sd.math().square(x).mul(layers.stopGradient(x)).sum().rename("loss");
        sd.setLossVariables("loss");
        INDArray g = sd.calculateGradients(Map.of(), "x").get("x");
        assertArrayEquals(new double[]{2 * 1.5 * 1.5, 2 * 4.0, 2 * 0.25}, g.toDoubleVector(), 1e-12);
    }
}
