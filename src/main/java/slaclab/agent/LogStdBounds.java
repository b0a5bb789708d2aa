package slaclab.agent;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import slaclab.models.nn.PresetChoice;

/** How the actor's raw log-std output is kept in range before it scales the Gaussian noise. */
public enum LogStdBounds {
    /** Clipped to [-20, 2] (SAC, Haarnoja et al.; SLAC's code): no gradient outside the range. */
    CLIP,
    /** -5 + 3.5 (tanh(x) + 1), smoothly in (-5, 2) (pytorch_sac, the published state-SAC code). */
    TANH;

    /** The bounds a preset names; IllegalArgumentException naming the choices otherwise. */
    public static LogStdBounds of(String key) {
        return PresetChoice.of(LogStdBounds.class, key, "policyLogStd",
                "clip (to [-20, 2], the paper's SAC) or tanh (squashed into [-5, 2], pytorch_sac)");
    }

    SDVariable apply(SameDiff g, SDVariable raw) {
        if (this == CLIP) {
            return g.math().clipByValue(raw, -20, 2);
        }
        return g.math().tanh(raw).add(1.0).mul(3.5).sub(5.0);
    }
}
