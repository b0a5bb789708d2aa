package slaclab.engine.io;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Curves of metrics rows (column name to value, as in metrics.csv) drawn off-screen with XChart: the return curve,
 * one chart per loss term, an overlay of several runs, and a one-image dashboard for export. Thread-confined: build
 * and draw a chart on one thread, from a copy of the rows.
 */
public final class Charts {
    /** Loss terms shown by the lab, with the x column they are plotted against and a title. */
    public record Term(String column, String xColumn, String title) {
    }

    public static final List<Term> TERMS = List.of(
            new Term("kl", "model_updates", "KL on z1 (Eq. 9)"),
            new Term("nll_image", "model_updates", "image NLL (Eq. 9)"),
            new Term("nll_reward", "model_updates", "reward NLL (Eq. 9)"),
            new Term("critic_loss", "sac_updates", "critic (Eq. 10)"),
            new Term("actor_loss", "sac_updates", "actor (Eq. 11)"),
            new Term("alpha", "sac_updates", "alpha"));

    /** A named curve for overlays. */
    public record Series(String name, double[] x, double[] y) {
    }

    /** Most points drawn per series; longer series are thinned evenly (the last point always kept). */
    public static final int MAX_POINTS = 600;

    private static final Color TRAIN = new Color(66, 133, 244, 150);
    private static final Color EVAL = new Color(219, 68, 55);
    private static final Color TERM = new Color(15, 110, 90);
    private static final Color[] PALETTE = {new Color(219, 68, 55), new Color(66, 133, 244), new Color(15, 157, 88),
            new Color(244, 160, 0), new Color(171, 71, 188), new Color(0, 172, 193), new Color(255, 112, 67),
            new Color(158, 157, 36)};

    private Charts() {
    }

    /** (x, y) of rows that have both columns with finite values, thinned to {@link #MAX_POINTS}. */
    public static double[][] points(List<Map<String, Double>> rows, String xColumn, String yColumn) {
        List<double[]> pts = new ArrayList<>();
        for (Map<String, Double> r : rows) {
            Double x = r.get(xColumn), y = r.get(yColumn);
            if (x != null && y != null && Double.isFinite(x) && Double.isFinite(y)) {
                pts.add(new double[]{x, y});
            }
        }
        return thin(pts);
    }

    static double[][] thin(List<double[]> pts) {
        int n = pts.size();
        int keep = Math.min(n, MAX_POINTS);
        double[][] out = new double[2][keep];
        for (int i = 0; i < keep; i++) {
            int j = keep == n ? i : (int) Math.round((double) i * (n - 1) / (keep - 1));
            out[0][i] = pts.get(j)[0];
            out[1][i] = pts.get(j)[1];
        }
        return out;
    }

    /** Training-episode and evaluation returns against environment steps. */
    public static XYChart returns(List<Map<String, Double>> rows, String title, int width, int height) {
        double[][] train = points(rows, "env_steps", "train_return");
        double[][] eval = points(rows, "env_steps", "eval_return");
        boolean empty = train[0].length == 0 && eval[0].length == 0;
        XYChart chart = chart(empty ? title + " \u2014 no episodes yet" : title, "environment steps", "episode return",
                width, height);
        if (train[0].length > 0) {
            XYSeries s = chart.addSeries("training episodes", train[0], train[1]);
            s.setLineColor(TRAIN);
            s.setMarkerColor(TRAIN);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineStyle(new BasicStroke(scale(width) * 1.5f));
        }
        if (eval[0].length > 0) {
            XYSeries s = chart.addSeries("evaluation", eval[0], eval[1]);
            s.setLineColor(EVAL);
            s.setMarkerColor(EVAL);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineStyle(new BasicStroke(scale(width) * 4f));
        }
        if (empty) {
            emptyAxes(chart);
        } else {
            frame(chart);
        }
        return chart;
    }

    /**
     * Adds points without a line to a chart (a lesson's stages on its return curve, the paper's published returns)
     * and widens the return axis to show them. Points beyond the chart's step axis (the paper's 500k mark beside a
     * 100k run) are not drawn but named in the legend, e.g. "SLAC in the paper (707 at 500k)", so the run's own
     * curve keeps the chart's width.
     *
     * @param paper true: the paper's numbers (grey diamonds); false: stages (dark squares)
     */
    public static void addPoints(XYChart chart, String name, double[] x, double[] y, boolean paper) {
        double xMax = chart.getStyler().getXAxisMax() == null ? Double.POSITIVE_INFINITY
                : chart.getStyler().getXAxisMax();
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        List<String> beyond = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (x[i] <= xMax) {
                xs.add(x[i]);
                ys.add(y[i]);
            } else {
                beyond.add(significant(y[i]) + " at " + Plots.compact(x[i]));
            }
        }
        String label = beyond.isEmpty() ? name : name + " (" + String.join(", ", beyond) + ")";
        if (xs.isEmpty() && beyond.isEmpty()) {
            return;
        }
        // with every point beyond the axis, one NaN point keeps the legend entry (frame skips it)
        XYSeries s = xs.isEmpty() ? chart.addSeries(label, new double[] {Double.NaN}, new double[] {Double.NaN})
                : chart.addSeries(label, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarkerColor(paper ? new Color(110, 110, 110) : new Color(20, 20, 60));
        s.setMarker(paper ? SeriesMarkers.DIAMOND : SeriesMarkers.SQUARE);
        frame(chart);
    }

    /** One loss term against the update count it belongs to. */
    public static XYChart term(List<Map<String, Double>> rows, Term term, int width, int height) {
        double[][] p = points(rows, term.xColumn(), term.column());
        XYChart chart = chart(term.title(), term.xColumn().replace('_', ' '), null, width, height);
        chart.getStyler().setLegendVisible(false);
        if (p[0].length == 0) {
            emptyAxes(chart);
            return chart;
        }
        XYSeries s = chart.addSeries(term.column(), p[0], p[1]);
        s.setLineColor(TERM);
        s.setMarkerColor(TERM);
        s.setMarker(p[0].length < 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        s.setLineStyle(new BasicStroke(scale(width) * 2.5f));
        frame(chart);
        return chart;
    }

    /** Several runs' curves on one chart (the comparison pane, ablation figures). */
    public static XYChart overlay(List<Series> series, String title, String yTitle, int width, int height) {
        XYChart chart = chart(series.isEmpty() ? title + " \u2014 add run folders" : title, "environment steps", yTitle,
                width, height);
        int i = 0;
        for (Series s : series) {
            List<double[]> pts = new ArrayList<>();
            for (int k = 0; k < s.x().length; k++) {
                if (Double.isFinite(s.x()[k]) && Double.isFinite(s.y()[k])) {
                    pts.add(new double[]{s.x()[k], s.y()[k]});
                }
            }
            if (pts.isEmpty()) {
                continue;
            }
            double[][] p = thin(pts);
            XYSeries xs = chart.addSeries(uniqueName(chart, s.name()), p[0], p[1]);
            Color c = PALETTE[i++ % PALETTE.length];
            xs.setLineColor(c);
            xs.setMarkerColor(c);
            xs.setMarker(SeriesMarkers.CIRCLE);
            xs.setLineStyle(new BasicStroke(scale(width) * 3f));
        }
        frame(chart);
        return chart;
    }

    /** A curve with a spread around it: {@code mean} drawn as a line, the band from {@code lo} to {@code hi} shaded. */
    public record Band(String name, double[] x, double[] mean, double[] lo, double[] hi) {
    }

    /**
     * Mean curves with shaded spreads, one colour per band (the ablation figure, like the paper's Figure 6). Points
     * with a non-finite mean are left out; a missing spread draws as the mean.
     */
    public static XYChart meanSpread(List<Band> bands, String title, String yTitle, int width, int height) {
        XYChart chart = chart(bands.isEmpty() ? title + " \u2014 no finished evaluations yet" : title,
                "environment steps", yTitle, width, height);
        int i = 0;
        List<Runnable> lines = new ArrayList<>();
        for (Band b : bands) {
            List<double[]> pts = new ArrayList<>();
            for (int k = 0; k < b.x().length; k++) {
                if (Double.isFinite(b.x()[k]) && Double.isFinite(b.mean()[k])) {
                    double lo = Double.isFinite(b.lo()[k]) ? b.lo()[k] : b.mean()[k];
                    double hi = Double.isFinite(b.hi()[k]) ? b.hi()[k] : b.mean()[k];
                    pts.add(new double[]{b.x()[k], b.mean()[k], lo, hi});
                }
            }
            Color c = PALETTE[i++ % PALETTE.length];
            if (pts.isEmpty()) {
                continue;
            }
            int n = pts.size();
            double[] px = new double[2 * n], py = new double[2 * n];
            for (int k = 0; k < n; k++) {
                px[k] = pts.get(k)[0];
                py[k] = pts.get(k)[3];
                px[2 * n - 1 - k] = pts.get(k)[0];
                py[2 * n - 1 - k] = pts.get(k)[2];
            }
            XYSeries band = chart.addSeries(uniqueName(chart, b.name() + " spread"), px, py);
            band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            band.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 50));
            band.setLineColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 0));
            band.setMarker(SeriesMarkers.NONE);
            band.setShowInLegend(false);
            double[] mx = pts.stream().mapToDouble(p -> p[0]).toArray();
            double[] my = pts.stream().mapToDouble(p -> p[1]).toArray();
            lines.add(() -> {
                XYSeries line = chart.addSeries(uniqueName(chart, b.name()), mx, my);
                line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                line.setLineColor(c);
                line.setMarkerColor(c);
                line.setMarker(n < 40 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
                line.setLineStyle(new BasicStroke(scale(width) * 3f));
            });
        }
        lines.forEach(Runnable::run);  // mean lines above every band
        frame(chart);
        return chart;
    }

    private static String uniqueName(XYChart chart, String name) {
        String n = name;
        for (int k = 2; chart.getSeriesMap().containsKey(n); k++) {
            n = name + " (" + k + ")";
        }
        return n;
    }

    /**
     * Padded axis ranges from the series drawn. Besides framing the data, unequal padding stops XChart from placing
     * ticks only at data positions (which it does when all x values are equally spaced) with long decimals.
     */
    private static void frame(XYChart chart) {
        double xLo = Double.POSITIVE_INFINITY, xHi = Double.NEGATIVE_INFINITY;
        double yLo = Double.POSITIVE_INFINITY, yHi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : chart.getSeriesMap().values()) {
            double[] xd = s.getXData(), yd = s.getYData();
            for (int i = 0; i < xd.length; i++) {
                if (Double.isFinite(xd[i]) && Double.isFinite(yd[i])) {
                    xLo = Math.min(xLo, xd[i]);
                    xHi = Math.max(xHi, xd[i]);
                    yLo = Math.min(yLo, yd[i]);
                    yHi = Math.max(yHi, yd[i]);
                }
            }
        }
        if (!Double.isFinite(xLo) || !Double.isFinite(yLo)) {
            emptyAxes(chart);
            return;
        }
        double xSpan = Math.max(xHi - xLo, Math.max(1.0, Math.abs(xHi) * 0.1));
        double ySpan = Math.max(yHi - yLo, Math.max(1e-3, Math.abs(yHi) * 0.1));
        if (xHi - xLo < 1e-12) {
            xLo -= xSpan / 2;
            xHi += xSpan / 2;
        }
        if (yHi - yLo < 1e-12) {
            yLo -= ySpan / 2;
            yHi += ySpan / 2;
        }
        XYStyler st = chart.getStyler();
        st.setXAxisMin(xLo - 0.0137 * xSpan);
        st.setXAxisMax(xHi + 0.0237 * xSpan);
        st.setYAxisMin(yLo - 0.0537 * ySpan);
        st.setYAxisMax(yHi + 0.0811 * ySpan);
    }

    /** Tick labels with three significant digits: 0.00123, 1.5, 250, 25.1k, -6.03e4 as -60.3k. */
    static String significant(double v) {
        double a = Math.abs(v);
        if (a >= 1e3) {
            return Plots.compact(Double.parseDouble(String.format(java.util.Locale.ROOT, "%.3g", v)));
        }
        if (a == 0) {
            return "0";
        }
        String s = new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
        return s;
    }

    /** The chart drawn, its legend moved to the plot corner where it hides the fewest data. */
    public static BufferedImage image(XYChart chart) {
        LegendPlacement.place(chart);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** The return curve above a 3x2 grid of loss terms, in one image (the lab's "export PNG"). */
    public static BufferedImage dashboard(List<Map<String, Double>> rows, String title) {
        int w = 1800, top = 640, cellW = w / 3, cellH = 380;
        BufferedImage out = new BufferedImage(w, top + 2 * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(image(returns(rows, title, w, top)), 0, 0, null);
            for (int i = 0; i < TERMS.size(); i++) {
                g.drawImage(image(term(rows, TERMS.get(i), cellW, cellH)), (i % 3) * cellW, top + (i / 3) * cellH, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    public static void writePng(Path png, BufferedImage image) throws IOException {
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /** The rows as CSV: every column that occurs, in first-seen order; empty cells where a row has no value. */
    public static void writeCsv(Path csv, List<Map<String, Double>> rows) throws IOException {
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(r -> columns.addAll(r.keySet()));
        StringBuilder sb = new StringBuilder(String.join(",", columns)).append('\n');
        for (Map<String, Double> r : rows) {
            boolean first = true;
            for (String c : columns) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                Double v = r.get(c);
                if (v != null) {
                    sb.append(MetricsCsv.format(v));
                }
            }
            sb.append('\n');
        }
        AtomicFiles.writeString(csv, sb.toString());
    }

    private static float scale(int width) {
        return Math.max(0.5f, width / 1280f);
    }

    private static XYChart chart(String title, String xTitle, String yTitle, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle == null ? "" : yTitle).build();
        XYStyler st = chart.getStyler();
        float s = Math.max(0.55f, Math.min(width, height * 16 / 9) / 1280f);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(new Color(160, 160, 160));
        st.setPlotGridLinesColor(new Color(225, 225, 225));
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(30 * s)));
        st.setChartTitleBoxVisible(false);
        st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(22 * s)));
        st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(20 * s)));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(20 * s)));
        st.setLegendPosition(Styler.LegendPosition.InsideNW);
        st.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        st.setMarkerSize(Math.max(4, Math.round(9 * s)));
        st.setChartPadding(Math.round(14 * s));
        st.setAntiAlias(true);
        st.setxAxisTickLabelsFormattingFunction(Plots::compact);
        st.setyAxisTickLabelsFormattingFunction(Charts::significant);
        st.setXAxisTickMarkSpacingHint(Math.round(170 * s));
        return chart;
    }

    private static void emptyAxes(XYChart chart) {
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(1.0);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
    }
}
