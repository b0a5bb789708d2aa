package slaclab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The simple filtering model: one stochastic layer of z2Dim components. */
class SimpleFilteringVariantTest extends VariantTestBase {
    @Override
    String variant() {
        return LatentModels.SIMPLE_FILTERING;
    }

    @Override
    int expectedLatentDim() {
        return Z2;
    }

    @Test
    void distributionsHaveTheirShapesAndTheLatentsAreSamples() {
        Map<String, INDArray> o = fresh.outputs(batch(8), "posterior_z_mean", "posterior_z_std", "prior_z_mean",
                "prior_z_std", "latents");
        assertArrayEquals(new long[]{B, T, Z2}, o.get("posterior_z_mean").shape());
        assertArrayEquals(new long[]{B, T, Z2}, o.get("posterior_z_std").shape());
        assertArrayEquals(new long[]{B, L, Z2}, o.get("prior_z_mean").shape());
        assertArrayEquals(new long[]{B, L, Z2}, o.get("prior_z_std").shape());
        assertTrue(o.get("posterior_z_std").minNumber().doubleValue() > 0, "positive std");
        assertTrue(maxDiff(o.get("latents"), o.get("posterior_z_mean")) > 1e-3, "latents are samples, not means");
        // a second call draws new noise
        INDArray again = fresh.posterior(batch(8)).latents();
        assertTrue(maxDiff(again, o.get("latents")) > 1e-3, "fresh noise on every call");
    }
}
