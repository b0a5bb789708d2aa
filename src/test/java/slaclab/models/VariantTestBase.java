package slaclab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import slaclab.models.nn.Backend;

/**
 * What every latent-model variant must do, at a small size (z1 8, z2 16, L 3, batch 4; SLAC's encoder and decoder):
 * shapes of posterior, encode and rollouts, a loss that is finite and falls on a fixed batch, checkpoints that restore
 * identical outputs, rollouts of another length. Subclasses name the variant and add its own checks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VariantTestBase {
    static final int B = 4;
    static final int A = 2;
    static final int L = 3;
    static final int T = L + 1;
    static final int Z1 = 8;
    static final int Z2 = 16;
    static final int F = 256;

    /** An untrained model (seed 3) for the tests that do not change parameters. */
    GraphLatentModel fresh;

    abstract String variant();

    /** The latent size the variant should report for the test config. */
    abstract int expectedLatentDim();

    static ModelConfig config(long seed) {
        return new ModelConfig(A, L, Z1, Z2, F, 0.1, 1e-3, seed);
    }

    GraphLatentModel create(long seed) {
        LatentModel m = LatentModels.create(variant(), config(seed));
        assertTrue(m instanceof GraphLatentModel, variant() + " is built on GraphLatentModel");
        return (GraphLatentModel) m;
    }

    @BeforeAll
    void build() {
        Backend.selectNativeBuild();
        fresh = create(3);
    }

    @AfterAll
    void close() {
        if (fresh != null) {
            fresh.close();
        }
    }

    static SequenceData batch(long seed) {
        return SlacLatentModelTest.batch(seed);
    }

    static void assertFinite(INDArray a, String what) {
        assertFalse(a.isNaN().any() || a.isInfinite().any(), what + " has non-finite values");
    }

    static double maxDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    /** Frames with some distribution per frame; each sequence's frames at other rows replaced by new random ones. */
    static SequenceData withOtherFramesAndActions(SequenceData d, int keepFrame, long seed) {
        Random r = new Random(seed);
        INDArray frames = d.frames().dup();
        int t = d.frameCount();
        for (int b = 0; b < d.batchSize(); b++) {
            for (int f = 0; f < t; f++) {
                if (f != keepFrame) {
                    frames.get(org.nd4j.linalg.indexing.NDArrayIndex.point((long) b * t + f)).assign(
                            Nd4j.rand(DataType.FLOAT, 3, 64, 64).muli(r.nextFloat()));
                }
            }
        }
        INDArray actions = Nd4j.rand(DataType.FLOAT, d.actions().shape()).muli(2).subi(1);
        return new SequenceData(frames, actions, d.rewards(), d.notDone());
    }

    @Test
    void registryBuildsThisVariantWithItsSizes() {
        assertEquals(variant(), fresh.variant());
        assertTrue(LatentModels.NAMES.contains(variant()));
        assertEquals(F, fresh.featureDim());
        assertEquals(expectedLatentDim(), fresh.latentDim());
        assertTrue(fresh.parameterCount() > 1_000_000, "encoder, decoder and heads: " + fresh.parameterCount());
    }

    @Test
    void shapesOfPosteriorEncodeAndRollouts() {
        SequenceData d = batch(3);
        Posterior p = fresh.posterior(d);
        assertArrayEquals(new long[]{B, T, F}, p.features().shape(), "features [B, T, F]");
        assertArrayEquals(new long[]{B, T, expectedLatentDim()}, p.latents().shape(), "latents [B, T, Z]");
        assertFinite(p.latents(), "latents");
        INDArray enc = fresh.encode(d.frames());
        assertArrayEquals(new long[]{B * T, F}, enc.shape());
        assertTrue(enc.equalsWithEps(p.features().reshape(B * T, F), 1e-5), "encode() agrees with the features");

        Rollouts r = fresh.rollouts(d);
        for (INDArray img : new INDArray[]{r.posterior(), r.prior(), r.conditionalPrior()}) {
            assertArrayEquals(new long[]{B * T, 3, 64, 64}, img.shape());
            assertFinite(img, "rollout images");
            assertTrue(img.amaxNumber().doubleValue() < 5, "rollout magnitude " + img.amaxNumber());
        }
        assertTrue(maxDiff(r.prior(), r.posterior()) > 0, "prior samples differ from the posterior");
        Map<String, INDArray> lat = fresh.outputs(d, "latents", "prior_latents", "cond_prior_latents");
        for (String n : lat.keySet()) {
            assertArrayEquals(new long[]{B, T, expectedLatentDim()}, lat.get(n).shape(), n);
        }
    }

    @Test
    void rolloutsOfAnotherLengthRunOnTheCurrentWeights() {
        int steps = 5, b = 2;
        INDArray frames = Nd4j.rand(DataType.FLOAT, b * (steps + 1), 3, 64, 64);
        INDArray act = Nd4j.rand(DataType.FLOAT, b, steps, A).muli(2).subi(1);
        SequenceData longer = new SequenceData(frames, act, Nd4j.zeros(DataType.FLOAT, b, steps),
                Nd4j.ones(DataType.FLOAT, b, steps));
        Rollouts out = fresh.rollouts(longer);
        for (INDArray img : new INDArray[]{out.posterior(), out.prior(), out.conditionalPrior()}) {
            assertArrayEquals(new long[]{b * (steps + 1), 3, 64, 64}, img.shape());
            assertFinite(img, "rollout images");
        }
    }

    @Test
    void lossIsFiniteAndFallsThenACheckpointRestoresIdenticalOutputs() throws IOException {
        SequenceData d = batch(5);
        try (GraphLatentModel m = create(1); GraphLatentModel other = create(2)) {
            List<LatentLosses> hist = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                LatentLosses l = m.update(d);
                assertTrue(Double.isFinite(l.total()), "update " + i + ": " + l);
                hist.add(l);
            }
            double first = hist.get(0).total();
            double last = (hist.get(27).total() + hist.get(28).total() + hist.get(29).total()) / 3;
            assertTrue(last < 0.6 * first, "loss did not fall: first " + first + ", last three " + last);
            assertTrue(hist.get(29).imageNll() < hist.get(0).imageNll(), "image NLL falls");
            assertEquals(30, m.params().iteration());

            byte[] bytes = SlacLatentModelTest.save(m);
            assertTrue(maxDiff(m.encode(d.frames()), other.encode(d.frames())) > 1e-4, "other seed, other weights");
            SlacLatentModelTest.load(other, bytes);
            assertEquals(0.0, maxDiff(m.encode(d.frames()), other.encode(d.frames())), 0.0, "encode() after load");
            m.reseedNoise(11);
            other.reseedNoise(11);
            Posterior pm = m.posterior(d), po = other.posterior(d);
            assertEquals(0.0, maxDiff(pm.latents(), po.latents()), 0.0, "posterior latents after load");
            Rollouts rm = m.rollouts(d), ro = other.rollouts(d);
            assertEquals(0.0, maxDiff(rm.prior(), ro.prior()), 0.0, "prior rollout after load");
            assertEquals(0.0, maxDiff(rm.conditionalPrior(), ro.conditionalPrior()), 0.0, "cond. prior after load");
            m.reseedNoise(12);
            other.reseedNoise(12);
            assertEquals(m.update(d), other.update(d), "the update after load (restored Adam moments)");
            assertArrayEquals(SlacLatentModelTest.save(m), SlacLatentModelTest.save(other));
        }
    }

    @Test
    void aCheckpointOfAnotherVariantIsRefused() throws IOException {
        // the start of another variant's checkpoint: the format mark, then its parameter group's name
        String other = variant().equals(LatentModels.SLAC) ? VaeLatentModel.NAME : LatentModels.SLAC;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeUTF(slaclab.models.nn.ParamGroup.FORMAT);
            out.writeUTF("latent-model:" + other);
            out.writeInt(0);
        }
        IOException e = assertThrows(IOException.class, () -> SlacLatentModelTest.load(fresh, bytes.toByteArray()));
        assertTrue(e.getMessage().contains(variant()), e.getMessage());
    }

    @Test
    void aCheckpointOfSlacLab01IsRefusedWithWhatToDo() throws IOException {
        // 0.1 wrote the parameter group's name first, with no format mark, and other decoder/encoder shapes
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeUTF("latent-model:" + variant());
            out.writeInt(0);
        }
        IOException e = assertThrows(IOException.class, () -> SlacLatentModelTest.load(fresh, bytes.toByteArray()));
        assertTrue(e.getMessage().contains("SLAC Lab 0.1") && e.getMessage().contains("start a new run"),
                e.getMessage());
    }

    @Test
    void everyParameterGetsAFiniteGradient() {
        var og = fresh.lossAndGradients(batch(10));
        for (String name : fresh.params().names()) {
            INDArray g = og.getGradients().get(name);
            assertNotNull(g, "no gradient for " + name);
            assertFinite(g, "gradient of " + name);
            assertTrue(g.amaxNumber().doubleValue() > 0, "zero gradient for " + name);
        }
    }

    /** Row {@code i} of every [B, T, d] draw: the draws of one step. */
    private static Map<String, INDArray> step(Map<String, INDArray> draws, int i) {
        Map<String, INDArray> out = new HashMap<>();
        draws.forEach((n, a) -> out.put(n, a.get(NDArrayIndex.all(), NDArrayIndex.point(i), NDArrayIndex.all()).dup()));
        return out;
    }

    @Test
    void imaginedFramesEqualTheConditionalPriorRolloutForTheSameActionsAndNoise() {
        SequenceData d = batch(21);
        Nd4j.getRandom().setSeed(21);
        Map<String, INDArray> draws = new HashMap<>();
        fresh.stepNoise().forEach((n, dim) -> draws.put(n, Nd4j.randn(DataType.FLOAT, B, T, dim)));
        Map<String, INDArray> roll = fresh.rolloutOutputs(d, draws, "cond_prior_latents", "cond_prior_images");
        INDArray latents = roll.get("cond_prior_latents");                               // [B, T, Z]
        INDArray images = roll.get("cond_prior_images").reshape(B, T, 3, 64, 64);
        INDArray firstFrames = d.frames().reshape(B, T, 3, 64, 64)
                .get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all(),
                        NDArrayIndex.all()).dup();

        INDArray z = fresh.conditionalStart(firstFrames, step(draws, 0));
        assertArrayEquals(new long[]{B, expectedLatentDim()}, z.shape());
        assertEquals(0.0, maxDiff(z, at(latents, 0)), 1e-4, "z_1 ~ q(z_1 | x_1)");
        assertEquals(0.0, maxDiff(fresh.decode(z), at(images, 0)), 1e-4, "decoded z_1");
        for (int i = 1; i < T; i++) {
            PriorStep s = fresh.priorStep(z, at(d.actions(), i - 1), step(draws, i));
            assertEquals(0.0, maxDiff(s.latent(), at(latents, i)), 1e-4, "latent of imagined step " + i);
            assertEquals(0.0, maxDiff(s.image(), at(images, i)), 1e-4, "frame of imagined step " + i);
            assertTrue(maxDiff(s.image(), at(images, i - 1)) > 1e-3, "step " + i + " changes the frame");
            z = s.latent();
        }
    }

    @Test
    void filteringOverTheFramesIsThePosteriorSampleAtTheLastFrame() {
        SequenceData d = batch(22);
        SequenceData one = new SequenceData(d.frames().get(NDArrayIndex.interval(0, T)).dup(),
                d.actions().get(NDArrayIndex.interval(0, 1)).dup(), d.rewards().get(NDArrayIndex.interval(0, 1)),
                d.notDone().get(NDArrayIndex.interval(0, 1)));
        fresh.reseedNoise(5);
        INDArray last = fresh.posterior(one).latents().get(NDArrayIndex.point(0), NDArrayIndex.point(T - 1));
        fresh.reseedNoise(5);
        INDArray z = fresh.filter(one.frames(), one.actions().reshape(L, A));
        assertArrayEquals(new long[]{1, expectedLatentDim()}, z.shape());
        assertEquals(0.0, maxDiff(z.reshape(-1), last.reshape(-1)), 1e-5);
        INDArray shorter = fresh.filter(one.frames().get(NDArrayIndex.interval(0, 2)).dup(),
                one.actions().reshape(L, A).get(NDArrayIndex.interval(0, 1)).dup());
        assertArrayEquals(new long[]{1, expectedLatentDim()}, shorter.shape(), "a window shorter than training's");
        assertArrayEquals(new long[]{1, expectedLatentDim()},
                fresh.filter(one.frames().get(NDArrayIndex.interval(0, 1)).dup(), Nd4j.zeros(DataType.FLOAT, 0, A))
                        .shape(), "one frame: q(z_1 | x_1)");
    }

    /** Element {@code i} along axis 1 of [B, n, ...]. */
    private static INDArray at(INDArray a, int i) {
        INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
        java.util.Arrays.fill(idx, NDArrayIndex.all());
        idx[1] = NDArrayIndex.point(i);
        return a.get(idx);
    }
}
