package slaclab.engine.io;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Puts a chart's legend in the plot corner where it hides the fewest data: a return curve that starts high (the
 * cartpole's first episodes score 150-380) would otherwise lose its first points under a top-left legend. Lays the
 * chart out once off-screen to learn where its plot area is, estimates the legend's box from its font, and counts
 * the data drawn under each corner's box: markers, and points every few pixels along lines and band edges.
 */
final class LegendPlacement {
    /** The corners tried, in order of preference when they hide equally much (top-left is where readers look). */
    static final List<LegendPosition> CORNERS = List.of(LegendPosition.InsideNW, LegendPosition.InsideNE,
            LegendPosition.InsideSE, LegendPosition.InsideSW);

    /** XChart's gap between the plot's edge and an inside legend, in pixels. */
    private static final int MARGIN = 6;
    /** XChart's legend symbol for a series drawn without a line (a marker or a filled box), in pixels. */
    private static final int SYMBOL = 20;
    /** Spacing of the points counted along a line, in pixels. */
    private static final double STEP = 3;

    private LegendPlacement() {
    }

    /**
     * Moves the legend of a chart with fixed axis ranges to its least covering inside corner. Charts without a
     * visible legend, with the legend outside the plot, or without fixed ranges are left as they are.
     */
    static void place(XYChart chart) {
        XYStyler st = chart.getStyler();
        if (!st.isLegendVisible() || !CORNERS.contains(st.getLegendPosition()) || st.getXAxisMin() == null
                || st.getXAxisMax() == null || st.getYAxisMin() == null || st.getYAxisMax() == null) {
            return;
        }
        int[] hidden = hiddenPerCorner(chart);
        if (hidden == null) {
            return;
        }
        int best = 0;
        for (int i = 1; i < hidden.length; i++) {
            if (hidden[i] < hidden[best]) {
                best = i;
            }
        }
        st.setLegendPosition(CORNERS.get(best));
    }

    /** Data samples under the legend at each of {@link #CORNERS}, or null when no series is named in the legend. */
    static int[] hiddenPerCorner(XYChart chart) {
        XYStyler st = chart.getStyler();
        List<XYSeries> named = chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).toList();
        if (named.isEmpty()) {
            return null;
        }
        int w = chart.getWidth(), h = chart.getHeight();
        BufferedImage scratch = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        double boxW, boxH;
        try {
            chart.paint(g, w, h);  // lays out the axes, so the screen mapping below is this chart's
            FontMetrics fm = g.getFontMetrics(st.getLegendFont());
            int pad = st.getLegendPadding();
            double textW = 0;
            double rows = 0;
            for (XYSeries s : named) {
                textW = Math.max(textW, fm.stringWidth(s.getName()));
                rows += Math.max(fm.getHeight(), st.getMarkerSize()) + pad;
            }
            boxW = pad + Math.max(st.getLegendSeriesLineLength(), SYMBOL) + pad + textW + pad;
            boxH = pad + rows;
        } finally {
            g.dispose();
        }
        double left = chart.getScreenXFromChart(st.getXAxisMin());
        double right = chart.getScreenXFromChart(st.getXAxisMax());
        double top = chart.getScreenYFromChart(st.getYAxisMax());
        double bottom = chart.getScreenYFromChart(st.getYAxisMin());
        int[] hidden = new int[CORNERS.size()];
        for (int c = 0; c < CORNERS.size(); c++) {
            LegendPosition p = CORNERS.get(c);
            boolean west = p == LegendPosition.InsideNW || p == LegendPosition.InsideSW;
            boolean north = p == LegendPosition.InsideNW || p == LegendPosition.InsideNE;
            double x0 = west ? left + MARGIN : right - MARGIN - boxW;
            double y0 = north ? top + MARGIN : bottom - MARGIN - boxH;
            Rectangle2D box = new Rectangle2D.Double(x0 - MARGIN, y0 - MARGIN, boxW + 2 * MARGIN, boxH + 2 * MARGIN);
            for (XYSeries s : chart.getSeriesMap().values()) {
                hidden[c] += samplesIn(chart, s, box);
            }
        }
        return hidden;
    }

    private static int samplesIn(XYChart chart, XYSeries s, Rectangle2D box) {
        double[] xd = s.getXData(), yd = s.getYData();
        boolean line = s.getXYSeriesRenderStyle() != XYSeries.XYSeriesRenderStyle.Scatter;
        int n = 0;
        double px = Double.NaN, py = Double.NaN;
        for (int i = 0; i < xd.length; i++) {
            if (!Double.isFinite(xd[i]) || !Double.isFinite(yd[i])) {
                px = Double.NaN;
                continue;
            }
            double x = chart.getScreenXFromChart(xd[i]), y = chart.getScreenYFromChart(yd[i]);
            if (box.contains(x, y)) {
                n++;
            }
            if (line && Double.isFinite(px)) {
                int steps = (int) (Math.hypot(x - px, y - py) / STEP);
                for (int k = 1; k < steps; k++) {
                    double t = (double) k / steps;
                    if (box.contains(px + t * (x - px), py + t * (y - py))) {
                        n++;
                    }
                }
            }
            px = x;
            py = y;
        }
        return n;
    }
}
