package slaclab.models.nn;

import org.nd4j.linalg.factory.Nd4j;

import java.util.function.Supplier;

/**
 * ND4J draws initial weights from its process-wide generator; this runs a graph builder with that generator
 * seeded, under a lock, so a model built from a seed always starts from the same weights.
 */
public final class Initialisation {
    private static final Object LOCK = new Object();

    private Initialisation() {
    }

    public static <T> T seeded(long seed, Supplier<T> builder) {
        synchronized (LOCK) {
            Nd4j.getRandom().setSeed(seed);
            return builder.get();
        }
    }
}
