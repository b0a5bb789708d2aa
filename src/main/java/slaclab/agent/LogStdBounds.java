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

    private static final float CLIP_LOW = -20f, CLIP_HIGH = 2f;
    /** The tanh form: LOW + HALF_WIDTH (tanh(x) + 1), in (-5, 2). */
    private static final float TANH_LOW = -5f, TANH_HALF_WIDTH = 3.5f;

    SDVariable apply(SameDiff g, SDVariable raw) {
        if (this == CLIP) {
            return g.math().clipByValue(raw, CLIP_LOW, CLIP_HIGH);
        }
        return g.math().tanh(raw).add(1.0).mul(TANH_HALF_WIDTH).add(TANH_LOW);
    }

    /** The same bound on one raw value (the dense update's forward pass). */
    float apply(float raw) {
        if (this == CLIP) {
            return Math.max(CLIP_LOW, Math.min(CLIP_HIGH, raw));
        }
        return ((float) Math.tanh(raw) + 1f) * TANH_HALF_WIDTH + TANH_LOW;
    }

    /** d log-std / d raw at one raw value: 1 inside the clip range (0 outside), or the tanh squash's slope. */
    float slope(float raw) {
        if (this == CLIP) {
            return raw > CLIP_LOW && raw < CLIP_HIGH ? 1f : 0f;
        }
        float t = (float) Math.tanh(raw);
        return TANH_HALF_WIDTH * (1f - t * t);
    }
}
