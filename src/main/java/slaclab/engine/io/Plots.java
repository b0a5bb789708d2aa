package slaclab.engine.io;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;

/** PNG figures of a run, drawn with XChart off-screen and written atomically. */
public final class Plots {
    /** Figure size in pixels (16:9, sharp on a projector). */
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 720;

    private static final Color TRAIN = new Color(66, 133, 244, 150);
    private static final Color EVAL = new Color(219, 68, 55);
    private static final Color TEXT = new Color(33, 33, 33);
    private static final Color GRID = new Color(220, 220, 220);

    private Plots() {
    }

    /**
     * Episode return against environment steps: training episodes as a thin line with small markers, evaluations as
     * a bold line with large markers. Arrays of each pair must have equal lengths; NaN points are skipped; empty
     * inputs give empty axes titled "no data yet".
     */
    public static void returnCurve(Path png, String title, double[] trainSteps, double[] trainReturns,
            double[] evalSteps, double[] evalReturns) throws IOException {
        double[][] train = finitePairs(trainSteps, trainReturns);
        double[][] eval = finitePairs(evalSteps, evalReturns);
        boolean empty = train[0].length == 0 && eval[0].length == 0;

        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(empty ? title + " \u2014 no data yet" : title)
                .xAxisTitle("environment steps").yAxisTitle("episode return").build();
        style(chart.getStyler());

        if (train[0].length > 0) {
            XYSeries s = chart.addSeries("training episodes", train[0], train[1]);
            s.setLineColor(TRAIN);
            s.setMarkerColor(TRAIN);
            s.setMarker(new Dot(0.5, false));
            s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }
        if (eval[0].length > 0) {
            XYSeries s = chart.addSeries("evaluation", eval[0], eval[1]);
            s.setLineColor(EVAL);
            s.setMarkerColor(EVAL);
            s.setMarker(new Dot(1.0, true));
            s.setLineStyle(new BasicStroke(4.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }
        setRanges(chart.getStyler(), train, eval, empty);
        LegendPlacement.place(chart);
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    private static void style(XYStyler st) {
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderVisible(true);
        st.setPlotBorderColor(new Color(160, 160, 160));
        st.setPlotGridLinesColor(GRID);
        st.setPlotGridLinesStroke(new BasicStroke(1f));
        st.setChartFontColor(TEXT);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 30));
        st.setChartTitleBoxVisible(false);
        st.setChartTitlePadding(16);
        st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 24));
        st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
        st.setAxisTickLabelsColor(TEXT);
        st.setAxisTitlePadding(12);
        st.setAxisTickPadding(8);
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
        st.setLegendPosition(Styler.LegendPosition.InsideNW);
        st.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        st.setLegendBorderColor(new Color(190, 190, 190));
        st.setLegendPadding(10);
        st.setLegendSeriesLineLength(36);
        st.setMarkerSize(11);
        st.setChartPadding(18);
        st.setAntiAlias(true);
        st.setxAxisTickLabelsFormattingFunction(Plots::compact);
        st.setXAxisTickMarkSpacingHint(120);
        st.setYAxisTickMarkSpacingHint(70);
    }

    /**
     * Explicit, slightly padded ranges. Besides framing the data, the padding stops XChart from placing ticks only at
     * data positions, which it does whenever all x values (plus the axis ends) are equally spaced, as with
     * fixed-length episodes.
     */
    private static void setRanges(XYStyler st, double[][] train, double[][] eval, boolean empty) {
        if (empty) {
            st.setXAxisMin(0.0);
            st.setXAxisMax(1.0);
            st.setYAxisMin(0.0);
            st.setYAxisMax(1.0);
            return;
        }
        double xLo = Math.min(0.0, Math.min(min(train[0]), min(eval[0])));
        double xHi = Math.max(max(train[0]), max(eval[0]));
        double xSpan = Math.max(xHi - xLo, 1000.0);
        // Unequal paddings on the two sides keep even one or two points from being "equally spaced".
        st.setXAxisMin(xLo - 0.0137 * xSpan);
        st.setXAxisMax(Math.max(xHi, xLo + xSpan) + 0.0237 * xSpan);

        double yLo = Math.min(min(train[1]), min(eval[1]));
        double yHi = Math.max(max(train[1]), max(eval[1]));
        double ySpan = Math.max(yHi - yLo, Math.max(1.0, Math.abs(yHi) * 0.2));
        if (yHi - yLo < 1e-9) {
            yLo -= ySpan / 2;
            yHi += ySpan / 2;
        }
        st.setYAxisMin(yLo - 0.0537 * ySpan);
        st.setYAxisMax(yHi + 0.0811 * ySpan);
    }

    /** Tick label for step counts: 0, 500, 25k, 1.5M. */
    static String compact(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (a >= 1e3) {
            return trim(v / 1e3) + "k";
        }
        return trim(v);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static double[][] finitePairs(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y lengths differ: " + x.length + " vs " + y.length);
        }
        double[] fx = new double[x.length];
        double[] fy = new double[y.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                fx[n] = x[i];
                fy[n] = y[i];
                n++;
            }
        }
        return new double[][] {Arrays.copyOf(fx, n), Arrays.copyOf(fy, n)};
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            m = Math.max(m, d);
        }
        return m;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double d : v) {
            m = Math.min(m, d);
        }
        return m;
    }

    /** A round marker scaled relative to the chart's marker size (XChart has one size per chart), optionally ringed. */
    private static final class Dot extends Marker {
        private final double scale;
        private final boolean ring;

        Dot(double scale, boolean ring) {
            this.scale = scale;
            this.ring = ring;
        }

        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            double d = markerSize * scale;
            Ellipse2D.Double shape = new Ellipse2D.Double(x - d / 2, y - d / 2, d, d);
            g.fill(shape);
            if (ring) {
                java.awt.Paint paint = g.getPaint();
                java.awt.Stroke stroke = g.getStroke();
                g.setColor(Color.WHITE);
                g.setStroke(new BasicStroke(2f));
                g.draw(shape);
                g.setPaint(paint);
                g.setStroke(stroke);
            }
        }
    }
}
