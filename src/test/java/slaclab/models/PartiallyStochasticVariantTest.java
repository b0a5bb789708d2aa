package slaclab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The partially stochastic model: stochastic z1, deterministic z2. */
class PartiallyStochasticVariantTest extends VariantTestBase {
    @Override
    String variant() {
        return LatentModels.PARTIALLY_STOCHASTIC;
    }

    @Override
    int expectedLatentDim() {
        return Z1 + Z2;
    }

    private static INDArray z1Part(INDArray z) {
        return z.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, Z1));
    }

    private static INDArray z2Part(INDArray z) {
        return z.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(Z1, Z1 + Z2));
    }

    @Test
    void distributionsHaveTheirShapes() {
        Map<String, INDArray> o = fresh.outputs(batch(8), "posterior_z1_mean", "posterior_z1_std", "prior_z1_mean",
                "prior_z1_std", "z1", "z2", "latents");
        assertArrayEquals(new long[]{B, T, Z1}, o.get("posterior_z1_mean").shape());
        assertArrayEquals(new long[]{B, T, Z1}, o.get("posterior_z1_std").shape());
        assertArrayEquals(new long[]{B, L, Z1}, o.get("prior_z1_mean").shape());
        assertArrayEquals(new long[]{B, L, Z1}, o.get("prior_z1_std").shape());
        assertTrue(o.get("prior_z1_std").minNumber().doubleValue() > 0);
        assertArrayEquals(new long[]{B, T, Z2}, o.get("z2").shape());
        assertTrue(maxDiff(o.get("z1"), o.get("posterior_z1_mean")) > 1e-3, "z1 is a sample");
        assertEquals(0.0, maxDiff(z2Part(o.get("latents")), o.get("z2")), 0.0, "z2 is the network's output");
    }

    @Test
    void z1IsSampledButTheZ2TransitionIsDeterministic() {
        Set<String> placeholders = new HashSet<>(fresh.graph().inputs());
        assertEquals(Set.of("x", "a", "r", "eps1", "prior_eps1", "step_prior_eps1", "step_z", "step_a", "step_x",
                "decode_z"), placeholders, "noise for z1 only");
        SequenceData d = batch(9);
        fresh.reseedNoise(1);
        INDArray a = fresh.posterior(d).latents();
        fresh.reseedNoise(2);
        INDArray b = fresh.posterior(d).latents();
        assertTrue(maxDiff(z1Part(a), z1Part(b)) > 1e-3, "z1 differs with the noise");
        // z2 moves only because the z1 it is computed from moved: with the same noise the whole state repeats
        assertTrue(maxDiff(z2Part(a), z2Part(b)) > 0, "z2 follows the sampled z1");
        fresh.reseedNoise(1);
        assertEquals(0.0, maxDiff(a, fresh.posterior(d).latents()), 0.0);
    }
}
