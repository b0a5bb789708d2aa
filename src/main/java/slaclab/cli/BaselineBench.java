package slaclab.cli;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import slaclab.agent.Agent;
import slaclab.agent.AgentConfig;
import slaclab.agent.Baselines;
import slaclab.agent.StateSacAgent;
import slaclab.agent.StepFlops;
import slaclab.models.SequenceData;


/**
 * {@code bench --baseline}: one actor-critic update of a SAC baseline on random data. For {@code sac-state} it times
 * the same update through SameDiff's executor and then as training runs it (the dense path), on two agents built
 * alike, with the share of the machine's fp32 matrix-multiply peak each reaches.
 */
final class BaselineBench {
    private final int runs;
    private final int warmup;
    private final int batch;

    BaselineBench(int runs, int warmup, int batch) {
        this.runs = runs;
        this.warmup = warmup;
        this.batch = batch;
    }

    int run(String name, AgentConfig config, int stateDim) {
        if (!Baselines.SAC_STATE.equals(name)) {
            return single(name, config);
        }
        double peak = PeakGemm.report(5);
        double gflop = StepFlops.stateBaseline(config, stateDim, batch) / 1e9;
        SequenceData d = data(batch, config.actionDim(), 1, false);
        Nd4j.getRandom().setSeed(3);
        INDArray states = Nd4j.randn(DataType.FLOAT, batch, 2, stateDim);
        double g, f;
        // One agent after the other, each closed before the next starts: run by run alternation let each path's
        // garbage and cache traffic slow the other (both medians up by half).
        try (StateSacAgent graph = new StateSacAgent(config, stateDim)) {
            System.out.println("parameters: " + graph.parameterCount() + ", state " + stateDim + ", hidden units "
                    + config.hiddenUnits() + ", " + batch + " transitions, " + String.format("%.2f", gflop) + " GFLOP");
            g = BenchCommand.median(runs, warmup, () -> graph.updateActorCriticOnGraph(d, states),
                    "sac-state update, SameDiff executor");
        }
        System.gc();
        try (StateSacAgent fast = new StateSacAgent(config, stateDim)) {
            f = BenchCommand.median(runs, warmup, () -> fast.updateActorCritic(d, states),
                    "sac-state update, dense (training's)");
        }
        System.out.printf("peak_rss_mb=%d%n", BenchCommand.peakRssMb());
        System.out.printf("baseline=%s sac_update_s=%.4f hidden_units=%d updates_per_s=%.2f graph_update_s=%.4f"
                        + " speedup=%.2f gflop=%.2f peak_gflops=%.0f efficiency=%.3f graph_efficiency=%.3f%n",
                name, f, config.hiddenUnits(), 1 / f, g, g / f, gflop, peak, gflop / (f * peak), gflop / (g * peak));
        return 0;
    }

    /** The pixel baseline: its update alone. */
    private int single(String name, AgentConfig config) {
        try (Agent agent = Baselines.create(name, config, 256, 1)) {
            System.out.println("parameters: " + agent.parameterCount());
            int l = agent.sequenceLength();
            SequenceData d = data(batch, config.actionDim(), l, true);
            double s = BenchCommand.median(runs, warmup, () -> agent.updateActorCritic(d, null),
                    name + " actor-critic update (" + batch + " sequences)");
            System.out.printf("peak_rss_mb=%d%n", BenchCommand.peakRssMb());
            System.out.printf("baseline=%s sac_update_s=%.4f hidden_units=%d updates_per_s=%.2f%n", name, s,
                    config.hiddenUnits(), 1 / s);
        }
        return 0;
    }

    private static SequenceData data(int b, int a, int l, boolean frames) {
        Nd4j.getRandom().setSeed(2);
        return new SequenceData(frames ? Nd4j.rand(DataType.FLOAT, (long) b * (l + 1), 3, 64, 64) : null,
                Nd4j.rand(DataType.FLOAT, b, l, a).muli(2).subi(1), Nd4j.rand(DataType.FLOAT, b, l),
                Nd4j.ones(DataType.FLOAT, b, l));
    }

}
