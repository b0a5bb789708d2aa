package slaclab.models;

import java.util.List;

/**
 * The latent models a preset can choose with its {@code model} field: SLAC's own and the ablations of the paper's
 * Section 7.2 (Figure 6). Every variant is a {@link LatentModel}, so the SLAC actor-critic runs on top unchanged.
 */
public final class LatentModels {
    /** The paper's fully stochastic two-layer model (the default). */
    public static final String SLAC = "slac";

    /** Every variant name, the default first. */
    public static final List<String> NAMES = List.of(SLAC);

    private LatentModels() {
    }

    /** A new model of the named variant; IllegalArgumentException naming the known variants if unknown. */
    public static LatentModel create(String variant, ModelConfig config) {
        if (SLAC.equals(variant)) {
            return new SlacLatentModel(config);
        }
        throw new IllegalArgumentException("unknown latent model '" + variant + "'; known: " + String.join(", ", NAMES));
    }
}
