package slaclab.engine;

import slaclab.models.LatentBlock;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The leading principal directions of each part of the latent state (z1 and z2 for SLAC's two layers), from posterior
 * samples: what the latent explorer's sliders move along. Each part gets its own mean and covariance, and its
 * leading eigenvectors are found by power iteration with deflation.
 *
 * @param mean       the samples' mean latent state (all parts)
 * @param origin     where the sliders start: the sample nearest the mean, a state the model really inferred (the
 *                   mean itself can be no state at all: a cart seen left and right averages to no cart)
 * @param directions per part, the leading directions, largest variance first
 */
public record LatentDirections(float[] mean, float[] origin, List<Direction> directions) {
    /**
     * One principal direction of one part.
     *
     * @param block  the part it lies in
     * @param rank   0 for the leading direction of its part, 1 for the next, ...
     * @param std    the samples' standard deviation along it (square root of the eigenvalue)
     * @param vector unit vector over the part's components
     */
    public record Direction(LatentBlock block, int rank, double std, double[] vector) {
        public String label() {
            return block.name() + " PC" + (rank + 1);
        }
    }

    private static final int ITERATIONS = 300;

    /**
     * @param samples posterior samples, each of the full latent size
     * @param blocks  the parts of the latent state
     * @param perPart directions to keep per part (fewer if the part has fewer components)
     */
    public static LatentDirections of(List<float[]> samples, List<LatentBlock> blocks, int perPart) {
        if (samples.size() < 2) {
            throw new IllegalArgumentException("principal directions need at least 2 latent samples, got "
                    + samples.size());
        }
        int z = samples.get(0).length;
        float[] mean = new float[z];
        for (float[] s : samples) {
            for (int i = 0; i < z; i++) {
                mean[i] += s[i] / samples.size();
            }
        }
        List<Direction> out = new ArrayList<>();
        for (LatentBlock b : blocks) {
            double[][] cov = covariance(samples, mean, b);
            for (int k = 0; k < Math.min(perPart, b.size()); k++) {
                double[] v = leadingEigenvector(cov, 31L * k + b.from());
                double lambda = rayleigh(cov, v);
                out.add(new Direction(b, k, Math.sqrt(Math.max(0, lambda)), v));
                deflate(cov, v, lambda);
            }
        }
        return new LatentDirections(mean, nearest(samples, mean).clone(), List.copyOf(out));
    }

    private static float[] nearest(List<float[]> samples, float[] to) {
        float[] best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (float[] s : samples) {
            double d = 0;
            for (int i = 0; i < s.length; i++) {
                d += (s[i] - to[i]) * (double) (s[i] - to[i]);
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = s;
            }
        }
        return best;
    }

    /** The origin moved by {@code offsets[i]} standard deviations along direction i. */
    public float[] latentAt(double[] offsets) {
        if (offsets.length != directions.size()) {
            throw new IllegalArgumentException(directions.size() + " directions, " + offsets.length + " offsets");
        }
        float[] z = origin.clone();
        for (int i = 0; i < offsets.length; i++) {
            Direction d = directions.get(i);
            for (int j = 0; j < d.vector().length; j++) {
                z[d.block().from() + j] += (float) (offsets[i] * d.std() * d.vector()[j]);
            }
        }
        return z;
    }

    private static double[][] covariance(List<float[]> samples, float[] mean, LatentBlock b) {
        int n = b.size();
        double[][] c = new double[n][n];
        double[] x = new double[n];
        for (float[] s : samples) {
            for (int i = 0; i < n; i++) {
                x[i] = s[b.from() + i] - mean[b.from() + i];
            }
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    c[i][j] += x[i] * x[j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                c[i][j] /= samples.size() - 1;
                c[j][i] = c[i][j];
            }
        }
        return c;
    }

    private static double[] leadingEigenvector(double[][] c, long seed) {
        Random r = new Random(seed);
        double[] v = new double[c.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        normalise(v);
        for (int it = 0; it < ITERATIONS; it++) {
            double[] w = times(c, v);
            if (normalise(w) == 0) {
                return v;                       // no variance left: any unit vector
            }
            v = w;
        }
        return v;
    }

    private static double rayleigh(double[][] c, double[] v) {
        double[] w = times(c, v);
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[i] * w[i];
        }
        return s;
    }

    private static void deflate(double[][] c, double[] v, double lambda) {
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                c[i][j] -= lambda * v[i] * v[j];
            }
        }
    }

    private static double[] times(double[][] c, double[] v) {
        double[] w = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double s = 0;
            for (int j = 0; j < v.length; j++) {
                s += c[i][j] * v[j];
            }
            w[i] = s;
        }
        return w;
    }

    private static double normalise(double[] v) {
        double n = 0;
        for (double x : v) {
            n += x * x;
        }
        n = Math.sqrt(n);
        if (n > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= n;
            }
        }
        return n;
    }
}
