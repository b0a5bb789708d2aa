package slaclab.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A stride-2 transposed convolution that doubles an n x n map to 2n x 2n (PyTorch's ConvTranspose2d with padding
 * p = (k-1)/2 and output padding 1), computed without the zeros a transposed convolution scatters into:
 * <pre>
 *   out[2m + r] = b + sum_d in[m + d] * w[r + p - 2d]      (per axis, r in {0, 1}, taps with 0 <= r + p - 2d < k)
 * </pre>
 * so each of the four output phases (ry, rx) is a stride-1 convolution of the input with a T x T sub-kernel of w
 * (T = 2 for k = 3, T = 3 for k = 5). The four phases run as ONE stride-1 convolution with 4 outC output channels,
 * and one rank-4 transpose interleaves them into the 2n x 2n map. NHWC in (and NHWC or NCHW out).
 * <p>
 * The sub-kernels are gathered from the paper's kernel w [k, k, outC, inC] inside the graph (a constant 0/1 matrix
 * times w), so the parameters, their initialisation and their gradients stay those of the transposed convolution.
 * Work: 4 T^2 taps per output quad instead of k^2 (1.8x for k = 3, 1.4x for k = 5), which oneDNN's stride-1 NHWC
 * convolution runs at 160-240 useful GFLOP/s here, against 30-165 for ND4J's transposed convolution on 288 frames;
 * its backward pass computes the whole gathered kernel, so in a training step the layer costs about what the
 * transposed convolution did (measured by {@code bench}; see the README's "Speed").
 */
public final class SubPixel {
    private SubPixel() {
    }

    /** The geometry of one kernel size: taps d = dMin .. dMin + T - 1 on each axis. */
    record Taps(int k, int p, int dMin, int count) {
        static Taps of(int k) {
            int p = (k - 1) / 2;
            int dMin = Integer.MAX_VALUE, dMax = Integer.MIN_VALUE;
            for (int r = 0; r < 2; r++) {
                for (int d = -k; d <= k; d++) {
                    int kk = r + p - 2 * d;
                    if (kk >= 0 && kk < k) {
                        dMin = Math.min(dMin, d);
                        dMax = Math.max(dMax, d);
                    }
                }
            }
            Taps t = new Taps(k, p, dMin, dMax - dMin + 1);
            // ND4J's SAME padding for a stride-1 T x T kernel pads floor((T-1)/2) before: it must be our -dMin.
            if (-dMin != (t.count - 1) / 2) {
                throw new IllegalArgumentException("no sub-pixel form with SAME padding for kernel size " + k);
            }
            return t;
        }

        /** The kernel index that tap index i (0 .. T-1) of phase r reads, or -1 where the phase has no such tap. */
        int kernelIndex(int r, int i) {
            int kk = r + p - 2 * (i + dMin);
            return kk >= 0 && kk < k ? kk : -1;
        }
    }

    /**
     * The 0/1 matrix S [T*T*4, k*k] with S[((iy*T + ix)*2 + ry)*2 + rx, ky*k + kx] = 1 where phase (ry, rx)'s tap
     * (iy, ix) reads kernel entry (ky, kx).
     */
    static INDArray selection(Taps t, org.nd4j.linalg.api.buffer.DataType type) {
        int n = t.count;
        INDArray s = Nd4j.zeros(type, (long) n * n * 4, (long) t.k * t.k);
        for (int iy = 0; iy < n; iy++) {
            for (int ix = 0; ix < n; ix++) {
                for (int ry = 0; ry < 2; ry++) {
                    for (int rx = 0; rx < 2; rx++) {
                        int ky = t.kernelIndex(ry, iy), kx = t.kernelIndex(rx, ix);
                        if (ky >= 0 && kx >= 0) {
                            s.putScalar(new long[]{((iy * n + ix) * 2 + ry) * 2 + rx, (long) ky * t.k + kx}, 1.0);
                        }
                    }
                }
            }
        }
        return s;
    }

    /** [N, n, n, inC] NHWC -> [N, 2n, 2n, outC] NHWC, the transposed convolution {@code conv} (stride 2). */
    public static SDVariable doubling(SameDiff sd, Layers.Conv conv, SDVariable xNhwc, int n) {
        return doubling(sd, conv, xNhwc, n, false);
    }

    /**
     * The same, with the output NCHW [N, outC, 2n, 2n] if {@code nchwOut} (the decoder's image): the phases are
     * interleaved and transposed in one copy.
     * <p>
     * The interleave is one rank-4 transpose (one copy of the activation): ND4J's depth_to_space does the same at
     * about a seventh of the speed (45 ms against 6.5 ms on 9.4 M floats, 2 cores).
     */
    public static SDVariable doubling(SameDiff sd, Layers.Conv conv, SDVariable xNhwc, int n, boolean nchwOut) {
        long[] ws = conv.w().getShape();                                        // [k, k, outC, inC]
        int k = conv.k();
        long outC = ws[2], inC = ws[3];
        Taps t = Taps.of(k);
        int taps = t.count;
        SDVariable sel = sd.constant(selection(t, conv.w().dataType()));       // [T*T*4, k*k]
        SDVariable gathered = sel.mmul(sd.reshape(conv.w(), (long) k * k, outC * inC)); // [T*T*4, outC*inC]
        SDVariable kernel = sd.reshape(sd.permute(sd.reshape(gathered, taps, taps, 2, 2, outC, inC), 0, 1, 5, 2, 3, 4),
                taps, taps, inC, 4 * outC);                                          // [T, T, inC, (ry, rx, outC)]
        SDVariable bias = sd.concat(0, conv.b(), conv.b(), conv.b(), conv.b()); // [(ry, rx, outC)]
        Conv2DConfig c = Conv2DConfig.builder().kH(taps).kW(taps).sH(1).sW(1).pH(0).pW(0)
                .paddingMode(PaddingMode.SAME).dataFormat(Conv2DConfig.NHWC).build();
        SDVariable phases = sd.cnn().conv2d(xNhwc, kernel, bias, c);           // [N, n, n, (ry, rx, outC)]
        // Interleave: per output row pair, swap the axes x and ry of [N*n, x, ry, (rx, outC)], a rank-4 transpose
        // (ND4J copies those fast; its rank-6 transposes and depth_to_space run 5-7x slower).
        SDVariable rows = sd.permute(sd.reshape(phases, -1, n, 2, 2 * outC), 0, 2, 1, 3);    // [N*n, ry, x, (rx, c)]
        SDVariable nhwc = sd.reshape(rows, -1, 2 * n, 2 * n, outC);                         // [N, 2n, 2n, outC]
        return nchwOut ? sd.permute(nhwc, 0, 3, 1, 2) : nhwc;
    }
}
