package slaclab.cli;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import slaclab.agent.AgentConfig;
import slaclab.agent.SlacAgent;
import slaclab.agent.StepFlops;
import slaclab.models.ModelConfig;
import slaclab.models.SequenceData;
import slaclab.models.SlacLatentModel;
import slaclab.models.nn.OpTimes;
import slaclab.models.nn.OpTimes.Part;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code bench}'s main measurement: one SLAC step (a latent-model update and an actor-critic update) on random data,
 * its medians, where the time goes, and its efficiency: the step's arithmetic ({@link StepFlops}) over its time and
 * the machine's best matrix-multiply rate ({@link PeakGemm}).
 */
final class StepBench {
    private final int runs;
    private final int warmup;
    private final int actionDim;
    private final int modelBatch;
    private final int sacBatch;

    StepBench(int runs, int warmup, int actionDim, int modelBatch, int sacBatch) {
        this.runs = runs;
        this.warmup = warmup;
        this.actionDim = actionDim;
        this.modelBatch = modelBatch;
        this.sacBatch = sacBatch;
    }

    /** One timed run: wall seconds and the part times of that run. */
    private record Run(double seconds, Map<Part, Long> parts) {
    }

    int run() {
        ModelConfig mc = ModelConfig.paper(actionDim, 0);
        AgentConfig ac = AgentConfig.paper(actionDim, 0);
        double peak = PeakGemm.report(5);
        StepFlops flops = StepFlops.of(mc, ac, modelBatch, sacBatch);
        try (SlacAgent agent = new SlacAgent(new SlacLatentModel(mc), ac)) {
            System.out.println("parameters: model " + agent.model().parameterCount());
            OpTimes times = new OpTimes();
            agent.profile(times);
            SequenceData model = randomData(modelBatch, actionDim, 1);
            SequenceData sac = randomData(sacBatch, actionDim, 2);
            Run m = median(times, () -> agent.updateModel(model), "model update (" + modelBatch + " x 9 frames)");
            Run s = median(times, () -> agent.updateActorCritic(sac), "actor-critic update (" + sacBatch + " x 9 frames)");
            printBreakdown(m, s);
            System.out.printf("work: model update %.1f GFLOP, actor-critic update %.1f GFLOP (encoder %.1f M, decoder %.1f M"
                            + " multiply-adds per frame)%n", flops.modelUpdate() / 1e9, flops.actorCriticUpdate() / 1e9,
                    slaclab.models.ConvNets.Encoder.macsPerFrame(mc.featureDim()) / 1e6,
                    slaclab.models.ConvNets.Decoder.macsPerFrame(mc.latentDim()) / 1e6);
            System.out.printf("rates: model update %.0f GFLOP/s, actor-critic update %.0f GFLOP/s%n",
                    flops.modelUpdate() / m.seconds() / 1e9, flops.actorCriticUpdate() / s.seconds() / 1e9);
            System.out.printf("peak_rss_mb=%d%n", BenchCommand.peakRssMb());
            double step = m.seconds() + s.seconds();
            double gflop = flops.step() / 1e9;
            System.out.printf("model_update_s=%.3f sac_update_s=%.3f step_s=%.3f gflop=%.1f peak_gflops=%.0f efficiency=%.3f%n",
                    m.seconds(), s.seconds(), step, gflop, peak, gflop / (step * peak));
        }
        return 0;
    }

    private static void printBreakdown(Run m, Run s) {
        System.out.println("where the time goes (the median run of each update, seconds):");
        System.out.printf("  %-38s %8s %8s%n", "", "model", "actor-critic");
        double[] known = new double[2];
        for (Part p : Part.values()) {
            double a = m.parts().getOrDefault(p, 0L) / 1e9, b = s.parts().getOrDefault(p, 0L) / 1e9;
            known[0] += a;
            known[1] += b;
            System.out.printf("  %-38s %8.3f %8.3f%n", p.label(), a, b);
        }
        System.out.printf("  %-38s %8.3f %8.3f%n", "everything else (graph session, Java)",
                m.seconds() - known[0], s.seconds() - known[1]);
        System.out.printf("  %-38s %8.3f %8.3f%n", "total", m.seconds(), s.seconds());
    }

    private Run median(OpTimes times, Runnable step, String what) {
        for (int i = 0; i < warmup; i++) {
            step.run();
        }
        List<Run> done = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            times.reset();
            long t0 = System.nanoTime();
            step.run();
            done.add(new Run((System.nanoTime() - t0) / 1e9, times.nanos()));
        }
        List<Run> sorted = new ArrayList<>(done);
        sorted.sort(Comparator.comparingDouble(Run::seconds));
        Run med = sorted.get((runs - 1) / 2);
        System.out.printf("%-40s median %.3f s  (runs: %s)%n", what, med.seconds(),
                Arrays.toString(done.stream().mapToDouble(r -> Math.round(r.seconds() * 1000) / 1000.0).toArray()));
        return med;
    }

    static SequenceData randomData(int b, int a, long seed) {
        Nd4j.getRandom().setSeed(seed);
        int l = 8;
        return new SequenceData(Nd4j.rand(DataType.FLOAT, (long) b * (l + 1), 3, 64, 64),
                Nd4j.rand(DataType.FLOAT, b, l, a).muli(2).subi(1), Nd4j.rand(DataType.FLOAT, b, l),
                Nd4j.ones(DataType.FLOAT, b, l));
    }
}
