package slaclab.models.nn;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A GRU cell (Cho et al. 2014) written from SameDiff matrix products and elementwise ops, so that it backpropagates
 * like every other layer (SameDiff's gruCell op is not used). TensorFlow's GRUCell formulation, which PlaNet's RSSM
 * uses:
 * <pre>
 *   [r, u] = sigmoid([x, h] W_g + b_g)
 *   c      = tanh([x, r * h] W_c + b_c)
 *   h'     = u * h + (1 - u) * c
 * </pre>
 * Weights Glorot-uniform, biases zero (the project's initialisation; TensorFlow starts the gate bias at 1).
 *
 * @param gates     [in + hidden, 2 hidden]: reset gate, then update gate
 * @param candidate [in + hidden, hidden]
 * @param hidden    state size
 */
public record Gru(Layers.Dense gates, Layers.Dense candidate, int hidden) {
    public static Gru create(Layers layers, ParamGroup group, String name, int in, int hidden) {
        return new Gru(layers.dense(group, name + "/gates", in + hidden, 2 * hidden),
                layers.dense(group, name + "/candidate", in + hidden, hidden), hidden);
    }

    /** One step: x [N, in], h [N, hidden] -> h' [N, hidden]. */
    public SDVariable apply(SameDiff sd, SDVariable x, SDVariable h) {
        SDVariable g = sd.nn().sigmoid(gates.apply(sd, sd.concat(1, x, h)));
        SDVariable r = g.get(SDIndex.all(), SDIndex.interval(0, hidden));
        SDVariable u = g.get(SDIndex.all(), SDIndex.interval(hidden, 2 * hidden));
        SDVariable c = sd.math().tanh(candidate.apply(sd, sd.concat(1, x, r.mul(h))));
        return u.mul(h).add(u.rsub(1.0).mul(c));
    }
}
