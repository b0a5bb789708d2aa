package slaclab.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

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
}
