package slaclab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The non-sequential VAE: each frame's latent depends on that frame only. */
class VaeVariantTest extends VariantTestBase {
    @Override
    String variant() {
        return LatentModels.VAE;
    }

    @Override
    int expectedLatentDim() {
        return Z2;
    }

    private static INDArray frame(INDArray z, int t) {
        return z.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all());
    }

    @Test
    void distributionsHaveTheirShapes() {
        Map<String, INDArray> o = fresh.outputs(batch(8), "posterior_z_mean", "posterior_z_std", "latents");
        assertArrayEquals(new long[]{B, T, Z2}, o.get("posterior_z_mean").shape());
        assertArrayEquals(new long[]{B, T, Z2}, o.get("posterior_z_std").shape());
        assertTrue(o.get("posterior_z_std").minNumber().doubleValue() > 0);
        assertTrue(maxDiff(o.get("latents"), o.get("posterior_z_mean")) > 1e-3, "latents are samples");
    }

    @Test
    void aFramesLatentIgnoresTheOtherFramesAndTheActions() {
        SequenceData d = batch(11);
        for (int keep : new int[]{0, 2}) {
            SequenceData other = withOtherFramesAndActions(d, keep, 40 + keep);
            fresh.reseedNoise(5);
            Map<String, INDArray> a = fresh.outputs(d, "posterior_z_mean", "latents");
            fresh.reseedNoise(5);
            Map<String, INDArray> b = fresh.outputs(other, "posterior_z_mean", "latents");
            assertTrue(frame(a.get("posterior_z_mean"), keep).equalsWithEps(frame(b.get("posterior_z_mean"), keep), 1e-5),
                    "the mean of frame " + keep + " moved with the other frames or the actions");
            assertTrue(frame(a.get("latents"), keep).equalsWithEps(frame(b.get("latents"), keep), 1e-5),
                    "same noise, same latent for frame " + keep);
            int moved = keep == 0 ? 1 : 0;
            assertTrue(maxDiff(frame(a.get("posterior_z_mean"), moved), frame(b.get("posterior_z_mean"), moved)) > 1e-4,
                    "a changed frame has another latent");
        }
        // the same frame in another position of another sequence: the same mean
        INDArray enc = fresh.outputs(d, "posterior_z_mean").get("posterior_z_mean");
        INDArray swappedFrames = d.frames().dup();
        swappedFrames.get(NDArrayIndex.point(0)).assign(d.frames().get(NDArrayIndex.point(T + 3)));
        INDArray moved = fresh.outputs(new SequenceData(swappedFrames, d.actions(), d.rewards(), d.notDone()),
                "posterior_z_mean").get("posterior_z_mean");
        assertTrue(enc.get(NDArrayIndex.point(1), NDArrayIndex.point(3), NDArrayIndex.all()).equalsWithEps(
                moved.get(NDArrayIndex.point(0), NDArrayIndex.point(0), NDArrayIndex.all()), 1e-5), "frame (1, 3) moved to (0, 0) keeps its latent mean");
    }

    @Test
    void rolloutsFollowTheNonSequentialPrior() {
        fresh.reseedNoise(6);
        Map<String, INDArray> o = fresh.outputs(batch(12), "prior_latents", "cond_prior_latents");
        INDArray p = o.get("prior_latents"), c = o.get("cond_prior_latents");
        assertEquals(0.0, maxDiff(p.get(NDArrayIndex.all(), NDArrayIndex.interval(1, T), NDArrayIndex.all()),
                c.get(NDArrayIndex.all(), NDArrayIndex.interval(1, T), NDArrayIndex.all())), 0.0,
                "after the first frame both rows are independent N(0, I) draws");
        assertTrue(maxDiff(frame(p, 0), frame(c, 0)) > 1e-3, "the conditional prior starts from q(z_1 | x_1)");
    }
}
