package slaclab.models.nn;

import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Listener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the time of an update goes, for {@code bench}: the wall time of every graph op, summed per part of the
 * network. Ops are told apart by the name scopes the networks are built in ({@link #ENCODER}, {@link #DECODER},
 * {@link #RECURRENCE}, {@link #LOSSES}); an op built outside them (the backward graph is) counts for the scope of
 * the first scoped value it reads, and as backward when it reads or writes a gradient ("-grad", "_bp"). The optimiser's time comes from {@link ParamGroup#step}. Off unless attached.
 */
public final class OpTimes {
    public static final String ENCODER = "encoder_net";
    public static final String DECODER = "decoder_net";
    public static final String RECURRENCE = "recurrence";
    public static final String LOSSES = "losses";

    /** The parts of the breakdown, in print order. */
    public enum Part {
        ENCODER_FORWARD("encoder fwd"), ENCODER_BACKWARD("encoder bwd"), DECODER_FORWARD("decoder fwd"),
        DECODER_BACKWARD("decoder bwd"), RECURRENCE("recurrence fwd+bwd"), LOSSES("losses fwd+bwd"),
        ACTOR_CRITIC("actor-critic nets fwd+bwd"), OPTIMISER("optimiser (Adam, target EMA)"),
        OTHER_OPS("other ops (reshapes, stacks)");

        private final String label;

        Part(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Map<Part, Long> nanos = new EnumMap<>(Part.class);
    private final Map<String, Part> partOfOp = new HashMap<>();
    private long opStart;

    /** Nanoseconds per part since the last {@link #reset}. */
    public synchronized Map<Part, Long> nanos() {
        return new EnumMap<>(nanos);
    }

    public synchronized void reset() {
        nanos.clear();
    }

    public synchronized void add(Part part, long ns) {
        nanos.merge(part, ns, Long::sum);
    }

    /** A listener for one graph; ops outside the known scopes count as {@code unscoped}. */
    public Listener listener(Part unscoped) {
        return new BaseListener() {
            @Override
            public boolean isActive(Operation operation) {
                return true;
            }

            @Override
            public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
                opStart = System.nanoTime();
            }

            @Override
            public void opExecution(SameDiff sd, At at, org.nd4j.linalg.dataset.api.MultiDataSet batch, SameDiffOp op,
                                    OpContext opContext, INDArray[] outputs) {
                long ns = System.nanoTime() - opStart;
                add(partOfOp.computeIfAbsent(op.getName(), k -> classify(op, unscoped)), ns);
            }
        };
    }

    static Part classify(SameDiffOp op, Part unscoped) {
        boolean backward = op.getName().contains("_bp") || op.getName().contains("grad")
                || op.getOutputsOfOp().stream().anyMatch(o -> o.contains("-grad"))
                || op.getInputsToOp().stream().anyMatch(i -> i.contains("-grad"));
        String scope = scopeOf(op.getName());
        if (scope == null) {
            for (String in : op.getInputsToOp()) {
                scope = scopeOf(in);
                if (scope != null) {
                    break;
                }
            }
        }
        if (scope == null) {
            return unscoped;
        }
        switch (scope) {
            case ENCODER:
                return backward ? Part.ENCODER_BACKWARD : Part.ENCODER_FORWARD;
            case DECODER:
                return backward ? Part.DECODER_BACKWARD : Part.DECODER_FORWARD;
            case RECURRENCE:
                return Part.RECURRENCE;
            default:
                return Part.LOSSES;
        }
    }

    private static String scopeOf(String name) {
        for (String s : new String[]{ENCODER, DECODER, RECURRENCE, LOSSES}) {
            if (name.startsWith(s + "/")) {
                return s;
            }
        }
        // a backward op may read only the layer's parameters and unscoped gradient sums (the first convolution's)
        if (name.startsWith("encoder/")) {
            return ENCODER;
        }
        return name.startsWith("decoder/") ? DECODER : null;
    }
}
