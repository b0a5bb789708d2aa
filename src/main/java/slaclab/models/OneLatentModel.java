package slaclab.models;

import org.nd4j.autodiff.samediff.SDVariable;
import slaclab.models.nn.Gaussians;
import slaclab.models.nn.Layers;

import java.util.Map;

/**
 * The ablations with one latent z of {@code z2Dim} components instead of SLAC's z1/z2 split ({@link
 * SimpleFilteringLatentModel}, {@link VaeLatentModel}): both start their rollouts from p(z_1) = N(0, I) or from
 * q(z_1 | x_1), a Gaussian head on the first frame's features, with one prior draw "prior_eps" per step.
 */
abstract class OneLatentModel extends GraphLatentModel {
    protected OneLatentModel(ModelConfig config, boolean trainable) {
        super(config, trainable);
    }

    /** The network of q(z_1 | x_1) (2 z outputs: the Gaussian head's mean and std), from the first frame's features. */
    abstract Layers.Mlp firstPosterior();

    @Override
    public int latentDim() {
        return config.z2Dim();
    }

    @Override
    protected Map<String, Integer> priorNoise() {
        return Map.of("prior_eps", latentDim());
    }

    @Override
    protected SDVariable priorStart(Ctx c, SDVariable ft0, Map<String, SDVariable> eps) {
        return eps.get("prior_eps");                                                       // z_1 ~ N(0, I)
    }

    @Override
    protected SDVariable conditionalStart(Ctx c, SDVariable ft0, Map<String, SDVariable> eps) {
        return Gaussians.head(c.g, firstPosterior().apply(c.layers, ft0), latentDim()).sample(eps.get("prior_eps"));
    }
}
