package slaclab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import slaclab.models.nn.Backend;
import slaclab.models.nn.Layers;
import slaclab.models.nn.ParamGroup;

/**
 * {@link ConvNets#doubling} (sub-pixel form, NHWC; permuted here) against a naive PyTorch-semantics transposed
 * convolution in plain Java:
 * ConvTranspose2d(k, stride 2, padding p = (k-1)/2, output_padding 1), n x n -> 2n x 2n,
 * <pre>
 *   out[o][y][x] = b[o] + sum_{i, iy, ix, ky, kx : y = 2 iy + ky - p, x = 2 ix + kx - p} in[i][iy][ix] * w[ky][kx][o][i]
 * </pre>
 * with the weight array exactly as {@link Layers#deconvKernel} creates it, [kH, kW, outC, inC]. The kernel is NOT
 * flipped: ND4J's deconv2d scatters input pixel (iy, ix) times w[ky][kx] to unpadded output (2 iy + ky, 2 ix + kx),
 * the same orientation as PyTorch's ConvTranspose2d (and the adjoint of ND4J's conv2d with the same kernel).
 */
class DecoderEquivalenceTest {
    @BeforeAll
    static void backend() {
        Backend.selectNativeBuild();
    }

    /** Reference transposed convolution; in [N][inC][n][n], w [k][k][outC][inC], crop of the unpadded output at p. */
    static double[][][][] reference(double[][][][] in, double[][][][] w, double[] bias, int k, int stride, int pad,
                                    int outSize) {
        int nb = in.length, inC = in[0].length, n = in[0][0].length, outC = w[0][0].length;
        double[][][][] out = new double[nb][outC][outSize][outSize];
        for (int b = 0; b < nb; b++) {
            for (int o = 0; o < outC; o++) {
                for (int y = 0; y < outSize; y++) {
                    java.util.Arrays.fill(out[b][o][y], bias[o]);
                }
                for (int i = 0; i < inC; i++) {
                    for (int iy = 0; iy < n; iy++) {
                        for (int ix = 0; ix < n; ix++) {
                            for (int ky = 0; ky < k; ky++) {
                                int y = stride * iy + ky - pad;
                                if (y < 0 || y >= outSize) {
                                    continue;
                                }
                                for (int kx = 0; kx < k; kx++) {
                                    int x = stride * ix + kx - pad;
                                    if (x < 0 || x >= outSize) {
                                        continue;
                                    }
                                    out[b][o][y][x] += in[b][i][iy][ix] * w[ky][kx][o][i];
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static double[][][][] random4(Random r, int a, int b, int c, int d) {
        double[][][][] m = new double[a][b][c][d];
        for (double[][][] x : m) {
            for (double[][] y : x) {
                for (double[] z : y) {
                    for (int i = 0; i < z.length; i++) {
                        z[i] = r.nextGaussian();
                    }
                }
            }
        }
        return m;
    }

    private static INDArray f32(double[][][][] m) {
        return Nd4j.createFromArray(m).castTo(DataType.FLOAT);
    }

    private static void assertMatches(double[][][][] ref, INDArray actual, double tol, String what) {
        assertArrayEquals(new long[]{ref.length, ref[0].length, ref[0][0].length, ref[0][0][0].length}, actual.shape(),
                what + ": shape");
        double maxErr = 0;
        for (int b = 0; b < ref.length; b++) {
            for (int o = 0; o < ref[0].length; o++) {
                for (int y = 0; y < ref[0][0].length; y++) {
                    for (int x = 0; x < ref[0][0][0].length; x++) {
                        maxErr = Math.max(maxErr, Math.abs(ref[b][o][y][x] - actual.getDouble(b, o, y, x)));
                    }
                }
            }
        }
        assertTrue(maxErr <= tol, what + ": max |error| " + maxErr + " > " + tol);
    }

    /** A graph holding one deconvKernel layer with the given weights and bias; outputs "doubled", "valid". */
    private static SameDiff graph(int k, int n, int inC, int outC, INDArray w, INDArray b, Layers.Conv[] convOut) {
        SameDiff sd = SameDiff.create();
        Layers layers = new Layers(sd);
        Layers.Conv conv = layers.deconvKernel(new ParamGroup("g", 1e-3), "d", k, 2, inC, outC);
        assertArrayEquals(new long[]{k, k, outC, inC}, conv.w().getArr().shape(), "deconvKernel layout [kH,kW,outC,inC]");
        conv.w().getArr().assign(w);
        conv.b().getArr().assign(b);
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, inC, n, n);
        sd.identity("doubled", sd.permute(ConvNets.doubling(sd, conv, sd.permute(x, 0, 2, 3, 1), n), 0, 3, 1, 2));
        sd.identity("doubled_nchw", slaclab.models.nn.SubPixel.doubling(sd, conv, sd.permute(x, 0, 2, 3, 1), n, true));
        sd.identity("valid", conv.deconvValid(sd, x));
        sd.identity("same", conv.deconvSame(sd, x));
        if (convOut != null) {
            convOut[0] = conv;
        }
        return sd;
    }

    @ParameterizedTest(name = "k={0} n={1} inC={2} outC={3} batch={4}")
    @CsvSource({
            "3, 4, 3, 5, 2",
            "3, 5, 1, 2, 1",
            "3, 2, 6, 4, 3",
            "5, 4, 4, 3, 2",
            "5, 3, 2, 1, 1",
            "5, 6, 3, 7, 2"})
    void doublingEqualsPyTorchTransposedConvolution(int k, int n, int inC, int outC, int batch) {
        Random r = new Random(1000L * k + 100L * n + 10L * inC + outC);
        double[][][][] in = random4(r, batch, inC, n, n);
        double[][][][] w = random4(r, k, k, outC, inC);
        double[] bias = new double[outC];
        for (int o = 0; o < outC; o++) {
            bias[o] = r.nextGaussian();
        }
        int p = (k - 1) / 2;
        SameDiff sd = graph(k, n, inC, outC, f32(w), Nd4j.createFromArray(bias).castTo(DataType.FLOAT), null);
        Map<String, INDArray> out = sd.output(Map.of("x", f32(in)), "doubled", "doubled_nchw", "valid");

        // the layer: PyTorch ConvTranspose2d(k, stride 2, padding p, output_padding 1): n -> 2n
        assertMatches(reference(in, w, bias, k, 2, p, 2 * n), out.get("doubled"), 1e-4, "doubling");
        assertMatches(reference(in, w, bias, k, 2, p, 2 * n), out.get("doubled_nchw"), 1e-4, "doubling, NCHW out");
        // the unpadded ND4J deconvolution it crops: 2(n-1)+k rows, no flip of the kernel
        assertMatches(reference(in, w, bias, k, 2, 0, 2 * (n - 1) + k), out.get("valid"), 1e-4, "deconvValid");
    }

    @Test
    void kernelIsNotFlippedAndChannelAxesAreOutThenIn() {
        // one input pixel at (0,0) of input channel 1, a kernel that is 1..9 at [., ., outC=0, inC=1] only
        int k = 3, n = 2;
        INDArray w = Nd4j.zeros(DataType.FLOAT, k, k, 2, 3);
        for (int ky = 0; ky < k; ky++) {
            for (int kx = 0; kx < k; kx++) {
                w.putScalar(new long[]{ky, kx, 0, 1}, 1 + ky * k + kx);
            }
        }
        SameDiff sd = graph(k, n, 3, 2, w, Nd4j.zeros(DataType.FLOAT, 2), null);
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 3, n, n);
        x.putScalar(new long[]{0, 1, 0, 0}, 1f);
        INDArray valid = sd.output(Map.of("x", x), "valid").get("valid");
        for (int y = 0; y < 5; y++) {
            for (int xx = 0; xx < 5; xx++) {
                double expected = y < k && xx < k ? 1 + y * k + xx : 0;
                assertEquals(expected, valid.getDouble(0, 0, y, xx), 0, "out channel 0 at " + y + "," + xx);
                assertEquals(0, valid.getDouble(0, 1, y, xx), 0, "out channel 1 stays zero");
            }
        }
    }

    @Test
    void ndSameModeIsNotTheDoublingLayer() {
        // ND4J's SAME transposed convolution also maps n -> 2n, but crops (k-2)/2 rows at the top-left (TF
        // convention) where PyTorch's padding crops p = (k-1)/2: for k = 3 the two differ by one pixel shift.
        Random r = new Random(5);
        int k = 3, n = 4, inC = 2, outC = 3;
        double[][][][] in = random4(r, 1, inC, n, n);
        double[][][][] w = random4(r, k, k, outC, inC);
        double[] bias = {0.1, -0.2, 0.3};
        SameDiff sd = graph(k, n, inC, outC, f32(w), Nd4j.createFromArray(bias).castTo(DataType.FLOAT), null);
        Map<String, INDArray> out = sd.output(Map.of("x", f32(in)), "doubled", "same");
        assertArrayEquals(out.get("doubled").shape(), out.get("same").shape());
        assertMatches(reference(in, w, bias, k, 2, (k - 2) / 2, 2 * n), out.get("same"), 1e-4, "SAME = crop (k-2)/2");
        double diff = out.get("same").sub(out.get("doubled")).norm2Number().doubleValue();
        assertTrue(diff > 1e-2, "SAME mode would shift the decoder's output by one pixel");
    }

    @Test
    void decoderMapsLatentsToImages() {
        SameDiff sd = SameDiff.create();
        Layers layers = new Layers(sd);
        ConvNets.Decoder dec = ConvNets.Decoder.create(layers, new ParamGroup("g", 1e-3), "dec", 5);
        SDVariable z = sd.placeHolder("z", DataType.FLOAT, -1, 5);
        sd.identity("img", dec.apply(layers, z));
        INDArray img = sd.output(Map.of("z", Nd4j.randn(DataType.FLOAT, 2, 5)), "img").get("img");
        assertArrayEquals(new long[]{2, 3, 64, 64}, img.shape());
    }
}
