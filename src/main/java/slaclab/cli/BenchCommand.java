package slaclab.cli;

import slaclab.agent.AgentConfig;
import slaclab.agent.SlacAgent;
import slaclab.models.ModelConfig;
import slaclab.models.SlacLatentModel;
import slaclab.models.nn.Backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench}: the cost of one SLAC step at the paper's sizes on random data: a model update on 32 x 9 frames and an
 * actor-critic update on 256 sequences (encoder and posterior forward on 256 x 9 frames included). Medians after
 * warm-up; the same step that ../shared/bench/torch-reference times in PyTorch.
 */
final class BenchCommand {
    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("--runs", "N        timed runs of each update after warm-up (default 5)");
        OPTIONS.put("--warmup", "N      untimed runs first (default 2)");
        OPTIONS.put("--action-dim", "A  action size (default 6, cheetah's)");
        OPTIONS.put("--model-batch", "B sequences per model update (default 32, the paper's)");
        OPTIONS.put("--sac-batch", "B   sequences per actor-critic update (default 256, the paper's)");
        OPTIONS.put("--baseline", "NAME instead: time one actor-critic update of sac-pixels or sac-state (sac-state: through"
                + " SameDiff's executor, then the dense path training uses; last line baseline=<name> sac_update_s=<dense>"
                + " ... graph_update_s=<executor> speedup=<x> efficiency=<share of peak>)");
        OPTIONS.put("--hidden-units", "U with --baseline: units per hidden layer of actor and critics (default 256;"
                + " the walker's published-level preset uses 1024)");
        OPTIONS.put("--state-dim", "S   with --baseline sac-state: state size (default 5, cartpole's; walker 24, cheetah 17)");
        OPTIONS.put("--env", "TASK      instead: time TASK's control steps, each with a 64x64 render (one thread)");
        OPTIONS.put("--steps", "N     with --env: control steps per timed run (default 2000); with --imagine:"
                + " imagined steps per timed run (default " + ImagineBench.DEFAULT_STEPS + ")");
        OPTIONS.put("--task", "TASK     with --imagine: the task (default cartpole-swingup)");
    }

    int run(String[] args) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            StringBuilder sb = new StringBuilder("usage: java -jar target/slac-lab.jar bench [--runs N] [--warmup N]"
                    + " [--action-dim A]\n       bench --env TASK [--steps N]\n       bench --imagine [--task TASK]"
                    + " [--steps N] [--runs N]\n\nTimes one latent-model update (32 sequences x 9 frames) and one actor-critic"
                    + " update (256 sequences,\nincluding the encoder and posterior forward on 256 x 9 frames) on random"
                    + " data; prints medians,\nwhere the time goes (encoder, decoder, recurrence, losses, optimiser, the rest),"
                    + " the machine's\nbest fp32 matrix-multiply rate and the peak resident memory, last line:\n"
                    + "  model_update_s=<x> sac_update_s=<y> step_s=<x+y> gflop=<g> peak_gflops=<p>"
                    + " efficiency=<g/(step_s*p)>\n\nWith --env TASK it times the environment"
                    + " instead: control steps with a 64x64 render\nafter each, on one thread; last line:"
                    + " env=<task> steps_per_s=<median> step_us=<x> render_us=<y> repeat=<r>\n  steps_per_s_at_repeat=<one render per r steps>\n\nWith --imagine it times imagination at the paper's network sizes (untrained weights): prior\nsteps with their decoded frame and the real environment beside them, given actions and then the\npolicy acting on its dream; last line:\n  imagine=<task> frames_per_s=<median> policy_frames_per_s=<median> steps=<n> runs=<r>\n\noptions:\n");
            OPTIONS.forEach((k, v) -> sb.append("  ").append(k).append(' ').append(v).append('\n'));
            sb.append("  --imagine       instead: time imagination (see above)\n");
            System.out.print(sb);
            return 0;
        }
        Options o = new Options(args, OPTIONS, Set.of("--imagine"));
        int runs = (int) o.getLong("--runs", 5);
        int warmup = (int) o.getLong("--warmup", 2);
        int a = (int) o.getLong("--action-dim", 6);
        int modelBatch = (int) o.getLong("--model-batch", 32);
        int sacBatch = (int) o.getLong("--sac-batch", 256);
        if (o.has("--imagine")) {
            return ImagineBench.run(o.has("--task") ? o.get("--task") : "cartpole-swingup", runs, warmup,
                    (int) o.getLong("--steps", ImagineBench.DEFAULT_STEPS));
        }
        if (o.has("--env")) {
            return EnvBench.run(o.get("--env"), runs, warmup, (int) o.getLong("--steps", 2000));
        }
        if (runs < 1 || warmup < 0 || a < 1 || modelBatch < 2 || sacBatch < 2) {
            throw new IllegalArgumentException("--runs and --action-dim must be >= 1, the batch sizes >= 2 (ND4J cannot"
                    + " back-propagate through a batch of 1), --warmup >= 0");
        }
        System.out.println("backend: " + Backend.describe());
        System.out.println("allocator: " + AllocatorRelaunch.describe(System.getenv()));
        if (o.has("--baseline")) {
            String name = o.get("--baseline");
            int stateDim = (int) o.getLong("--state-dim", 5);
            int units = (int) o.getLong("--hidden-units", AgentConfig.paper(a, 0).hiddenUnits());
            if (stateDim < 1 || units < 1) {
                throw new IllegalArgumentException("--state-dim and --hidden-units must be >= 1");
            }
            AgentConfig p = AgentConfig.paper(a, 0);
            AgentConfig config = new AgentConfig(a, p.historyFrames(), p.discount(), p.targetTau(), p.learningRate(),
                    p.initialLogAlpha(), units, 0);
            return new BaselineBench(runs, warmup, sacBatch).run(name, config, stateDim);
        }
        return new StepBench(runs, warmup, a, modelBatch, sacBatch).run();
    }

    static double median(int runs, int warmup, Runnable step, String what) {
        for (int i = 0; i < warmup; i++) {
            step.run();
        }
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            step.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        double[] sorted = t.clone();
        Arrays.sort(sorted);
        double med = runs % 2 == 1 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
        System.out.printf("%-40s median %.3f s  (runs: %s)%n", what, med,
                Arrays.toString(Arrays.stream(t).map(x -> Math.round(x * 1000) / 1000.0).toArray()));
        return med;
    }

    /** VmHWM of this process, in MiB (0 where /proc is not available). */
    static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
