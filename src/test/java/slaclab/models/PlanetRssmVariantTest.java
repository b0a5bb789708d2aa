package slaclab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import slaclab.models.nn.Gru;
import slaclab.models.nn.Layers;

/** PlaNet's RSSM: a GRU path h (200) and a stochastic state s (30); the GRU's gradients against finite differences. */
class PlanetRssmVariantTest extends VariantTestBase {
    private static final int H = PlanetRssmLatentModel.DETERMINISTIC;
    private static final int S = PlanetRssmLatentModel.STOCHASTIC;

    @Override
    String variant() {
        return LatentModels.PLANET_RSSM;
    }

    @Override
    int expectedLatentDim() {
        return H + S;
    }

    @Test
    void distributionsAndStatesHaveTheirShapes() {
        Map<String, INDArray> o = fresh.outputs(batch(8), "posterior_s_mean", "posterior_s_std", "prior_s_mean",
                "prior_s_std", "h", "latents");
        for (String n : List.of("posterior_s_mean", "posterior_s_std", "prior_s_mean", "prior_s_std")) {
            assertArrayEquals(new long[]{B, T, S}, o.get(n).shape(), n);
        }
        assertTrue(o.get("posterior_s_std").minNumber().doubleValue() >= PlanetRssmLatentModel.MIN_STD - 1e-6);
        assertTrue(o.get("prior_s_std").minNumber().doubleValue() >= PlanetRssmLatentModel.MIN_STD - 1e-6);
        assertArrayEquals(new long[]{B, T, H}, o.get("h").shape());
        INDArray z = o.get("latents");
        assertEquals(0.0, maxDiff(z.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, H)),
                o.get("h")), 0.0, "latents = [h, s]");
        // h_1 comes from the zero state: the same for every sequence
        INDArray h1 = o.get("h").get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all());
        assertEquals(0.0, maxDiff(h1.getRow(0), h1.getRow(1)), 0.0);
        // h_2 depends on the sampled s_1 and a_1: it differs between sequences
        INDArray h2 = o.get("h").get(NDArrayIndex.all(), NDArrayIndex.point(1), NDArrayIndex.all());
        assertTrue(maxDiff(h2.getRow(0), h2.getRow(1)) > 1e-5);
    }

    /** A Java reference of one GRU step on the double arrays of the cell. */
    private static INDArray referenceStep(INDArray x, INDArray h, INDArray wg, INDArray bg, INDArray wc,
                                          INDArray bc, int hidden) {
        INDArray gates = Nd4j.concat(1, x, h).mmul(wg).addRowVector(bg);
        gates = org.nd4j.linalg.ops.transforms.Transforms.sigmoid(gates, true);
        INDArray r = gates.get(NDArrayIndex.all(), NDArrayIndex.interval(0, hidden));
        INDArray u = gates.get(NDArrayIndex.all(), NDArrayIndex.interval(hidden, 2 * hidden));
        INDArray c = org.nd4j.linalg.ops.transforms.Transforms.tanh(
                Nd4j.concat(1, x, r.mul(h)).mmul(wc).addRowVector(bc), true);
        return u.mul(h).add(u.rsub(1.0).mul(c));
    }

    @Test
    void gruMatchesTheFormulaAndItsGradientsMatchFiniteDifferences() {
        Random rnd = new Random(31);
        int n = 3, in = 4, hidden = 5, steps = 3;
        SameDiff sd = SameDiff.create();
        java.util.function.BiFunction<String, long[], SDVariable> dvar = (name, shape) -> {
            INDArray a = Nd4j.zeros(DataType.DOUBLE, shape);
            for (long i = 0; i < a.length(); i++) {
                a.putScalar(i, 0.5 * rnd.nextGaussian());
            }
            return sd.var(name, a);
        };
        Gru gru = new Gru(new Layers.Dense(dvar.apply("g/w", new long[]{in + hidden, 2 * hidden}),
                dvar.apply("g/b", new long[]{2 * hidden})),
                new Layers.Dense(dvar.apply("c/w", new long[]{in + hidden, hidden}), dvar.apply("c/b", new long[]{hidden})),
                hidden);
        SDVariable h = dvar.apply("h0", new long[]{n, hidden});
        SDVariable[] xs = new SDVariable[steps];
        SDVariable first = null;
        for (int i = 0; i < steps; i++) {
            xs[i] = dvar.apply("x" + i, new long[]{n, in});
            h = gru.apply(sd, xs[i], h);
            if (i == 0) {
                first = sd.identity("h1", h);
            }
        }
        SDVariable target = sd.placeHolder("target", DataType.DOUBLE, -1, hidden);
        sd.math().square(h.sub(target)).sum().add(h.mul(first).sum()).rename("loss");
        sd.setLossVariables("loss");
        Map<String, INDArray> ph = Map.of("target", Nd4j.randn(DataType.DOUBLE, n, hidden));

        INDArray h1 = sd.output(ph, "h1").get("h1");
        INDArray ref = referenceStep(sd.getArrForVarName("x0"), sd.getArrForVarName("h0"), sd.getArrForVarName("g/w"),
                sd.getArrForVarName("g/b"), sd.getArrForVarName("c/w"), sd.getArrForVarName("c/b"), hidden);
        assertTrue(h1.equalsWithEps(ref, 1e-12), "one GRU step against the formula");

        List<String> vars = List.of("g/w", "g/b", "c/w", "c/b", "h0", "x0", "x2");
        Map<String, INDArray> grads = sd.calculateGradients(ph, vars);
        double eps = 1e-6;
        for (String v : vars) {
            INDArray g = grads.get(v);
            assertNotNull(g, v);
            INDArray p = sd.getArrForVarName(v);
            assertTrue(g.norm2Number().doubleValue() > 0, "zero gradient for " + v);
            for (int k = 0; k < Math.min(10, p.length()); k++) {
                long i = p.length() <= 10 ? k : (long) (rnd.nextDouble() * p.length());
                double orig = p.getDouble(i);
                p.putScalar(i, orig + eps);
                double up = sd.output(ph, "loss").get("loss").getDouble(0);
                p.putScalar(i, orig - eps);
                double down = sd.output(ph, "loss").get("loss").getDouble(0);
                p.putScalar(i, orig);
                double fd = (up - down) / (2 * eps);
                assertEquals(fd, g.getDouble(i), 1e-5 * Math.max(1, Math.abs(fd)), v + "[" + i + "]");
            }
        }
    }

    @Test
    void theConditionalPriorStartsFromThePosteriorAndThenFollowsThePrior() {
        fresh.reseedNoise(3);
        Map<String, INDArray> o = fresh.outputs(batch(12), "prior_latents", "cond_prior_latents");
        INDArray p = o.get("prior_latents"), c = o.get("cond_prior_latents");
        // h_1 is the same (zero initial state); s_1 differs (prior vs posterior), and so does everything after
        assertEquals(0.0, maxDiff(p.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.interval(0, H)),
                c.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.interval(0, H))), 0.0);
        assertTrue(maxDiff(p.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.interval(H, H + S)),
                c.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.interval(H, H + S))) > 1e-4);
        assertTrue(maxDiff(p.get(NDArrayIndex.all(), NDArrayIndex.point(T - 1), NDArrayIndex.interval(0, H)),
                c.get(NDArrayIndex.all(), NDArrayIndex.point(T - 1), NDArrayIndex.interval(0, H))) > 1e-6);
    }
}
