package slaclab.models;

/**
 * Sizes and settings of the latent model (Appendix B; slac-details.md).
 *
 * @param actionDim       action components
 * @param sequenceLength  L, steps per training sequence (T = L + 1 frames)
 * @param z1Dim           size of z1 (32)
 * @param z2Dim           size of z2 (256)
 * @param featureDim      encoder output size (256)
 * @param decoderVariance fixed per-pixel variance of p(x | z) (0.1)
 * @param learningRate    Adam learning rate of the model (1e-4)
 * @param seed            seed of the model's initial weights and sampling noise
 */
public record ModelConfig(int actionDim, int sequenceLength, int z1Dim, int z2Dim, int featureDim,
                          double decoderVariance, double learningRate, long seed) {
    public static ModelConfig paper(int actionDim, long seed) {
        return new ModelConfig(actionDim, 8, 32, 256, 256, 0.1, 1e-4, seed);
    }

    public int frames() {
        return sequenceLength + 1;
    }

    public int latentDim() {
        return z1Dim + z2Dim;
    }
}
