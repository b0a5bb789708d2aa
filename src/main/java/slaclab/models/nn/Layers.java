package slaclab.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.weightinit.impl.XavierUniformInitScheme;

/**
 * Builds the paper's layers into one SameDiff graph (Appendix B): Glorot-uniform weights, zero biases,
 * LeakyReLU(0.2) between hidden layers. Every trainable variable is registered in a {@link ParamGroup}.
 */
public final class Layers {
    public static final double LEAKY_SLOPE = 0.2;
    public static final int HIDDEN = 256;

    private final SameDiff sd;
    private final boolean forwardOnly;

    public Layers(SameDiff sd) {
        this(sd, false);
    }

    /** @param forwardOnly the graph never runs backward: activations may take forms that are fast only forward */
    public Layers(SameDiff sd, boolean forwardOnly) {
        this.sd = sd;
        this.forwardOnly = forwardOnly;
    }

    public SameDiff sd() {
        return sd;
    }

    /** Weight [in, out] and bias [out] of a fully connected layer, created once under {@code name}. */
    public Dense dense(ParamGroup group, String name, int in, int out) {
        return dense(group, name, in, out, Init.GLOROT);
    }

    /** Weight [in, out] drawn as {@code init} says, and a zero bias [out], created once under {@code name}. */
    public Dense dense(ParamGroup group, String name, int in, int out, Init init) {
        SDVariable w = init == Init.ORTHOGONAL
                ? sd.var(name + "/w", Orthogonal.weight(in, out))
                : sd.var(name + "/w", new XavierUniformInitScheme('c', in, out), DataType.FLOAT, in, out);
        SDVariable b = sd.var(name + "/b", Nd4j.zeros(DataType.FLOAT, out));
        group.add(w, b);
        return new Dense(w, b);
    }

    /** A free trainable array (e.g. log alpha) initialised to {@code init}. */
    public SDVariable parameter(ParamGroup group, String name, org.nd4j.linalg.api.ndarray.INDArray init) {
        SDVariable v = sd.var(name, init);
        group.add(v);
        return v;
    }

    /** A two-hidden-layer MLP (2 x 256, LeakyReLU, Glorot) with a linear output of size {@code out}. */
    public Mlp mlp(ParamGroup group, String name, int in, int out) {
        return mlp(group, name, in, out, HIDDEN, Activation.LEAKY_RELU, Init.GLOROT);
    }

    /** A two-hidden-layer MLP (2 x {@code hidden}, {@code activation}, weights drawn as {@code init} says). */
    public Mlp mlp(ParamGroup group, String name, int in, int out, int hidden, Activation activation, Init init) {
        return new Mlp(dense(group, name + "/0", in, hidden, init), dense(group, name + "/1", hidden, hidden, init),
                dense(group, name + "/2", hidden, out, init), activation);
    }

    /** How a fully connected layer's initial weights are drawn (biases start at zero either way). */
    public enum Init {
        /** Glorot (Xavier) uniform, U(-sqrt(6 / (in + out)), +): the paper's (Appendix B), the lab's default. */
        GLOROT,
        /** Orthogonal, gain 1: pytorch_sac's, the published state-SAC code ({@link Orthogonal}). */
        ORTHOGONAL;

        /** The scheme a preset names; IllegalArgumentException naming the choices otherwise. */
        public static Init of(String key) {
            return PresetChoice.of(Init.class, key, "weightInit",
                    "glorot (uniform, the paper's) or orthogonal (pytorch_sac's)");
        }
    }

    /** The nonlinearity between an MLP's hidden layers. */
    public enum Activation {
        /** LeakyReLU(0.2): the paper's (Appendix B), every network of the lab by default. */
        LEAKY_RELU,
        /** ReLU: rlkit's and pytorch_sac's SAC networks. */
        RELU;

        /** The activation a preset names; IllegalArgumentException naming the choices otherwise. */
        public static Activation of(String key) {
            return PresetChoice.of(Activation.class, key, "activation", "leaky_relu (the paper's) or relu");
        }

        SDVariable apply(Layers layers, SDVariable x) {
            return layers.slopeTimes(x, this == RELU ? 0.0 : LEAKY_SLOPE);
        }
    }

    /** A convolution kernel [kH, kW, inC, outC] (YXIO) and bias [outC]. */
    public Conv conv(ParamGroup group, String name, int k, int stride, int pad, int inC, int outC) {
        SDVariable w = sd.var(name + "/w", new XavierUniformInitScheme('c', k * k * inC, k * k * outC),
                DataType.FLOAT, k, k, inC, outC);
        SDVariable b = sd.var(name + "/b", Nd4j.zeros(DataType.FLOAT, outC));
        group.add(w, b);
        return new Conv(w, b, k, stride, pad);
    }

    /**
     * A transposed-convolution kernel [kH, kW, outC, inC] and bias [outC], Glorot-uniform over the kernel's fans
     * (k^2 inC and k^2 outC), as TensorFlow and PyTorch initialise a transposed convolution.
     */
    public Conv deconvKernel(ParamGroup group, String name, int k, int stride, int inC, int outC) {
        SDVariable w = sd.var(name + "/w", new XavierUniformInitScheme('c', k * k * inC, k * k * outC),
                DataType.FLOAT, k, k, outC, inC);
        SDVariable b = sd.var(name + "/b", Nd4j.zeros(DataType.FLOAT, outC));
        group.add(w, b);
        return new Conv(w, b, k, stride, 0);
    }

    /** LeakyReLU(0.2), ND4J's fused op. */
    public SDVariable leaky(SDVariable x) {
        return sd.nn().leakyRelu(x, LEAKY_SLOPE);
    }

    /**
     * x times its slope (1 where x > 0, {@code negativeSlope} elsewhere), the slope computed from x behind a
     * stop-gradient: the values and the gradient (the slope) of LeakyReLU, or of ReLU for slope 0, from vectorised
     * ops. ND4J 1.0.0-M2.1 runs the fused leakyrelu, its backward lrelu_bp and relu's thresholdedrelu_bp as scalar
     * per-element loops: in the state baseline's update they took 15 of its 34 ms of ops, more than the matrix
     * products around them. Used between an MLP's layers; the convolutions keep the fused op, whose large
     * activations the slope array would double in memory.
     */
    SDVariable slopeTimes(SDVariable x, double negativeSlope) {
        SDVariable positive = sd.castTo(sd.gt(stopGradient(x), 0.0), x.dataType());
        return x.mul(negativeSlope == 0.0 ? positive : positive.mul(1.0 - negativeSlope).add(negativeSlope));
    }

    /**
     * LeakyReLU(0.2) of a convolution's output. In a forward-only graph it is max(x, 0.2 x), the same values from two
     * vectorised ops: ND4J 1.0.0-M2.1 runs its fused leakyrelu as a scalar per-element loop, which was the
     * slowest part of the encoder's forward pass over 2,304 frames after the convolutions. A graph that back-propagates
     * keeps the fused op (the backward pass of a pairwise max is slower still).
     */
    public SDVariable leakyConv(SDVariable x) {
        return forwardOnly ? sd.math().max(x, x.mul(LEAKY_SLOPE)) : leaky(x);
    }

    public SDVariable stopGradient(SDVariable x) {
        return new StopGradient(sd, x).outputVariable();
    }

    /** A fully connected layer. */
    public record Dense(SDVariable w, SDVariable b) {
        /**
         * x w + b as a matrix product and an add: ND4J's fused xw_plus_b op took about 2.5 ms on an [8, 256] x [256, 256]
         * product (its oneDNN path), the plain matmul 0.15 ms.
         */
        public SDVariable apply(SameDiff sd, SDVariable x) {
            return x.mmul(w).add(b);
        }

        /** The same layer with its parameters behind a stop-gradient: gradients reach x but not w, b. */
        public Dense frozen(Layers layers) {
            return new Dense(layers.stopGradient(w), layers.stopGradient(b));
        }
    }

    /** Two hidden layers (LeakyReLU unless said otherwise) and a linear output. */
    public record Mlp(Dense l0, Dense l1, Dense out, Activation activation) {
        /** LeakyReLU(0.2) between the layers, the paper's. */
        public Mlp(Dense l0, Dense l1, Dense out) {
            this(l0, l1, out, Activation.LEAKY_RELU);
        }

        /** Multiply-adds of one row through {@link Layers#mlp}(in, out). */
        public static long macs(int in, int out) {
            return macs(in, out, HIDDEN);
        }

        /** Multiply-adds of one row through {@link Layers#mlp}(in, out, hidden). */
        public static long macs(int in, int out, int hidden) {
            return (long) in * hidden + (long) hidden * hidden + (long) hidden * out;
        }

        public SDVariable apply(Layers layers, SDVariable x) {
            SameDiff sd = layers.sd();
            SDVariable h = activation.apply(layers, l0.apply(sd, x));
            h = activation.apply(layers, l1.apply(sd, h));
            return out.apply(sd, h);
        }

        public Mlp frozen(Layers layers) {
            return new Mlp(l0.frozen(layers), l1.frozen(layers), out.frozen(layers), activation);
        }
    }

    /** A 2-D (transposed) convolution's parameters and geometry. */
    public record Conv(SDVariable w, SDVariable b, int k, int stride, int pad) {
        /** The convolution on NCHW activations. */
        public SDVariable conv(SameDiff sd, SDVariable x) {
            return conv(sd, x, Conv2DConfig.NCHW);
        }

        /**
         * The convolution on NHWC activations: on their own, oneDNN runs the encoder's 32-256 channel layers 1.4-1.8x
         * faster in NHWC than in NCHW on 2,304 frames (the 3-channel first layer 10x slower, so that one stays NCHW);
         * inside the training graph the two layouts measured about even (README, "Speed").
         */
        public SDVariable convNhwc(SameDiff sd, SDVariable x) {
            return conv(sd, x, Conv2DConfig.NHWC);
        }

        private SDVariable conv(SameDiff sd, SDVariable x, String format) {
            Conv2DConfig c = Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(pad).pW(pad)
                    .paddingMode(PaddingMode.VALID).dataFormat(format).build();
            return sd.cnn().conv2d(x, w, b, c);
        }

        /**
         * A convolution whose kernel covers its whole k x k input (the encoder's last layer, 4x4 valid on a 4x4 map),
         * which is a matrix product: NHWC input flattened to [N, k*k*inC] (row order y, x, c) times the kernel
         * [k, k, inC, outC] flattened to [k*k*inC, outC]. Output [N, outC].
         */
        public SDVariable convWholeMap(SameDiff sd, SDVariable xNhwc) {
            long rows = w.getShape()[0] * w.getShape()[1] * w.getShape()[2];
            SDVariable flat = sd.reshape(xNhwc, -1, rows);
            return flat.mmul(sd.reshape(w, rows, -1)).add(b);
        }

        /**
         * The transposed convolution of a 1 x 1 map (the decoder's first layer, 4x4 from 1x1): each input vector
         * [N, inC] times the kernel [k, k, outC, inC] gives a k x k map, plus one bias per channel. Output NHWC
         * [N, k, k, outC].
         */
        public SDVariable deconvFromPoint(SameDiff sd, SDVariable x) {
            long outC = w.getShape()[2];
            SDVariable flat = sd.reshape(w, (long) k * k * outC, -1);                 // [k*k*outC, inC]
            SDVariable map = sd.mmul(x, flat, false, true, false);                  // [N, k*k*outC], (y, x, c)
            return sd.reshape(map, -1, k, k, outC).add(b);
        }

        /** Transposed convolution without padding: out = stride * (in - 1) + k. */
        public SDVariable deconvValid(SameDiff sd, SDVariable x) {
            DeConv2DConfig c = DeConv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(0).pW(0)
                    .isSameMode(false).dataFormat(DeConv2DConfig.NCHW).build();
            return sd.cnn().deconv2d(x, w, b, c);
        }

        /**
         * ND4J's SAME-mode transposed convolution, out = stride * in. Not used by the networks: it runs 2-4x slower
         * than the VALID path and crops (k-2)/2 rows at the top-left (TensorFlow's convention), not PyTorch's (k-1)/2,
         * so for k = 3 it is shifted one pixel against {@link slaclab.models.ConvNets#doubling}.
         */
        public SDVariable deconvSame(SameDiff sd, SDVariable x) {
            DeConv2DConfig c = DeConv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(0).pW(0)
                    .isSameMode(true).dataFormat(DeConv2DConfig.NCHW).build();
            return sd.cnn().deconv2d(x, w, b, c);
        }
    }
}
