package slaclab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The fully deterministic model: SLAC's architecture, means only. */
class DeterministicVariantTest extends VariantTestBase {
    @Override
    String variant() {
        return LatentModels.DETERMINISTIC;
    }

    @Override
    int expectedLatentDim() {
        return Z1 + Z2;
    }

    @Test
    void statesAndTheTransitionPredictionHaveTheirShapes() {
        Map<String, INDArray> o = fresh.outputs(batch(8), "posterior_z1", "prior_z1_mean", "prior_z1_std", "z1", "z2",
                "latents");
        assertArrayEquals(new long[]{B, T, Z1}, o.get("posterior_z1").shape());
        assertArrayEquals(new long[]{B, L, Z1}, o.get("prior_z1_mean").shape());
        assertArrayEquals(new long[]{B, L, Z1}, o.get("prior_z1_std").shape());
        assertEquals(1.0, o.get("prior_z1_std").minNumber().doubleValue(), 0.0, "unit std of the z1 prediction");
        assertEquals(1.0, o.get("prior_z1_std").maxNumber().doubleValue(), 0.0, "unit std of the z1 prediction");
        assertArrayEquals(new long[]{B, T, Z2}, o.get("z2").shape());
        INDArray z = o.get("latents");
        assertEquals(0.0, maxDiff(z.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, Z1)),
                o.get("posterior_z1")), 0.0, "z1 is the posterior network's output");
        assertEquals(0.0, maxDiff(z.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(Z1, Z1 + Z2)),
                o.get("z2")), 0.0);
    }

    @Test
    void thereIsNoNoiseInThePosteriorOrTheTransitions() {
        Set<String> placeholders = new HashSet<>(fresh.graph().inputs());
        assertEquals(Set.of("x", "a", "r", "prior_eps1", "step_prior_eps1", "step_z", "step_a", "step_x", "decode_z"),
                placeholders,
                "the only noise is p(z1_1) = N(0, I) of the prior rollout");
        SequenceData d = batch(9);
        fresh.reseedNoise(1);
        INDArray z1 = fresh.posterior(d).latents();
        Rollouts r1 = fresh.rollouts(d);
        fresh.reseedNoise(2);
        INDArray z2 = fresh.posterior(d).latents();
        Rollouts r2 = fresh.rollouts(d);
        assertEquals(0.0, maxDiff(z1, z2), 0.0, "other noise, same latents");
        assertEquals(0.0, maxDiff(r1.posterior(), r2.posterior()), 0.0);
        assertEquals(0.0, maxDiff(r1.conditionalPrior(), r2.conditionalPrior()), 0.0,
                "the conditional prior is a deterministic function of x_1 and the actions");
        assertTrue(maxDiff(r1.prior(), r2.prior()) > 0, "the prior row starts from z1_1 ~ N(0, I)");
        // and the gradients are reproducible without reseeding
        var g1 = fresh.lossAndGradients(d).getGradients();
        var g2 = fresh.lossAndGradients(d).getGradients();
        for (String n : List.of("prior_z1_next/2/w", "posterior_z1_next/0/w", "encoder/conv1/w")) {
            assertEquals(g1.get(n), g2.get(n), n);
        }
    }

    @Test
    void theLatentTermIsTheSquaredPredictionErrorAfterTheFirstStep() {
        SequenceData d = batch(10);
        Map<String, INDArray> o = fresh.outputs(d, "posterior_z1", "prior_z1_mean", "kl");
        INDArray post = o.get("posterior_z1").get(NDArrayIndex.all(), NDArrayIndex.interval(1, T), NDArrayIndex.all());
        INDArray diff = post.sub(o.get("prior_z1_mean"));
        double expected = diff.mul(diff).sumNumber().doubleValue() * 0.5 / B;
        assertEquals(expected, o.get("kl").getDouble(0), 1e-4 * Math.max(1, expected));
    }
}
