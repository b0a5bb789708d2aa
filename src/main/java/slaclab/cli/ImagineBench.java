package slaclab.cli;

import slaclab.engine.Imagination;
import slaclab.engine.Presets;
import slaclab.engine.RunConfig;
import slaclab.models.nn.Backend;

import java.util.Locale;

/**
 * {@code bench --imagine}: imagined frames per second at the paper's network sizes (z1 32, z2 256, 8-step sequences,
 * untrained weights), as the Imagine tab and {@code imagine} make them: one prior step, its decoded frame and the real
 * environment's step beside it; first with given actions (the keyboard), then with the policy choosing each action on
 * its dream (its encoder over the last 8 frames and the actor on top). Medians over the timed runs.
 */
final class ImagineBench {
    static final int DEFAULT_STEPS = 50;

    private ImagineBench() {
    }

    static int run(String task, int runs, int warmup, int steps) {
        if (runs < 1 || warmup < 0 || steps < 1) {
            throw new IllegalArgumentException("--runs and --steps must be >= 1, --warmup >= 0");
        }
        RunConfig config = Presets.parse("{ \"task\": \"" + task + "\", \"z1Dim\": 32, \"z2Dim\": 256,"
                + " \"sequenceLength\": 8 }");
        System.out.println("backend: " + Backend.describe());
        try (Imagination im = Imagination.untrained(config, 0)) {
            im.begin(config.sequenceLength());
            float[] a = new float[im.actionDim()];
            double keys = BenchCommand.median(runs, warmup, () -> {
                for (int k = 0; k < steps; k++) {
                    java.util.Arrays.fill(a, k % 2 == 0 ? 1f : -1f);
                    im.step(a);
                }
            }, steps + " imagined steps, given actions");
            double policy = BenchCommand.median(runs, warmup, () -> {
                for (int k = 0; k < steps; k++) {
                    im.step(im.policyAction());
                }
            }, steps + " imagined steps, the policy acting");
            System.out.printf("peak_rss_mb=%d%n", BenchCommand.peakRssMb());
            System.out.printf(Locale.ROOT, "imagine=%s frames_per_s=%.1f policy_frames_per_s=%.1f steps=%d runs=%d%n",
                    task, steps / keys, steps / policy, steps, runs);
        }
        return 0;
    }
}
