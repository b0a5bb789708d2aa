package slaclab.models;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import slaclab.models.nn.Layers;
import slaclab.models.nn.ParamGroup;

/**
 * The paper's image encoder and decoder (Appendix B), in NCHW.
 * <ul>
 * <li>encoder: conv 32 5x5/2, 64 3x3/2, 128 3x3/2, 256 3x3/2, 256 4x4 valid, LeakyReLU: 64x64x3 -> 256</li>
 * <li>decoder: transposed conv 256 4x4 (1x1 -> 4x4), 128 3x3/2, 64 3x3/2, 32 3x3/2, 3 5x5/2 -> 64x64x3 mean</li>
 * </ul>
 * The stride-2 transposed convolutions double the size (PyTorch's padding p = (k-1)/2 with output padding 1).
 * They are computed as an unpadded transposed convolution followed by a crop of p rows/columns at the top-left,
 * which gives exactly the same output and runs on ND4J's fast VALID path (see DecoderEquivalenceTest).
 * Layers from or to a 1x1 map (encoder 4x4 valid, decoder 4x4 from 1x1) are the equivalent dense layers.
 */
public final class ConvNets {
    private ConvNets() {
    }

    /** The shared convolutional encoder. */
    public record Encoder(Layers.Conv c1, Layers.Conv c2, Layers.Conv c3, Layers.Conv c4, Layers.Dense c5) {
        public static Encoder create(Layers layers, ParamGroup g, String name, int featureDim) {
            return new Encoder(layers.conv(g, name + "/conv1", 5, 2, 2, 3, 32),
                    layers.conv(g, name + "/conv2", 3, 2, 1, 32, 64),
                    layers.conv(g, name + "/conv3", 3, 2, 1, 64, 128),
                    layers.conv(g, name + "/conv4", 3, 2, 1, 128, 256),
                    layers.dense(g, name + "/conv5", 256 * 4 * 4, featureDim));
        }

        /** [N, 3, 64, 64] -> [N, featureDim]. */
        public SDVariable apply(Layers layers, SDVariable x) {
            SameDiff sd = layers.sd();
            SDVariable h = layers.leaky(c1.conv(sd, x));      // [N, 32, 32, 32]
            h = layers.leaky(c2.conv(sd, h));                  // [N, 64, 16, 16]
            h = layers.leaky(c3.conv(sd, h));                  // [N, 128, 8, 8]
            h = layers.leaky(c4.conv(sd, h));                  // [N, 256, 4, 4]
            h = sd.reshape(h, -1, 256 * 4 * 4);
            return layers.leaky(c5.apply(sd, h));              // [N, 256]
        }
    }

    /** The observation model's mean image. */
    public record Decoder(Layers.Dense d1, Layers.Conv d2, Layers.Conv d3, Layers.Conv d4, Layers.Conv d5) {
        public static Decoder create(Layers layers, ParamGroup g, String name, int latentDim) {
            return new Decoder(layers.dense(g, name + "/deconv1", latentDim, 256 * 4 * 4),
                    layers.deconvKernel(g, name + "/deconv2", 3, 2, 256, 128),
                    layers.deconvKernel(g, name + "/deconv3", 3, 2, 128, 64),
                    layers.deconvKernel(g, name + "/deconv4", 3, 2, 64, 32),
                    layers.deconvKernel(g, name + "/deconv5", 5, 2, 32, 3));
        }

        /** [N, latentDim] -> [N, 3, 64, 64]. */
        public SDVariable apply(Layers layers, SDVariable z) {
            SameDiff sd = layers.sd();
            SDVariable h = layers.leaky(d1.apply(sd, z));
            h = sd.reshape(h, -1, 256, 4, 4);
            h = layers.leaky(doubling(sd, d2, h, 4));          // [N, 128, 8, 8]
            h = layers.leaky(doubling(sd, d3, h, 8));          // [N, 64, 16, 16]
            h = layers.leaky(doubling(sd, d4, h, 16));         // [N, 32, 32, 32]
            return doubling(sd, d5, h, 32);                    // [N, 3, 64, 64]
        }
    }

    /**
     * Stride-2 transposed convolution that maps n x n to 2n x 2n with padding p = (k-1)/2 and output padding 1:
     * the unpadded result has 2(n-1)+k rows; rows p .. p+2n-1 are the padded layer's output.
     */
    public static SDVariable doubling(SameDiff sd, Layers.Conv conv, SDVariable x, int n) {
        int p = (conv.k() - 1) / 2;
        SDVariable full = conv.deconvValid(sd, x);
        return full.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(p, p + 2 * n), SDIndex.interval(p, p + 2 * n));
    }
}
