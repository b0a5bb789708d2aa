package slaclab.engine;

import slaclab.agent.Baselines;
import slaclab.engine.io.AtomicFiles;
import slaclab.engine.io.Charts;
import slaclab.engine.io.MetricsCsv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluation returns of several variants, each trained with several seeds, summarised per variant as mean, standard
 * deviation, minimum and maximum over seeds at each evaluation point (the paper's Figure 6). Seeds are aligned by
 * environment steps: a point's statistics use the seeds that evaluated at exactly that step ({@code n} says how many),
 * so runs of unequal length or with missing evaluations still aggregate. {@link #snap} first moves evaluations that
 * happened a few steps late (an episode ended inside an action repeat) onto the evaluation schedule.
 */
public final class Comparison {
    /** One evaluation point of one variant; {@code std} is the sample standard deviation (0 for a single seed). */
    public record Point(double envSteps, double mean, double std, double min, double max, int n) {
    }

    public static final String CSV_HEADER = "variant,env_steps,mean,std,min,max,n";

    private Comparison() {
    }

    /** Aligns runs (each {xs, ys}) by x and summarises the ys at every x that any run has, in increasing x. */
    public static List<Point> aggregate(List<double[][]> runs) {
        TreeMap<Double, List<Double>> byX = new TreeMap<>();
        for (double[][] run : runs) {
            Map<Double, Double> last = new LinkedHashMap<>();
            for (int i = 0; i < run[0].length; i++) {
                if (Double.isFinite(run[0][i]) && Double.isFinite(run[1][i])) {
                    last.put(run[0][i], run[1][i]);   // a run evaluated twice at one x counts once (its last value)
                }
            }
            last.forEach((x, y) -> byX.computeIfAbsent(x, k -> new ArrayList<>()).add(y));
        }
        List<Point> out = new ArrayList<>();
        byX.forEach((x, ys) -> out.add(point(x, ys)));
        return out;
    }

    static Point point(double x, List<Double> ys) {
        int n = ys.size();
        double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double y : ys) {
            sum += y;
            min = Math.min(min, y);
            max = Math.max(max, y);
        }
        double mean = sum / n, ss = 0;
        for (double y : ys) {
            ss += (y - mean) * (y - mean);
        }
        return new Point(x, mean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0.0, min, max, n);
    }

    /** {@link #aggregate(List)} per variant, keeping the variants' order. */
    public static Map<String, List<Point>> aggregate(Map<String, List<double[][]>> runsByVariant) {
        Map<String, List<Point>> out = new LinkedHashMap<>();
        runsByVariant.forEach((v, runs) -> out.put(v, aggregate(runs)));
        return out;
    }

    /**
     * Moves each x that lies less than {@code tolerance} steps after a multiple of {@code every} onto that multiple
     * (evaluations are due at multiples of evalEvery and happen at the first agent step at or after them); other
     * xs (a final evaluation at the run's end) stay.
     */
    public static double[] snap(double[] xs, long every, long tolerance) {
        double[] out = xs.clone();
        if (every <= 0) {
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            double k = Math.floor(out[i] / every) * every;
            if (out[i] - k < tolerance) {
                out[i] = k;
            }
        }
        return out;
    }

    /**
     * The evaluation curves {env steps, eval return} of run folders, per variant; folders without a metrics.csv (not
     * started) are skipped, and evaluation points are snapped to each run's schedule.
     */
    public static Map<String, List<double[][]>> evalCurves(Map<String, List<Path>> runDirsByVariant) {
        Map<String, List<double[][]>> out = new LinkedHashMap<>();
        runDirsByVariant.forEach((variant, dirs) -> {
            List<double[][]> runs = new ArrayList<>();
            for (Path dir : dirs) {
                RunFolder f = new RunFolder(dir);
                if (!Files.isRegularFile(f.metrics()) || !Files.isRegularFile(f.config())) {
                    continue;
                }
                RunConfig c = Presets.load(f.config());
                double[][] s = RunRecord.series(RunRecord.readRows(f.metrics()), "eval_return");
                runs.add(new double[][]{snap(s[0], c.evalEvery(), c.actionRepeat()), s[1]});
            }
            out.put(variant, runs);
        });
        return out;
    }

    public static void writeCsv(Path csv, Map<String, List<Point>> points) throws IOException {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        points.forEach((variant, pts) -> {
            for (Point p : pts) {
                sb.append(variant).append(',').append(MetricsCsv.format(p.envSteps())).append(',')
                        .append(MetricsCsv.format(p.mean())).append(',').append(MetricsCsv.format(p.std())).append(',')
                        .append(MetricsCsv.format(p.min())).append(',').append(MetricsCsv.format(p.max())).append(',')
                        .append(p.n()).append('\n');
            }
        });
        AtomicFiles.writeString(csv, sb.toString());
    }

    /**
     * A variant's legend entry: its name and seed count, the state baseline marked as the paper's upper bound, e.g.
     * "slac (3 seeds)", "sac-state (upper bound, 3 seeds)".
     */
    public static String legend(String variant, int seeds) {
        String count = seeds + (seeds == 1 ? " seed" : " seeds");
        String label = Baselines.label(variant);
        return label.endsWith(")") ? label.substring(0, label.length() - 1) + ", " + count + ")"
                : label + " (" + count + ")";
    }

    /** The figure: per variant the mean evaluation return, the min-max range over seeds shaded. */
    public static void writePng(Path png, String title, Map<String, List<Point>> points) throws IOException {
        Charts.writePng(png, Charts.image(Charts.meanSpread(bands(points), title,
                "evaluation return (mean, min-max shaded)", 1280, 720)));
    }

    /** The figure's curves: one band per variant with points, named by {@link #legend}, in the variants' order. */
    public static List<Charts.Band> bands(Map<String, List<Point>> points) {
        List<Charts.Band> bands = new ArrayList<>();
        points.forEach((variant, pts) -> {
            if (!pts.isEmpty()) {
                int seeds = pts.stream().mapToInt(Point::n).max().orElse(0);
                bands.add(new Charts.Band(legend(variant, seeds),
                        pts.stream().mapToDouble(Point::envSteps).toArray(),
                        pts.stream().mapToDouble(Point::mean).toArray(),
                        pts.stream().mapToDouble(Point::min).toArray(),
                        pts.stream().mapToDouble(Point::max).toArray()));
            }
        });
        return bands;
    }
}
