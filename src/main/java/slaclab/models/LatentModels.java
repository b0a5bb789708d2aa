package slaclab.models;

import java.util.List;

/**
 * The latent models a preset can choose with its {@code model} field: SLAC's own and the ablations of the paper's
 * Section 7.2 (Figure 6). Every variant is a {@link LatentModel}, so the SLAC actor-critic runs on top unchanged.
 * What each variant is, its sizes and the choices made where the paper is silent: {@code ABLATIONS.md} beside this
 * class.
 */
public final class LatentModels {
    /** The paper's fully stochastic two-layer model (the default). */
    public static final String SLAC = "slac";
    /** One stochastic latent layer, no z1/z2 factorisation. */
    public static final String SIMPLE_FILTERING = SimpleFilteringLatentModel.NAME;
    /** SLAC's architecture with deterministic z1 and z2 (no sampling anywhere in the latent transitions). */
    public static final String DETERMINISTIC = DeterministicLatentModel.NAME;
    /** SLAC's architecture with stochastic z1 and a deterministic z2 transition. */
    public static final String PARTIALLY_STOCHASTIC = PartiallyStochasticLatentModel.NAME;
    /** A non-sequential VAE on single frames. */
    public static final String VAE = VaeLatentModel.NAME;
    /** PlaNet's recurrent state-space model: a GRU path and a stochastic state. */
    public static final String PLANET_RSSM = PlanetRssmLatentModel.NAME;

    /** Every variant name, the default first. */
    public static final List<String> NAMES = List.of(SLAC, SIMPLE_FILTERING, DETERMINISTIC, PARTIALLY_STOCHASTIC, VAE,
            PLANET_RSSM);

    private LatentModels() {
    }

    /** A new model of the named variant; IllegalArgumentException naming the known variants if unknown. */
    public static LatentModel create(String variant, ModelConfig config) {
        if (variant != null) {
            switch (variant) {
                case SLAC:
                    return new SlacLatentModel(config);
                case SimpleFilteringLatentModel.NAME:
                    return new SimpleFilteringLatentModel(config);
                case DeterministicLatentModel.NAME:
                    return new DeterministicLatentModel(config);
                case PartiallyStochasticLatentModel.NAME:
                    return new PartiallyStochasticLatentModel(config);
                case VaeLatentModel.NAME:
                    return new VaeLatentModel(config);
                case PlanetRssmLatentModel.NAME:
                    return new PlanetRssmLatentModel(config);
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("unknown latent model '" + variant + "'; known: " + String.join(", ", NAMES));
    }
}
