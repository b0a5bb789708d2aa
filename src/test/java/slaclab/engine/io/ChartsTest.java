package slaclab.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler.LegendPosition;

class ChartsTest {

    /** A lesson's curve ends at 295; the paper's 414 at 100k must be on the chart, its 707 at 500k named. */
    @Test
    void paperReturnsAboveTheRunWidenTheReturnAxisAndLaterOnesAreNamed() {
        List<Map<String, Double>> rows = List.of(
                Map.of("env_steps", 5000.0, "eval_return", 11.7),
                Map.of("env_steps", 50000.0, "eval_return", 135.7),
                Map.of("env_steps", 100000.0, "eval_return", 295.0));
        XYChart chart = Charts.returns(rows, "cheetah", 640, 320);
        assertTrue(chart.getStyler().getYAxisMax() < 414, "before: the axis ends near the run's best");

        Charts.addPoints(chart, "stages", new double[] {5000, 100000}, new double[] {11.7, 295.0}, false);
        Charts.addPoints(chart, "SLAC in the paper", new double[] {100000, 500000}, new double[] {414, 707}, true);

        assertTrue(chart.getStyler().getYAxisMax() > 414, "the paper's 100k mark is inside the return axis");
        assertTrue(chart.getStyler().getYAxisMax() < 707, "the 500k mark does not stretch the axes");
        assertTrue(chart.getStyler().getXAxisMax() < 200000, "the run's curve keeps the chart's width");
        assertNotNull(chart.getSeriesMap().get("SLAC in the paper (707 at 500k)"));
        assertEquals(1, chart.getSeriesMap().get("SLAC in the paper (707 at 500k)").getXData().length);
        assertNotNull(chart.getSeriesMap().get("stages"));
    }

    @Test
    void onlyLaterPaperReturnsStillGetALegendEntryAndTheImageDraws() throws Exception {
        List<Map<String, Double>> rows = List.of(
                Map.of("env_steps", 1000.0, "eval_return", 20.0),
                Map.of("env_steps", 2000.0, "eval_return", 40.0));
        XYChart chart = Charts.returns(rows, "short run", 640, 320);
        double yMax = chart.getStyler().getYAxisMax();
        Charts.addPoints(chart, "SLAC in the paper", new double[] {100000}, new double[] {328}, true);
        assertNotNull(chart.getSeriesMap().get("SLAC in the paper (328 at 100k)"));
        assertEquals(yMax, chart.getStyler().getYAxisMax(), 1e-9);
        assertTrue(Charts.image(chart).getWidth() > 0);
    }

    private static XYChart curve(double[] steps, double[] returns) {
        List<Map<String, Double>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            rows.add(Map.of("env_steps", steps[i], "train_return", returns[i], "eval_return", returns[i]));
        }
        return Charts.returns(rows, "curve", 800, 400);
    }

    private static LegendPosition placed(XYChart chart) {
        Charts.image(chart);
        return chart.getStyler().getLegendPosition();
    }

    /** A rising curve leaves the top left free: the legend stays where readers look first. */
    @Test
    void aRisingCurveKeepsItsLegendTopLeft() {
        XYChart chart = curve(new double[] {0, 25000, 50000, 75000, 100000}, new double[] {10, 60, 200, 500, 900});
        assertEquals(0, LegendPlacement.hiddenPerCorner(chart)[0], "nothing under the top-left legend");
        assertEquals(LegendPosition.InsideNW, placed(chart));
    }

    /** A falling curve (a loss, or returns that start high) would lose its first points under a top-left legend. */
    @Test
    void aCurveThatStartsHighMovesTheLegendOffItsPoints() {
        XYChart chart = curve(new double[] {0, 25000, 50000, 75000, 100000}, new double[] {900, 700, 400, 150, 20});
        int[] hidden = LegendPlacement.hiddenPerCorner(chart);
        assertTrue(hidden[0] > 0, "the top-left box covers the first points");
        assertEquals(LegendPosition.InsideNE, placed(chart));
        assertEquals(0, hidden[1], "nothing under the top-right legend");
    }

    /** Returns high all along (the cartpole's episodes score 150-400 from the start) leave only the bottom free. */
    @Test
    void returnsHighAllAlongPutTheLegendBelowThem() {
        double[] x = new double[41], y = new double[41];
        for (int i = 0; i <= 40; i++) {
            x[i] = i * 2500;
            y[i] = 300 + 100 * Math.sin(i * 1.3);
        }
        XYChart chart = curve(x, y);
        Charts.addPoints(chart, "SLAC in the paper", new double[] {100000, 500000}, new double[] {328, 793}, true);
        Charts.addPoints(chart, "low start", new double[] {0}, new double[] {0}, false);
        LegendPosition p = placed(chart);
        int[] hidden = LegendPlacement.hiddenPerCorner(chart);
        assertEquals(LegendPosition.InsideSE, p, java.util.Arrays.toString(hidden));
        assertEquals(0, hidden[LegendPlacement.CORNERS.indexOf(p)]);
    }

    @Test
    void chartsWithoutALegendOrWithoutDataAreLeftAlone() {
        XYChart empty = Charts.returns(List.of(), "empty", 640, 320);
        assertEquals(LegendPosition.InsideNW, placed(empty));
        XYChart term = Charts.term(List.of(Map.of("model_updates", 1.0, "kl", 5.0),
                Map.of("model_updates", 2.0, "kl", 1.0)), Charts.TERMS.get(0), 640, 320);
        assertTrue(Charts.image(term).getWidth() > 0);
    }
}
