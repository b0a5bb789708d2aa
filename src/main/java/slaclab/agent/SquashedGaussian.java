package slaclab.agent;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import slaclab.models.nn.Gaussians;
import slaclab.models.nn.Layers;

/** SAC's tanh-squashed Gaussian policy head, shared by SLAC's actor and the baselines. */
final class SquashedGaussian {
    private SquashedGaussian() {
    }

    /** Pre-squash mean, log-std, the squashed sample and its log-density [N, 1]. */
    record Policy(SDVariable mean, SDVariable logStd, SDVariable action, SDVariable logProb) {
    }

    /**
     * u = mean + std * eps, a = tanh(u), log pi(a) = sum[log N(u; mean, std)] - sum[log(1 - tanh(u)^2)], with
     * log(1 - tanh(u)^2) = 2 (log 2 - u - softplus(-2u)) (SAC, Haarnoja et al. 2018, Eq. 21), with the
     * overflow-safe {@link Gaussians#softplus} (ND4J's overflows for u < -44); the log-std kept in range by {@code bounds}.
     */
    static Policy policy(Layers layers, Layers.Mlp pi, SDVariable input, SDVariable eps, int a, LogStdBounds bounds) {
        SameDiff g = layers.sd();
        SDVariable out = pi.apply(layers, input);
        SDVariable mean = out.get(SDIndex.all(), SDIndex.interval(0, a));
        SDVariable logStd = bounds.apply(g, out.get(SDIndex.all(), SDIndex.interval(a, 2 * a)));
        SDVariable u = mean.add(g.math().exp(logStd).mul(eps));
        SDVariable gaussLog = g.math().square(eps).mul(-0.5).sub(logStd).sub(Gaussians.HALF_LOG_2PI);
        SDVariable logDetJac = u.neg().add(Math.log(2.0)).sub(Gaussians.softplus(g, u.mul(-2.0))).mul(2.0);
        // Sum over action components as a product with a ones column: ND4J's reduce_sum fails on [N, 1] inputs.
        SDVariable logProb = g.mmul(gaussLog.sub(logDetJac), g.constant(Nd4j.ones(DataType.FLOAT, a, 1)));
        return new Policy(mean, logStd, g.math().tanh(u), logProb);
    }
}
