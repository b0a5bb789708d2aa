package slaclab.cli;

import java.util.Arrays;
import java.util.SplittableRandom;

import slaclab.environments.Environment;
import slaclab.environments.Step;
import slaclab.environments.Tasks;

/**
 * {@code bench --env TASK}: control steps per second of one environment on one thread, each step followed by a
 * 64x64 render (what data collection costs without action repeat), plus the split into physics and rendering.
 * Uniform random actions; episodes restart when they end. Medians over the timed runs. The last figure,
 * control steps/s with one render per action repeat (as SLAC collects data), is derived from the step and render
 * medians.
 */
final class EnvBench {
    private EnvBench() {
    }

    static int run(String task, int runs, int warmup, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1");
        }
        try (Environment env = Tasks.create(task, 0)) {
            int a = env.spec().actionDim();
            SplittableRandom random = new SplittableRandom(1);
            double[] action = new double[a];
            byte[] rgb = new byte[Environment.IMAGE_SIZE * Environment.IMAGE_SIZE * 3];
            double[] rate = new double[runs];
            double[] stepUs = new double[runs];
            double[] renderUs = new double[runs];
            for (int r = -warmup; r < runs; r++) {
                long physics = 0, drawing = 0;
                for (int i = 0; i < steps; i++) {
                    for (int k = 0; k < a; k++) {
                        action[k] = random.nextDouble(-1, 1);
                    }
                    long t0 = System.nanoTime();
                    Step s = env.step(action);
                    long t1 = System.nanoTime();
                    env.render(rgb);
                    long t2 = System.nanoTime();
                    if (s.done()) {
                        env.reset(); // not timed: DeepMind Control's resets include settling steps
                    }
                    physics += t1 - t0;
                    drawing += t2 - t1;
                }
                if (r >= 0) {
                    rate[r] = steps / ((physics + drawing) / 1e9);
                    stepUs[r] = physics / 1e3 / steps;
                    renderUs[r] = drawing / 1e3 / steps;
                    System.out.printf("run %d: %.0f steps/s (step %.1f us, render %.1f us)%n", r + 1, rate[r],
                            stepUs[r], renderUs[r]);
                }
            }
            // what training sees: SLAC renders once per action repeat (tasks.md's repeat, e.g. 4 for cheetah)
            int repeat = env.spec().defaultActionRepeat();
            double atRepeat = repeat / ((repeat * median(stepUs) + median(renderUs)) / 1e6);
            System.out.printf("env=%s steps_per_s=%.0f step_us=%.1f render_us=%.1f repeat=%d steps_per_s_at_repeat=%.0f%n",
                    task, median(rate), median(stepUs), median(renderUs), repeat, atRepeat);
        }
        return 0;
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
