package slaclab.models;

import org.nd4j.autodiff.samediff.NameScope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import slaclab.models.nn.Layers;
import slaclab.models.nn.OpTimes;
import slaclab.models.nn.ParamGroup;
import slaclab.models.nn.SubPixel;

/**
 * The paper's image encoder and decoder (Appendix B).
 * <ul>
 * <li>encoder: conv 32 5x5/2, 64 3x3/2, 128 3x3/2, 256 3x3/2, 256 4x4 valid, LeakyReLU: 64x64x3 -> 256</li>
 * <li>decoder: transposed conv 256 4x4 (1x1 -> 4x4), 128 3x3/2, 64 3x3/2, 32 3x3/2, 3 5x5/2 -> 64x64x3 mean</li>
 * </ul>
 * Images come and go as NCHW [N, 3, 64, 64]; inside, activations are NHWC, where oneDNN's convolutions run fastest
 * (the encoder's first layer reads the NCHW frames and its output is transposed once). The stride-2 transposed
 * convolutions double the size (PyTorch's padding p = (k-1)/2 with output padding 1) and run in their sub-pixel form
 * ({@link SubPixel}). The layers from or to a 1x1 map are the paper's convolutions written as matrix products, with
 * the convolutions' parameters: one bias per channel, Glorot ranges over the kernels' fans.
 */
public final class ConvNets {
    private ConvNets() {
    }

    /** The shared convolutional encoder. */
    public record Encoder(Layers.Conv c1, Layers.Conv c2, Layers.Conv c3, Layers.Conv c4, Layers.Conv c5) {
        public static Encoder create(Layers layers, ParamGroup g, String name, int featureDim) {
            return new Encoder(layers.conv(g, name + "/conv1", 5, 2, 2, 3, 32),
                    layers.conv(g, name + "/conv2", 3, 2, 1, 32, 64),
                    layers.conv(g, name + "/conv3", 3, 2, 1, 64, 128),
                    layers.conv(g, name + "/conv4", 3, 2, 1, 128, 256),
                    layers.conv(g, name + "/conv5", 4, 1, 0, 256, featureDim));
        }

        /** Multiply-adds of one frame's forward pass: output pixels x k^2 x inC x outC per layer (17.7 M at F = 256). */
        public static long macsPerFrame(int featureDim) {
            return 32L * 32 * 25 * 3 * 32 + 16L * 16 * 9 * 32 * 64 + 8L * 8 * 9 * 64 * 128 + 4L * 4 * 9 * 128 * 256
                    + 16L * 256 * featureDim;
        }

        /** [N, 3, 64, 64] -> [N, featureDim]. */
        public SDVariable apply(Layers layers, SDVariable x) {
            SameDiff sd = layers.sd();
            try (NameScope s = sd.withNameScope(OpTimes.ENCODER)) {
                SDVariable h = layers.leakyConv(c1.conv(sd, x));          // [N, 32, 32, 32] NCHW
                h = sd.permute(h, 0, 2, 3, 1);                                 // [N, 32, 32, 32] NHWC
                h = layers.leakyConv(c2.convNhwc(sd, h));                      // [N, 16, 16, 64]
                h = layers.leakyConv(c3.convNhwc(sd, h));                      // [N, 8, 8, 128]
                h = layers.leakyConv(c4.convNhwc(sd, h));                      // [N, 4, 4, 256]
                return layers.leaky(c5.convWholeMap(sd, h));                   // [N, featureDim]
            }
        }
    }

    /** The observation model's mean image. */
    public record Decoder(Layers.Conv d1, Layers.Conv d2, Layers.Conv d3, Layers.Conv d4, Layers.Conv d5) {
        public static Decoder create(Layers layers, ParamGroup g, String name, int latentDim) {
            return new Decoder(layers.deconvKernel(g, name + "/deconv1", 4, 1, latentDim, 256),
                    layers.deconvKernel(g, name + "/deconv2", 3, 2, 256, 128),
                    layers.deconvKernel(g, name + "/deconv3", 3, 2, 128, 64),
                    layers.deconvKernel(g, name + "/deconv4", 3, 2, 64, 32),
                    layers.deconvKernel(g, name + "/deconv5", 5, 2, 32, 3));
        }

        /**
         * Multiply-adds of one frame's forward pass: a transposed convolution costs input pixels x k^2 x inC x outC
         * (17.8 M at Z = 288), whatever form computes it.
         */
        public static long macsPerFrame(int latentDim) {
            return 16L * latentDim * 256 + 4L * 4 * 9 * 256 * 128 + 8L * 8 * 9 * 128 * 64 + 16L * 16 * 9 * 64 * 32
                    + 32L * 32 * 25 * 32 * 3;
        }

        /** [N, latentDim] -> [N, 3, 64, 64]. */
        public SDVariable apply(Layers layers, SDVariable z) {
            SameDiff sd = layers.sd();
            try (NameScope s = sd.withNameScope(OpTimes.DECODER)) {
                SDVariable h = layers.leakyConv(d1.deconvFromPoint(sd, z));   // [N, 4, 4, 256] NHWC
                h = layers.leakyConv(doubling(sd, d2, h, 4));                  // [N, 8, 8, 128]
                h = layers.leakyConv(doubling(sd, d3, h, 8));                  // [N, 16, 16, 64]
                h = layers.leakyConv(doubling(sd, d4, h, 16));                 // [N, 32, 32, 32]
                return SubPixel.doubling(sd, d5, h, 32, true);                 // [N, 3, 64, 64] NCHW
            }
        }
    }

    /**
     * Stride-2 transposed convolution that maps n x n to 2n x 2n with padding p = (k-1)/2 and output padding 1,
     * NHWC in and out (see {@link SubPixel}).
     */
    public static SDVariable doubling(SameDiff sd, Layers.Conv conv, SDVariable xNhwc, int n) {
        return SubPixel.doubling(sd, conv, xNhwc, n);
    }
}
