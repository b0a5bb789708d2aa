package slaclab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import slaclab.models.nn.Backend;
import slaclab.models.nn.Gaussians;
import slaclab.models.nn.Gaussians.Normal;
import slaclab.models.nn.Layers;
import slaclab.models.nn.Noise;

/**
 * The speed work keeps SLAC's losses and gradients: the model's graph (NHWC activations, sub-pixel transposed
 * convolutions, LeakyReLU as 0.6 x + 0.4 |x|, the prior and KL batched over time) against the straightforward graph
 * the engine used before it (NCHW, ND4J's transposed convolution and crop, ND4J's leakyrelu, the prior and KL step by
 * step inside the recurrence), built here from the same weights, on one fixed batch and fixed noise. The layers from
 * or to a 1x1 map are matrix products in both; their kernels are re-laid out for NCHW (channel-major) flattening.
 * The model's losses on that batch are also pinned to the values this test first computed, so a later change that
 * moved both graphs alike would still be caught.
 */
class FastGraphEquivalenceTest {
    private static final int A = 2, L = 3, Z1 = 6, Z2 = 10, F = 16;

    @BeforeAll
    static void backend() {
        Backend.selectNativeBuild();
    }

    @Test
    void fastGraphGivesTheReferenceLossesAndGradients() {
        ModelConfig config = new ModelConfig(A, L, Z1, Z2, F, 0.1, 1e-3, 5);
        try (SlacLatentModel fast = new SlacLatentModel(config)) {
            SequenceData d = SlacLatentModelTest.batch(9);
            fast.reseedNoise(41);
            Map<String, INDArray> in = fast.inputs(d, true);          // fresh noise, fixed by the seed
            OutAndGrad og = fast.graph().calculateGradientsAndOutputs(in, List.of("kl", "nll_image", "nll_reward"),
                    fast.params().names());

            SameDiff ref = reference(config, fast.graph());
            OutAndGrad rg = ref.calculateGradientsAndOutputs(in, List.of("kl", "nll_image", "nll_reward"),
                    List.of("encoder/conv1/w", "encoder/conv3/w", "enc5", "dec1w", "dec1b", "decoder/deconv3/w",
                            "decoder/deconv5/b", "posterior_z1_next/0/w", "prior_z1_next/2/w", "prior_z2_next/1/w",
                            "reward/0/w"));
            for (String loss : List.of("kl", "nll_image", "nll_reward")) {
                double a = og.getOutputs().get(loss).getDouble(0), b = rg.getOutputs().get(loss).getDouble(0);
                assertEquals(b, a, 2e-5 * Math.max(1, Math.abs(b)), loss + ": fast graph against the reference");
            }
            Map<String, INDArray> fg = og.getGradients(), rgr = rg.getGradients();
            for (String v : List.of("encoder/conv1/w", "encoder/conv3/w", "decoder/deconv3/w", "decoder/deconv5/b",
                    "posterior_z1_next/0/w", "prior_z1_next/2/w", "prior_z2_next/1/w", "reward/0/w")) {
                assertClose(rgr.get(v), fg.get(v), v);
            }
            // the 1x1-map layers: reference layouts [C*16, F] and [Z, C*16] (channel-major), bias per pixel
            assertClose(rgr.get("enc5"), encoderLastAsNchwDense(fg.get("encoder/conv5/w")), "encoder/conv5/w");
            assertClose(rgr.get("dec1w"), decoderFirstAsNchwDense(fg.get("decoder/deconv1/w")), "decoder/deconv1/w");
            assertClose(rgr.get("dec1b").reshape(256, 16).sum(1), fg.get("decoder/deconv1/b"), "decoder/deconv1/b");

            // the model's own update path (its sessions recycle arrays between ops and calls) gives the same values,
            // twice in a row
            for (int call = 0; call < 2; call++) {
                fast.reseedNoise(41);
                OutAndGrad own = fast.lossAndGradients(d);
                for (String loss : List.of("kl", "nll_image", "nll_reward")) {
                    assertEquals(og.getOutputs().get(loss).getDouble(0), own.getOutputs().get(loss).getDouble(0),
                            1e-6 * Math.max(1, Math.abs(og.getOutputs().get(loss).getDouble(0))), loss + ", call " + call);
                }
                for (String v : fast.params().names()) {
                    assertClose(og.getGradients().get(v), own.getGradients().get(v), v + ", call " + call);
                }
            }

            // pinned: the values this test computed when the fast graph was introduced
            assertEquals(PINNED_KL, og.getOutputs().get("kl").getDouble(0), 1e-4 * Math.abs(PINNED_KL), "kl pinned");
            assertEquals(PINNED_NLL_IMAGE, og.getOutputs().get("nll_image").getDouble(0),
                    1e-5 * Math.abs(PINNED_NLL_IMAGE), "nll_image pinned");
            assertEquals(PINNED_NLL_REWARD, og.getOutputs().get("nll_reward").getDouble(0),
                    1e-4 * Math.abs(PINNED_NLL_REWARD), "nll_reward pinned");
        }
    }

    static final double PINNED_KL = 1.69450092;
    static final double PINNED_NLL_IMAGE = 31462.4355;
    static final double PINNED_NLL_REWARD = 2.35861826;

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double scale = Math.max(1e-6, expected.norm2Number().doubleValue());
        double rel = expected.sub(actual.reshape(expected.shape())).norm2Number().doubleValue() / scale;
        assertTrue(scale > 1e-6, what + ": the reference gradient is zero");
        assertTrue(rel < 2e-4, what + ": gradient differs from the reference by " + rel + " (relative)");
    }

    /** [4, 4, C, F] (y, x, c, o) -> [C*16, F] with row c*16 + y*4 + x. */
    private static INDArray encoderLastAsNchwDense(INDArray w) {
        long c = w.size(2), f = w.size(3);
        return w.permute(2, 0, 1, 3).dup('c').reshape(c * 16, f);
    }

    /** [4, 4, C, Z] (y, x, c, i) -> [Z, C*16] with column c*16 + y*4 + x. */
    private static INDArray decoderFirstAsNchwDense(INDArray w) {
        long c = w.size(2), z = w.size(3);
        return w.permute(3, 2, 0, 1).dup('c').reshape(z, c * 16);
    }

    /** The pre-speed graph of SLAC's model with the weights of {@code fast}. */
    private static SameDiff reference(ModelConfig config, SameDiff fast) {
        SameDiff g = SameDiff.create();
        Layers layers = new Layers(g);
        java.util.function.Function<String, SDVariable> w = n -> g.var(n, fast.getArrForVarName(n).dup());
        int a = config.actionDim(), l = config.sequenceLength(), t = config.frames();
        int z1 = config.z1Dim(), z2 = config.z2Dim(), f = config.featureDim(), z = config.latentDim();

        SDVariable x = g.placeHolder("x", DataType.FLOAT, -1, 3, 64, 64);
        SDVariable act = g.placeHolder("a", DataType.FLOAT, -1, l, a);
        SDVariable rew = g.placeHolder("r", DataType.FLOAT, -1, l);
        SDVariable eps1 = g.placeHolder("eps1", DataType.FLOAT, -1, t, z1);
        SDVariable eps2 = g.placeHolder("eps2", DataType.FLOAT, -1, t, z2);

        // encoder, NCHW, ND4J's leakyrelu; the 4x4 valid layer as a dense layer on the channel-major flattening
        SDVariable h = x;
        int[][] convs = {{5, 2}, {3, 1}, {3, 1}, {3, 1}};
        for (int i = 0; i < 4; i++) {
            String n = "encoder/conv" + (i + 1);
            h = layers.leaky(new Layers.Conv(w.apply(n + "/w"), w.apply(n + "/b"), convs[i][0], 2, convs[i][1])
                    .conv(g, h));
        }
        SDVariable enc5 = g.var("enc5", encoderLastAsNchwDense(fast.getArrForVarName("encoder/conv5/w")));
        SDVariable features = layers.leaky(g.reshape(h, -1, 256 * 16).mmul(enc5).add(w.apply("encoder/conv5/b")));
        SDVariable[] ft = g.unstack(g.reshape(features, -1, t, f), 1, t);
        SDVariable[] at = g.unstack(act, 1, l);
        SDVariable[] e1 = g.unstack(eps1, 1, t);
        SDVariable[] e2 = g.unstack(eps2, 1, t);

        Layers.Mlp q1First = mlp(w, "posterior_z1_first"), q1Next = mlp(w, "posterior_z1_next");
        Layers.Mlp p1Next = mlp(w, "prior_z1_next"), p2First = mlp(w, "prior_z2_first");
        Layers.Mlp p2Next = mlp(w, "prior_z2_next"), reward = mlp(w, "reward");

        // the filtering posterior with the prior and KL step by step (Eq. 9)
        Normal q = Gaussians.head(g, q1First.apply(layers, ft[0]), z1);
        SDVariable klSum = Gaussians.klStandard(g, q);
        SDVariable z1t = q.sample(e1[0]);
        SDVariable z2t = Gaussians.head(g, p2First.apply(layers, z1t), z2).sample(e2[0]);
        List<SDVariable> zs = new ArrayList<>();
        zs.add(g.concat(1, z1t, z2t));
        for (int i = 1; i < t; i++) {
            SDVariable prev = z2t;
            q = Gaussians.head(g, q1Next.apply(layers, g.concat(1, ft[i], prev, at[i - 1])), z1);
            Normal p = Gaussians.head(g, p1Next.apply(layers, g.concat(1, prev, at[i - 1])), z1);
            klSum = klSum.add(Gaussians.kl(g, q, p));
            z1t = q.sample(e1[i]);
            z2t = Gaussians.head(g, p2Next.apply(layers, g.concat(1, z1t, prev, at[i - 1])), z2).sample(e2[i]);
            zs.add(g.concat(1, z1t, z2t));
        }
        SDVariable latents = g.stack(1, zs.toArray(new SDVariable[0]));

        // decoder, NCHW: the 4x4-from-1x1 layer as a dense layer with a bias per pixel, then ND4J's VALID transposed
        // convolutions cropped by p = (k-1)/2 at the top-left
        INDArray b1 = fast.getArrForVarName("decoder/deconv1/b");
        SDVariable dec1w = g.var("dec1w", decoderFirstAsNchwDense(fast.getArrForVarName("decoder/deconv1/w")));
        SDVariable dec1b = g.var("dec1b", b1.reshape(256, 1).repeat(1, 16).reshape(256 * 16).dup());
        SDVariable img = layers.leaky(g.reshape(g.reshape(latents, -1, z).mmul(dec1w).add(dec1b), -1, 256, 4, 4));
        int[] ks = {3, 3, 3, 5};
        for (int i = 0; i < 4; i++) {
            String n = "decoder/deconv" + (i + 2);
            Layers.Conv c = new Layers.Conv(w.apply(n + "/w"), w.apply(n + "/b"), ks[i], 2, 0);
            int size = 4 << i, p = (ks[i] - 1) / 2;
            SDVariable full = c.deconvValid(g, img);
            img = full.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(p, p + 2 * size),
                    SDIndex.interval(p, p + 2 * size));
            if (i < 3) {
                img = layers.leaky(img);
            }
        }
        double std = Math.sqrt(config.decoderVariance());
        SDVariable nllImage = g.reshape(Gaussians.nllFixedStd(g, x, img, std, 1, 2, 3), -1, t).sum(1);
        SDVariable zPrev = latents.get(SDIndex.all(), SDIndex.interval(0, l), SDIndex.all());
        SDVariable zNext = latents.get(SDIndex.all(), SDIndex.interval(1, t), SDIndex.all());
        SDVariable rewardIn = g.reshape(g.concat(2, zPrev, act, zNext), -1, 2 * z + a);
        Normal rewardDist = Gaussians.head(g, reward.apply(layers, rewardIn), 1);
        SDVariable nllReward = g.reshape(Gaussians.nll(g, g.reshape(rew, -1, 1), rewardDist), -1, l).sum(1);
        SDVariable kl = klSum.mean().rename("kl");
        SDVariable ni = nllImage.mean().rename("nll_image");
        SDVariable nr = nllReward.mean().rename("nll_reward");
        kl.add(ni).add(nr).rename("loss");
        g.setLossVariables("loss");
        return g;
    }

    private static Layers.Mlp mlp(java.util.function.Function<String, SDVariable> w, String name) {
        return new Layers.Mlp(dense(w, name + "/0"), dense(w, name + "/1"), dense(w, name + "/2"));
    }

    private static Layers.Dense dense(java.util.function.Function<String, SDVariable> w, String name) {
        return new Layers.Dense(w.apply(name + "/w"), w.apply(name + "/b"));
    }
}
