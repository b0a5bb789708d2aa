package slaclab.models;

/**
 * A named part of a latent state vector: components {@code from} (inclusive) to {@code to} (exclusive).
 *
 * @param name the paper's name for it (z1, z2; h, s for PlaNet's RSSM; z for a single latent)
 */
public record LatentBlock(String name, int from, int to) {
    public LatentBlock {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("latent block " + name + " needs 0 <= from < to, got " + from + ".." + to);
        }
    }

    public int size() {
        return to - from;
    }
}
