package slaclab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import slaclab.models.nn.Backend;

/**
 * The model at the paper's sizes has exactly the paper's layers (Appendix B): every convolution with one bias per
 * channel (the decoder's first layer is a 4x4 transposed convolution from a 1x1 map: 256 biases, not one per pixel),
 * Glorot-uniform ranges over the kernels' fans, and so the paper's parameter count.
 */
class PaperLayersTest {
    /** Weights and biases of a k x k convolution (or transposed convolution) from inC to outC channels. */
    private static long conv(int k, int inC, int outC) {
        return (long) k * k * inC * outC + outC;
    }

    private static long mlp(int in, int out) {
        return (long) in * 256 + 256 + 256L * 256 + 256 + 256L * out + out;
    }

    @Test
    void paperSizedModelHasThePapersLayersAndInitialRanges() {
        Backend.selectNativeBuild();
        int a = 6, z1 = 32, z2 = 256, f = 256, z = z1 + z2;
        long encoder = conv(5, 3, 32) + conv(3, 32, 64) + conv(3, 64, 128) + conv(3, 128, 256) + conv(4, 256, f);
        long decoder = conv(4, z, 256) + conv(3, 256, 128) + conv(3, 128, 64) + conv(3, 64, 32) + conv(5, 32, 3);
        long heads = mlp(f, 2 * z1) + mlp(f + z2 + a, 2 * z1) + mlp(z2 + a, 2 * z1) + mlp(z1, 2 * z2)
                + mlp(z1 + z2 + a, 2 * z2) + mlp(2 * z + a, 2);
        try (SlacLatentModel m = new SlacLatentModel(ModelConfig.paper(a, 3))) {
            assertEquals(encoder + decoder + heads, m.parameterCount(), "parameters of Appendix B's networks");
            assertEquals(4_215_365L, m.parameterCount());
            assertArrayEquals(new long[]{256}, m.graph().getArrForVarName("decoder/deconv1/b").shape(),
                    "one bias per channel of the 4x4 map");
            assertArrayEquals(new long[]{4, 4, 256, z}, m.graph().getArrForVarName("decoder/deconv1/w").shape());
            // Glorot uniform: limit sqrt(6 / (k^2 inC + k^2 outC)); 4,096 draws or more reach the top 5% of it
            assertGlorot(m.graph().getArrForVarName("decoder/deconv1/w"), 16.0 * (z + 256));
            assertGlorot(m.graph().getArrForVarName("encoder/conv5/w"), 16.0 * (256 + f));
            assertGlorot(m.graph().getArrForVarName("decoder/deconv3/w"), 9.0 * (128 + 64));
            assertGlorot(m.graph().getArrForVarName("encoder/conv1/w"), 25.0 * (3 + 32));
        }
    }

    private static void assertGlorot(INDArray w, double fans) {
        double limit = Math.sqrt(6 / fans), max = w.amaxNumber().doubleValue();
        assertTrue(max <= limit && max > 0.95 * limit, "max |w| " + max + " against the Glorot limit " + limit);
    }
}
