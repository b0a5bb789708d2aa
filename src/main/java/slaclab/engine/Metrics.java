package slaclab.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The columns of metrics.csv and running means of the loss terms between two rows. */
final class Metrics {
    static final List<String> COLUMNS = List.of("env_steps", "agent_steps", "model_updates", "sac_updates", "episode",
            "train_return", "eval_return", "kl", "nll_image", "nll_reward", "critic_loss", "actor_loss", "alpha_loss",
            "alpha", "entropy", "q", "updates_per_s", "elapsed_s");
    static final List<String> LOSS_TERMS = List.of("kl", "nll_image", "nll_reward", "critic_loss", "actor_loss",
            "alpha_loss", "alpha", "entropy", "q");

    private final Map<String, double[]> sums = new LinkedHashMap<>();   // name -> {sum, count}
    private final Map<String, Double> latest = new LinkedHashMap<>();

    void add(String name, double value) {
        double[] s = sums.computeIfAbsent(name, k -> new double[2]);
        s[0] += value;
        s[1]++;
        latest.put(name, value);
    }

    /** Means since the last drain; clears them. */
    Map<String, Double> drainMeans() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            if (e.getValue()[1] > 0) {
                out.put(e.getKey(), e.getValue()[0] / e.getValue()[1]);
            }
        }
        sums.clear();
        return out;
    }

    Map<String, Double> latest() {
        return Map.copyOf(latest);
    }
}
