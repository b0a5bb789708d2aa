package slaclab.agent;

import java.util.List;

/** The agents a preset's {@code model} field can name besides the latent-model variants: the paper's SAC baselines. */
public final class Baselines {
    /** SAC from 64x64 pixels with SLAC's encoder trained by the critic; no latent model. */
    public static final String SAC_PIXELS = "sac-pixels";
    /** SAC from the environment's true low-dimensional state (an oracle). */
    public static final String SAC_STATE = "sac-state";

    public static final List<String> NAMES = List.of(SAC_PIXELS, SAC_STATE);

    private Baselines() {
    }

    /**
     * How figures and the ablation pane name a model: the paper plots SAC on the true state "as an upper bound on
     * performance", so {@code sac-state} reads "sac-state (upper bound)"; every other name is itself.
     */
    public static String label(String model) {
        return SAC_STATE.equals(model) ? SAC_STATE + " (upper bound)" : model;
    }

    public static boolean isBaseline(String name) {
        return NAMES.contains(name);
    }

    /**
     * A new baseline agent.
     *
     * @param featureDim encoder features per frame (pixel SAC)
     * @param stateDim   size of the task's state vector (state SAC)
     */
    public static Agent create(String name, AgentConfig config, int featureDim, int stateDim) {
        return switch (name) {
            case SAC_PIXELS -> new PixelSacAgent(config, featureDim);
            case SAC_STATE -> new StateSacAgent(config, stateDim);
            default -> throw new IllegalArgumentException("unknown baseline '" + name + "'; known: "
                    + String.join(", ", NAMES));
        };
    }
}
