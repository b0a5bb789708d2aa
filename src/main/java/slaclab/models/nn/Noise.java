package slaclab.models.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/** A private, seeded source of standard-normal noise for reparameterised sampling. */
public final class Noise implements AutoCloseable {
    private final Random random;

    public Noise(long seed) {
        this.random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    /** A new float array of the given shape filled with N(0, 1) samples. */
    public INDArray normal(long... shape) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, shape);
        Nd4j.getExecutioner().exec(new GaussianDistribution(out, 0.0, 1.0), random);
        return out;
    }

    public void reseed(long seed) {
        random.setSeed(seed);
    }

    @Override
    public void close() {
        try {
            random.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not release the noise generator", e);
        }
    }
}
