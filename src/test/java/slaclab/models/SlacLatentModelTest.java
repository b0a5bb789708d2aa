package slaclab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import slaclab.models.nn.Backend;
import slaclab.models.nn.Noise;

/**
 * SlacLatentModel at a small size (z1 8, z2 16, L 3, batch 4; the encoder's 256 features as in the paper):
 * shapes, inference outputs against the training-session evaluation of the same graph, learning on a fixed batch,
 * seeding, and checkpoints.
 */
class SlacLatentModelTest {
    private static final int B = 4;
    private static final int A = 2;
    private static final int L = 3;
    private static final int T = L + 1;
    private static final int Z1 = 8;
    private static final int Z2 = 16;
    private static final int F = 256;

    /** An untrained model (seed 1) for the tests that do not change parameters. */
    private static SlacLatentModel fresh;

    @BeforeAll
    static void build() {
        Backend.selectNativeBuild();
        fresh = new SlacLatentModel(config(1));
    }

    @AfterAll
    static void close() {
        fresh.close();
    }

    static ModelConfig config(long seed) {
        return new ModelConfig(A, L, Z1, Z2, F, 0.1, 1e-3, seed);
    }

    /** Frames with some structure (a coloured background and a bright square per frame), actions and rewards. */
    static SequenceData batch(long seed) {
        Random r = new Random(seed);
        float[] px = new float[B * T * 3 * 64 * 64];
        for (int f = 0; f < B * T; f++) {
            float[] bg = {0.2f + 0.3f * r.nextFloat(), 0.2f + 0.3f * r.nextFloat(), 0.2f + 0.3f * r.nextFloat()};
            int sy = r.nextInt(48), sx = r.nextInt(48);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 64; y++) {
                    for (int x = 0; x < 64; x++) {
                        boolean sq = y >= sy && y < sy + 16 && x >= sx && x < sx + 16;
                        px[((f * 3 + c) * 64 + y) * 64 + x] = sq ? 0.9f : bg[c] + 0.05f * r.nextFloat();
                    }
                }
            }
        }
        INDArray frames = Nd4j.create(px, new long[]{B * T, 3, 64, 64});
        float[] act = new float[B * L * A];
        for (int i = 0; i < act.length; i++) {
            act[i] = 2 * r.nextFloat() - 1;
        }
        float[] rew = new float[B * L];
        for (int i = 0; i < rew.length; i++) {
            rew[i] = r.nextFloat();
        }
        return new SequenceData(frames, Nd4j.create(act, new long[]{B, L, A}), Nd4j.create(rew, new long[]{B, L}),
                Nd4j.ones(DataType.FLOAT, B, L));
    }

    static byte[] save(LatentModel m) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            m.save(out);
        }
        return bytes.toByteArray();
    }

    static void load(LatentModel m, byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            m.load(in);
        }
    }

    static Map<String, INDArray> paramCopies(SlacLatentModel m) {
        Map<String, INDArray> out = new HashMap<>();
        for (SDVariable v : m.params().variables()) {
            out.put(v.name(), v.getArr().dup());
        }
        return out;
    }

    static void assertFiniteArray(INDArray a, String what) {
        assertFalse(a.isNaN().any() || a.isInfinite().any(), what + " has non-finite values");
    }

    @Test
    void rolloutsOfAnotherLengthRunOnTheCurrentWeights() {
        int steps = 7, b = 2;
        Random r = new Random(4);
        float[] px = new float[b * (steps + 1) * 3 * 64 * 64];
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextFloat();
        }
        float[] act = new float[b * steps * A];
        for (int i = 0; i < act.length; i++) {
            act[i] = 2 * r.nextFloat() - 1;
        }
        SequenceData longer = new SequenceData(Nd4j.create(px, new long[]{b * (steps + 1), 3, 64, 64}),
                Nd4j.create(act, new long[]{b, steps, A}), Nd4j.zeros(DataType.FLOAT, b, steps),
                Nd4j.ones(DataType.FLOAT, b, steps));
        Rollouts out = fresh.rollouts(longer);
        for (INDArray img : new INDArray[]{out.posterior(), out.prior(), out.conditionalPrior()}) {
            assertArrayEquals(new long[]{b * (steps + 1), 3, 64, 64}, img.shape(), "8 frames per sequence");
            assertFiniteArray(img, "rollout images");
        }
        // The copy the longer graph gets: values assigned variable by variable make two models compute the same.
        try (SlacLatentModel other = new SlacLatentModel(config(99))) {
            SequenceData d = batch(5);
            assertTrue(other.encode(d.frames()).sub(fresh.encode(d.frames())).amaxNumber().doubleValue() > 1e-4,
                    "different seeds, different weights");
            other.params().assignFrom(fresh.params());
            assertEquals(0.0, other.encode(d.frames()).sub(fresh.encode(d.frames())).amaxNumber().doubleValue(), 0.0);
        }
    }

    @Test
    void shapesOfPosteriorEncodeAndRollouts() {
        SlacLatentModel m = fresh;
        {
            assertEquals(F, m.featureDim());
            assertEquals(Z1 + Z2, m.latentDim());
            assertTrue(m.parameterCount() > 1_000_000, "encoder, decoder and six MLPs");
            SequenceData d = batch(3);
            Posterior p = m.posterior(d);
            assertArrayEquals(new long[]{B, T, F}, p.features().shape(), "features [B, T, 256]");
            assertArrayEquals(new long[]{B, T, Z1 + Z2}, p.latents().shape(), "latents [B, T, z1 + z2]");
            assertFiniteArray(p.latents(), "latents");
            INDArray enc = m.encode(d.frames());
            assertArrayEquals(new long[]{B * T, F}, enc.shape());

            Rollouts r = m.rollouts(d);
            for (INDArray img : new INDArray[]{r.posterior(), r.prior(), r.conditionalPrior()}) {
                assertArrayEquals(new long[]{B * T, 3, 64, 64}, img.shape());
                assertFiniteArray(img, "rollout images");
                // an untrained decoder's mean image is small; nothing explodes
                assertTrue(img.amaxNumber().doubleValue() < 5, "rollout magnitude " + img.amaxNumber());
            }
            assertTrue(r.prior().sub(r.posterior()).amaxNumber().doubleValue() > 0, "prior samples differ");
        }
    }

    @Test
    void inferenceOutputsAreDeterministicAndMatchTheTrainingGraph() {
        SlacLatentModel m = fresh;
        {
            SequenceData d = batch(4);
            INDArray e1 = m.encode(d.frames());
            INDArray e2 = m.encode(d.frames());
            assertEquals(0.0, e1.sub(e2).amaxNumber().doubleValue(), 0.0, "encode() of the same frames twice differs");
            // each frame's features do not depend on the other frames in the batch
            INDArray rows = d.frames().get(NDArrayIndex.interval(5, 8), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all()).dup();
            INDArray part = m.encode(rows);
            assertTrue(part.equalsWithEps(e1.get(NDArrayIndex.interval(5, 8), NDArrayIndex.all()), 1e-5),
                    "encode() of a sub-batch differs from the rows of the full batch");

            // posterior() with known noise against the same graph evaluated by the training session
            long seed = 77;
            m.reseedNoise(seed);
            Posterior p = m.posterior(d);
            Map<String, INDArray> in = new HashMap<>();
            try (Noise n = new Noise(seed)) {
                in.put("eps1", n.normal(B, T, Z1));
                in.put("eps2", n.normal(B, T, Z2));
            }
            in.put("x", d.frames());
            in.put("a", d.actions());
            in.put("r", d.rewards());
            OutAndGrad og = m.graph().calculateGradientsAndOutputs(in, List.of("features", "latents"),
                    List.of("reward/2/b"));
            INDArray refF = og.getOutputs().get("features"), refZ = og.getOutputs().get("latents");
            assertTrue(refF.equalsWithEps(e1.reshape(B, T, F), 1e-5), "encode() disagrees with the training graph");
            assertTrue(p.features().equalsWithEps(refF, 1e-5), "posterior features disagree with the training graph");
            double dz = p.latents().sub(refZ).amaxNumber().doubleValue();
            assertTrue(dz < 1e-4, "posterior latents disagree with the training graph by " + dz);
        }
    }

    /** posterior() runs on a forward-only twin of the graph: it must see the weights after every update and load. */
    @Test
    void posteriorFollowsTheWeightsAfterUpdatesAndLoads() throws IOException {
        try (SlacLatentModel m = new SlacLatentModel(config(4)); SlacLatentModel other = new SlacLatentModel(config(5))) {
            SequenceData d = batch(6);
            m.posterior(d);                                   // builds the twin with the initial weights
            for (int i = 0; i < 2; i++) {
                m.update(d);
            }
            assertPosteriorMatchesTrainingGraph(m, d);
            other.posterior(d);
            load(other, save(m));                             // loaded weights reach other's twin as well
            assertPosteriorMatchesTrainingGraph(other, d);
        }
    }

    private static void assertPosteriorMatchesTrainingGraph(SlacLatentModel m, SequenceData d) {
        m.reseedNoise(99);
        Posterior p = m.posterior(d);
        Map<String, INDArray> in = new HashMap<>();
        try (Noise n = new Noise(99)) {
            in.put("eps1", n.normal(B, T, Z1));
            in.put("eps2", n.normal(B, T, Z2));
        }
        in.put("x", d.frames());
        in.put("a", d.actions());
        in.put("r", d.rewards());
        OutAndGrad og = m.graph().calculateGradientsAndOutputs(in, List.of("features", "latents"), List.of("reward/2/b"));
        assertTrue(p.features().equalsWithEps(og.getOutputs().get("features"), 1e-5), "features after updates/load");
        double dz = p.latents().sub(og.getOutputs().get("latents")).amaxNumber().doubleValue();
        assertTrue(dz < 1e-4, "latents after updates/load differ by " + dz);
    }

    @Test
    void lossFallsOnAFixedBatch() {
        try (SlacLatentModel m = new SlacLatentModel(config(1))) {
            SequenceData d = batch(5);
            List<LatentLosses> hist = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                LatentLosses l = m.update(d);
                assertTrue(Double.isFinite(l.total()), "update " + i + ": " + l);
                assertTrue(l.kl() >= -1e-3, "KL is non-negative: " + l);
                hist.add(l);
            }
            // Adam at 1e-3 makes the first steps bumpy; the trend over 30 steps is clearly down
            double first = hist.get(0).total();
            double last = (hist.get(27).total() + hist.get(28).total() + hist.get(29).total()) / 3;
            assertTrue(last < 0.6 * first, "loss did not fall: first " + first + ", last three " + last);
            assertTrue(hist.get(29).imageNll() < hist.get(0).imageNll(), "image NLL falls");
            assertEquals(30, m.params().iteration());
        }
    }

    @Test
    void sameSeedGivesSameWeightsAndLosses() {
        SequenceData d = batch(6);
        try (SlacLatentModel a = new SlacLatentModel(config(1)); SlacLatentModel b = new SlacLatentModel(config(1))) {
            Map<String, INDArray> pa = paramCopies(a), pb = paramCopies(b);
            for (String k : pa.keySet()) {
                assertEquals(pa.get(k), pb.get(k), "same seed, different initial " + k);
            }
            for (int i = 0; i < 2; i++) {
                LatentLosses la = a.update(d), lb = b.update(d);
                assertEquals(la, lb, "update " + i + " with the same seed");
            }
            assertTrue(paramsEqual(a, b), "same seed, same data: same parameters after two updates");
        }
    }

    static boolean paramsEqual(SlacLatentModel a, SlacLatentModel b) {
        List<SDVariable> va = a.params().variables(), vb = b.params().variables();
        if (va.size() != vb.size()) {
            return false;
        }
        for (int i = 0; i < va.size(); i++) {
            if (!va.get(i).name().equals(vb.get(i).name()) || !va.get(i).getArr().equals(vb.get(i).getArr())) {
                return false;
            }
        }
        return true;
    }

    @Test
    void checkpointRoundTripRestoresParametersAdamStateAndOutputs() throws IOException {
        SequenceData d = batch(7);
        try (SlacLatentModel a = new SlacLatentModel(config(1)); SlacLatentModel b = new SlacLatentModel(config(5))) {
            for (int i = 0; i < 2; i++) {
                a.update(d);
            }
            b.update(batch(9)); // b holds Adam moments of its own: all must be overwritten
            byte[] bytes = save(a);
            assertFalse(paramsEqual(a, b), "a model with another seed starts elsewhere");
            load(b, bytes);
            assertTrue(paramsEqual(a, b), "parameters after load");
            assertEquals(a.params().iteration(), b.params().iteration(), "Adam step count after load");
            INDArray ea = a.encode(d.frames()), eb = b.encode(d.frames());
            assertEquals(0.0, ea.sub(eb).amaxNumber().doubleValue(), 0.0, "encode() after load");

            // the next step needs the restored Adam moments to agree
            a.reseedNoise(123);
            b.reseedNoise(123);
            LatentLosses la = a.update(d), lb = b.update(d);
            assertEquals(la, lb, "losses of the update after load");
            assertTrue(paramsEqual(a, b), "parameters after one more Adam step (restored moments)");
            // and the saved bytes are a fixed point: saving the reloaded model gives the same checkpoint
            assertArrayEquals(save(a), save(b));
        }
    }

    @Test
    void loadingACheckpointOfADifferentSizeFails() throws IOException {
        byte[] bytes = save(fresh);
        try (SlacLatentModel other = new SlacLatentModel(new ModelConfig(A, L, Z1 - 2, Z2, F, 0.1, 1e-3, 1))) {
            IOException e = assertThrows(IOException.class, () -> load(other, bytes));
            assertNotNull(e.getMessage());
            // the first array whose shape depends on z1 is the decoder's input layer [4, 4, 256, z1 + z2]
            assertTrue(e.getMessage().contains("decoder/deconv1/w"), e.getMessage());
            assertTrue(e.getMessage().contains("[4, 4, 256, 24]") && e.getMessage().contains("[4, 4, 256, 22]"),
                    "the message gives both shapes: " + e.getMessage());
        }
    }

    @Test
    void truncatedCheckpointFailsWithIOException() throws IOException {
        // LatentModel.load declares IOException; a cut-off file must not escape as an unchecked ND4J exception
        byte[] bytes = save(fresh);
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        try (SlacLatentModel other = new SlacLatentModel(config(2))) {
            assertThrows(IOException.class, () -> load(other, cut));
        }
    }

    @Test
    void everyParameterGetsAGradientAndGradientsAreReproducible() {
        SlacLatentModel m = fresh;
        {
            SequenceData d = batch(10);
            m.reseedNoise(9);
            OutAndGrad g1 = m.lossAndGradients(d);
            m.reseedNoise(9);
            OutAndGrad g2 = m.lossAndGradients(d);
            for (String name : m.params().names()) {
                INDArray g = g1.getGradients().get(name);
                assertNotNull(g, "no gradient for " + name);
                assertFiniteArray(g, "gradient of " + name);
                assertTrue(g.amaxNumber().doubleValue() > 0, "zero gradient for " + name);
                assertEquals(g, g2.getGradients().get(name), "gradient of " + name + " is not reproducible");
            }
        }
    }

    @Test
    void aNonFiniteLossStopsBeforeTheParametersChange() throws IOException {
        assertRefusedWithoutAStep(Float.NaN, "latent model loss");
    }

    @Test
    void aLossThatExplodesButStaysFiniteStopsBeforeTheParametersChange() throws IOException {
        // (1e6)^2 / (2 variance): about 1e13 nats, finite
        assertRefusedWithoutAStep(1e6f, "latent model loss exploded");
    }

    /** One pixel set to {@code value}: the update throws naming {@code message}, takes no Adam step, and the model
     * still trains on the unpoisoned batch. */
    private static void assertRefusedWithoutAStep(float value, String message) throws IOException {
        try (SlacLatentModel m = new SlacLatentModel(config(5))) {
            byte[] before = save(m);
            SequenceData good = batch(6);
            INDArray frames = good.frames().dup();
            frames.putScalar(new long[]{0, 0, 10, 10}, value);
            SequenceData poisoned = new SequenceData(frames, good.actions(), good.rewards(), good.notDone());
            NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> m.update(poisoned));
            assertTrue(e.getMessage().contains(message), e.getMessage());
            assertArrayEquals(before, save(m), "no Adam step was taken");
            m.update(good);
        }
    }
}
