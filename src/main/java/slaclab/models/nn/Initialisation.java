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

    /**
     * Builds the backward graph of {@code sd} now. SameDiff 1.0.0-M2.1 prints one "Added differentiated op" line per
     * op to standard output while it does so (~1,500 lines for the model); they are dropped here.
     */
    public static void createGradients(org.nd4j.autodiff.samediff.SameDiff sd) {
        synchronized (LOCK) {
            java.io.PrintStream out = System.out;
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            try {
                sd.createGradFunction();
            } finally {
                System.setOut(out);
            }
        }
    }

    public static <T> T seeded(long seed, Supplier<T> builder) {
        synchronized (LOCK) {
            Nd4j.getRandom().setSeed(seed);
            return builder.get();
        }
    }
}
