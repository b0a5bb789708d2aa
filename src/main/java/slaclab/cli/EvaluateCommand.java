package slaclab.cli;

import slaclab.engine.PolicyEvaluation;
import slaclab.engine.RunConfig;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code evaluate}: evaluation episodes of the policy saved in a run folder; last line the mean and std of returns. */
final class EvaluateCommand {
    static final int DEFAULT_EPISODES = 10;
    static final long DEFAULT_SEED = 0;
    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("--run", "DIR       run folder (from train --out or the lab), lesson folder, or the name of a shipped lesson"
                + " (lesson --list); required");
        OPTIONS.put("--episodes", "N   evaluation episodes (default " + DEFAULT_EPISODES + ", at least 1)");
        OPTIONS.put("--seed", "S       seed of the evaluation environment and the policy's noise (default "
                + DEFAULT_SEED + ", the same for every run, so runs compare on the same episodes)");
        OPTIONS.put("--stage", "NAME   the stage of a lesson to evaluate (default: its final stage), or for a run folder the"
                + " env steps of an agent it kept at an evaluation (stages/agent-N.bin; default: its checkpoint)");
    }

    private static final Map<String, String> FLAGS = Map.of("--greedy", "       act with the mean action tanh(mu)"
            + " instead of sampling (how published state-SAC code evaluates; the paper and training evaluate the"
            + " stochastic policy)");

    int run(String[] args) throws IOException {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            printHelp();
            return 0;
        }
        Options o = new Options(args, OPTIONS, FLAGS.keySet());
        if (!o.has("--run")) {
            throw new IllegalArgumentException("evaluate needs --run DIR, a run folder that train --out wrote or a lesson");
        }
        long episodes = o.getLong("--episodes", DEFAULT_EPISODES);
        if (episodes < 1 || episodes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--episodes must be at least 1, got " + episodes);
        }
        long seed = o.getLong("--seed", DEFAULT_SEED);
        String dir = o.get("--run");
        PolicyEvaluation.Result r = PolicyEvaluation.run(dir, o.get("--stage"), (int) episodes, seed, o.has("--greedy"),
                new PolicyEvaluation.Listener() {
                    @Override
                    public void onLoaded(RunConfig c, long envSteps) {
                        System.out.printf("evaluating %s: %s, model %s, checkpoint at %,d env steps, seed %d, %s policy%n",
                                dir, c.task(), c.model(), envSteps, seed, o.has("--greedy") ? "greedy" : "stochastic");
                    }

                    @Override
                    public void onNotice(String message) {
                        System.out.println("note: " + message);
                    }

                    @Override
                    public void onEpisode(int k, int n, double ret) {
                        System.out.printf(Locale.ROOT, "episode %d/%d return %.3f%n", k, n, ret);
                    }
                });
        System.out.printf(Locale.ROOT, "eval_return_mean=%.3f eval_return_std=%.3f episodes=%d%n", r.mean(), r.std(),
                r.returns().size());
        return 0;
    }

    private static void printHelp() {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: java -jar target/slac-lab.jar evaluate --run DIR [--episodes N] [--seed S] [--stage NAME]"
                + " [--greedy]\n\n");
        sb.append("Loads the policy of a run folder (any model: slac, its latent variants, sac-state, sac-pixels) from its\n");
        sb.append("checkpoint (checkpoint.prev.bin when checkpoint.bin is damaged, as train --resume does) and runs N\n");
        sb.append("evaluation episodes as training evaluates: the stochastic policy acting from its history of frames\n");
        sb.append("and actions. Prints one line per episode, then the last line:\n");
        sb.append("  eval_return_mean=<mean> eval_return_std=<population std, divided by n> episodes=<n>\n");
        sb.append("A lesson (a folder of assets/lessons/, or a shipped lesson's name: see lesson --list) is evaluated at\n");
        sb.append("its final stage, or at --stage. The same seed gives the same returns. Nothing is written.\n\n");
        sb.append("options:\n");
        OPTIONS.forEach((k, v) -> sb.append("  ").append(k).append(' ').append(v).append('\n'));
        FLAGS.forEach((k, v) -> sb.append("  ").append(k).append(v).append('\n'));
        System.out.print(sb);
    }
}
