package slaclab.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named set of trainable variables with its own Adam optimiser (the paper trains the model, the critic,
 * the actor and alpha each with Adam). Parameters are updated in place, so every graph that shares the
 * arrays sees the new values.
 */
public final class ParamGroup {
    private OpTimes times;
    private long version;
    private final String name;
    private final double learningRate;
    private final List<SDVariable> vars = new ArrayList<>();
    private final Map<String, AdamUpdater> updaters = new LinkedHashMap<>();
    private int iteration;

    public ParamGroup(String name, double learningRate) {
        this.name = name;
        this.learningRate = learningRate;
    }

    public String name() {
        return name;
    }

    void add(SDVariable... vs) {
        Collections.addAll(vars, vs);
    }

    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (SDVariable v : vars) {
            out.add(v.name());
        }
        return out;
    }

    public List<SDVariable> variables() {
        return Collections.unmodifiableList(vars);
    }

    public int iteration() {
        return iteration;
    }

    public long parameterCount() {
        long n = 0;
        for (SDVariable v : vars) {
            n += v.getArr().length();
        }
        return n;
    }

    /** Copies the values (not the Adam state) of a group built by the same code, variable by variable. */
    /** Counts every change of the values through this class (steps, loads, copies, moving averages). */
    public long version() {
        return version;
    }

    public void assignFrom(ParamGroup source) {
        version++;
        if (source.vars.size() != vars.size()) {
            throw new IllegalArgumentException("group " + source.name + " has " + source.vars.size()
                    + " variables, " + name + " has " + vars.size());
        }
        for (int i = 0; i < vars.size(); i++) {
            SDVariable to = vars.get(i), from = source.vars.get(i);
            if (!to.name().equals(from.name())) {
                throw new IllegalArgumentException("variable " + i + " is " + from.name() + " in the source, " + to.name());
            }
            to.getArr().assign(from.getArr());
        }
    }

    /** Exponential moving average towards a group built by the same code: theta_bar <- tau theta + (1 - tau) theta_bar. */
    public void moveTowards(ParamGroup source, double tau) {
        version++;
        long t0 = System.nanoTime();
        for (int i = 0; i < vars.size(); i++) {
            // In place (no temporary the size of the group): theta_bar *= 1 - tau, then theta_bar += tau theta.
            INDArray to = vars.get(i).getArr();
            Nd4j.getBlasWrapper().level1().axpy(to.length(), tau, source.vars.get(i).getArr(), to.muli(1 - tau));
        }
        timed(t0);
    }

    /** Counts the time of every later {@link #step} and {@link #moveTowards} as the optimiser's in {@code times}. */
    public void timeWith(OpTimes times) {
        this.times = times;
    }

    private void timed(long t0) {
        if (times != null) {
            times.add(OpTimes.Part.OPTIMISER, System.nanoTime() - t0);
        }
    }

    /** One Adam step: param -= adam(gradient). The gradient arrays are consumed (overwritten). */
    public void step(Map<String, INDArray> gradients) {
        version++;
        long t0 = System.nanoTime();
        for (SDVariable v : vars) {
            INDArray g = gradients.get(v.name());
            if (g == null) {
                throw new IllegalStateException("no gradient for " + v.name() + " in group " + name);
            }
            AdamUpdater u = updaters.computeIfAbsent(v.name(), k -> newUpdater(g.length()));
            INDArray flat = g.reshape('c', new long[]{g.length()});
            u.applyUpdater(flat, iteration, 0);
            v.getArr().subi(flat.reshape('c', g.shape()));
        }
        iteration++;
        timed(t0);
    }

    private AdamUpdater newUpdater(long length) {
        AdamUpdater u = new AdamUpdater(new Adam(learningRate));
        INDArray state = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 2 * length);
        u.setStateViewArray(state, new long[]{1, length}, 'c', true);
        return u;
    }

    /**
     * Written before every group since SLAC Lab 0.2, whose networks are the paper's exact layers (the decoder's first
     * layer a 4x4 transposed convolution with one bias per channel, Glorot ranges over kernel fans, NHWC kernels).
     * A checkpoint of 0.1 starts with the group's name instead and is refused by {@link #load}.
     */
    public static final String FORMAT = "slaclab-params/2";

    /** What a save keeps. */
    public enum Storage {
        /** float32 parameters, Adam moments and the iteration count: training continues exactly (checkpoints). */
        CHECKPOINT,
        /**
         * Parameters only, in half precision (a lesson's stages): a quarter of a checkpoint's size. Loading one
         * rounds nothing further and starts Adam afresh.
         */
        COMPACT,
        /**
         * Parameters only, 8 bits each: every block of {@link Quantised#BLOCK} values keeps its own minimum and step,
         * so a value is off by at most half a step (1/510 of its block's range). An eighth of a checkpoint; for a
         * lesson's earlier stages, which act and draw rollouts but do not train on.
         */
        COMPACT_8BIT
    }

    /** The mark of a {@link Storage#COMPACT} group. */
    public static final String COMPACT_FORMAT = "slaclab-params-half/1";
    /** The mark of a {@link Storage#COMPACT_8BIT} group. */
    public static final String COMPACT_8BIT_FORMAT = "slaclab-params-q8/1";

    /** Writes parameters, Adam moments and the iteration count. */
    public void save(DataOutputStream out) throws IOException {
        save(out, Storage.CHECKPOINT);
    }

    /** Writes what {@code storage} keeps; {@link #load} reads either. */
    public void save(DataOutputStream out, Storage storage) throws IOException {
        boolean compact = storage == Storage.COMPACT;
        boolean q8 = storage == Storage.COMPACT_8BIT;
        out.writeUTF(compact ? COMPACT_FORMAT : q8 ? COMPACT_8BIT_FORMAT : FORMAT);
        out.writeUTF(name);
        out.writeInt(iteration);
        out.writeInt(vars.size());
        for (SDVariable v : vars) {
            out.writeUTF(v.name());
            if (q8) {
                Quantised.write(v.getArr(), out);
                continue;
            }
            if (compact) {
                try (INDArray half = v.getArr().castTo(DataType.HALF)) {
                    Nd4j.write(half, out);
                }
                continue;
            }
            Nd4j.write(v.getArr(), out);
            AdamUpdater u = updaters.get(v.name());
            out.writeBoolean(u != null);
            if (u != null) {
                Nd4j.write(u.getM(), out);
                Nd4j.write(u.getV(), out);
            }
        }
    }

    /** Nd4j.read reports a cut-off or corrupt stream as an unchecked exception; callers of load expect IOException. */
    private static INDArray read(DataInputStream in, String what) throws IOException {
        try {
            return Nd4j.read(in);
        } catch (RuntimeException e) {
            throw new IOException("checkpoint is truncated or corrupt at " + what, e);
        }
    }

    /** Reads what {@link #save} wrote into the existing arrays; fails on any name or shape mismatch. */
    public void load(DataInputStream in) throws IOException {
        version++;
        String format = in.readUTF();
        if (!format.equals(FORMAT) && !format.matches("[a-z][a-z0-9:/-]*")) {
            throw new IOException("checkpoint is corrupt or not a SLAC Lab checkpoint (no parameter format mark)");
        }
        boolean q8 = format.equals(COMPACT_8BIT_FORMAT);
        boolean compact = format.equals(COMPACT_FORMAT) || q8;
        if (!format.equals(FORMAT) && !compact) {
            throw new IOException("the checkpoint was written by SLAC Lab 0.1, whose networks differ from the paper's"
                    + " layers that this version trains (decoder's first layer, initial weight ranges); it cannot be"
                    + " continued here: start a new run from its config.json (train --preset DIR/config.json), or"
                    + " continue it with SLAC Lab 0.1.0");
        }
        String n = in.readUTF();
        if (!n.equals(name)) {
            throw new IOException("checkpoint holds parameter group '" + n + "' where '" + name + "' was expected");
        }
        iteration = in.readInt();
        if (compact) {
            iteration = 0;  // Adam starts afresh, bias correction included
        }
        int count = in.readInt();
        if (count != vars.size()) {
            throw new IOException("group " + name + ": checkpoint has " + count + " arrays, model has " + vars.size());
        }
        for (SDVariable v : vars) {
            String vn = in.readUTF();
            INDArray arr = q8 ? Quantised.read(in, v.name()) : read(in, v.name());
            if (vn.equals(v.name()) && !java.util.Arrays.equals(arr.shape(), v.getArr().shape())) {
                throw new ParamShapeException(vn, arr.shape(), v.getArr().shape());
            }
            if (!vn.equals(v.name())) {
                throw new IOException("checkpoint array " + vn + java.util.Arrays.toString(arr.shape())
                        + " does not match " + v.name() + java.util.Arrays.toString(v.getArr().shape()));
            }
            if (compact) {
                v.getArr().assign(arr.castTo(v.getArr().dataType()));
                updaters.remove(v.name());
                continue;
            }
            v.getArr().assign(arr);
            if (in.readBoolean()) {
                INDArray m = read(in, v.name() + " (Adam m)");
                INDArray s = read(in, v.name() + " (Adam v)");
                AdamUpdater u = updaters.computeIfAbsent(v.name(), k -> newUpdater(m.length()));
                u.getM().assign(m);
                u.getV().assign(s);
            } else {
                updaters.remove(v.name());
            }
        }
    }
}
