package slaclab.engine;

import org.junit.jupiter.api.Test;
import slaclab.models.LatentBlock;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The latent explorer's directions against the closed form, and where its sliders start. */
class LatentDirectionsTest {
    @Test
    void directionsAreTheCovariancesEigenvectorsPerPart() {
        // Part a (2 components): x = 3 u + 1 v along u = (1, 1)/sqrt 2, v = (1, -1)/sqrt 2; part b (1 component) std 2.
        Random r = new Random(5);
        List<float[]> samples = new ArrayList<>();
        double s = Math.sqrt(0.5);
        for (int i = 0; i < 20_000; i++) {
            double g = 3 * r.nextGaussian();
            double h = r.nextGaussian();
            samples.add(new float[] {(float) (s * (g + h)), (float) (s * (g - h)), (float) (2 * r.nextGaussian())});
        }
        List<LatentBlock> blocks = List.of(new LatentBlock("a", 0, 2), new LatentBlock("b", 2, 3));
        LatentDirections d = LatentDirections.of(samples, blocks, 2);

        assertEquals(3, d.directions().size(), "2 for part a, 1 for part b (it has 1 component)");
        LatentDirections.Direction first = d.directions().get(0);
        assertEquals("a PC1", first.label());
        assertEquals(3, first.std(), 0.06);
        assertEquals(1, Math.abs(first.vector()[0] + first.vector()[1]) * s, 1e-3, "along (1, 1)");
        assertEquals(1, d.directions().get(1).std(), 0.03);
        assertEquals(2, d.directions().get(2).std(), 0.04);
        assertEquals(2, d.directions().get(2).block().from());
    }

    @Test
    void slidersStartAtARealSampleNotTheMeanAndMoveInStandardDeviations() {
        // Two clusters (the cart seen left and right): their mean, 0, is no state the model inferred.
        List<float[]> samples = new ArrayList<>();
        Random r = new Random(1);
        for (int i = 0; i < 200; i++) {
            samples.add(new float[] {(i % 2 == 0 ? 1 : -1) + 0.01f * (float) r.nextGaussian()});
        }
        LatentDirections d = LatentDirections.of(samples, List.of(new LatentBlock("z", 0, 1)), 1);
        assertEquals(0, d.mean()[0], 0.01);
        float start = d.latentAt(new double[] {0})[0];
        assertEquals(1, Math.abs(start), 0.05, "the origin is one of the samples: " + start);
        assertEquals(true, samples.stream().anyMatch(x -> x[0] == start));
        double std = d.directions().get(0).std();
        float moved = d.latentAt(new double[] {2})[0];
        assertEquals(2 * std, Math.abs(moved - start), 1e-5);
        assertArrayEquals(d.origin(), d.latentAt(new double[] {0}));
    }
}
