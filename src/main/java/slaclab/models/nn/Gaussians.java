package slaclab.models.nn;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** Diagonal-Gaussian algebra as SameDiff expressions; the last axis is the event axis. */
public final class Gaussians {
    /** 0.5 * ln(2 pi). */
    public static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    /** Added to softplus so no standard deviation is ever zero (Appendix B heads). */
    public static final double MIN_STD = 1e-5;

    private Gaussians() {
    }

    /** A diagonal Gaussian given by its mean and standard deviation, both [..., d]. */
    public record Normal(SDVariable mean, SDVariable std) {
        /** Reparameterised sample mean + std * eps. */
        public SDVariable sample(SDVariable eps) {
            return mean.add(std.mul(eps));
        }
    }

    /**
     * softplus(x) = log(1 + e^x) in the overflow-safe form (x + |x|) / 2 + log1p(e^-|x|). ND4J's own softplus
     * computes log(1 + e^x), which is infinite above x ~ 88.7 in float32. Built from SameDiff ops, so autodiff gives
     * the derivative sigmoid(x), including 1/2 at x = 0 (there |x|' = sign(0) = 0).
     */
    public static SDVariable softplus(SameDiff sd, SDVariable x) {
        SDVariable abs = sd.math().abs(x);
        return x.add(abs).mul(0.5).add(sd.math().log1p(sd.math().exp(abs.neg())));
    }

    /** Splits a [N, 2d] head output into mean = first half and std = softplus(second half) + 1e-5. */
    public static Normal head(SameDiff sd, SDVariable raw, int d) {
        SDVariable mean = raw.get(SDIndex.all(), SDIndex.interval(0, d));
        SDVariable pre = raw.get(SDIndex.all(), SDIndex.interval(d, 2 * d));
        return new Normal(mean, softplus(sd, pre).add(MIN_STD));
    }

    /** KL(q || p) of diagonal Gaussians, summed over the last axis: [N, d] -> [N]. */
    public static SDVariable kl(SameDiff sd, Normal q, Normal p) {
        SDVariable varRatioTerm = sd.math().square(q.std()).add(sd.math().square(q.mean().sub(p.mean())))
                .div(sd.math().square(p.std()).mul(2.0));
        SDVariable logRatio = sd.math().log(p.std().div(q.std()));
        return logRatio.add(varRatioTerm).sub(0.5).sum(-1);
    }

    /** KL(q || N(0, I)), summed over the last axis. */
    public static SDVariable klStandard(SameDiff sd, Normal q) {
        SDVariable s2 = sd.math().square(q.std());
        return s2.add(sd.math().square(q.mean())).mul(0.5).sub(sd.math().log(q.std())).sub(0.5).sum(-1);
    }

    /** Negative log-density of x under a Gaussian with a fixed scalar std, summed over all axes but the first. */
    public static SDVariable nllFixedStd(SameDiff sd, SDVariable x, SDVariable mean, double std, int... sumAxes) {
        double c = Math.log(std) + HALF_LOG_2PI;
        return sd.math().square(x.sub(mean)).mul(0.5 / (std * std)).add(c).sum(sumAxes);
    }

    /** Negative log-density of x under N(mean, std^2), elementwise. */
    public static SDVariable nll(SameDiff sd, SDVariable x, Normal n) {
        SDVariable z = x.sub(n.mean()).div(n.std());
        return sd.math().square(z).mul(0.5).add(sd.math().log(n.std())).add(HALF_LOG_2PI);
    }
}
