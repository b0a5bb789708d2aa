package slaclab.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ablation's statistics over seeds, aligned by environment steps, and the files they are written to. */
class ComparisonTest {
    @Test
    void meanStdMinMaxOverSeedsAlignedByEnvSteps() {
        // Seed 0 evaluated at 100, 200, 300; seed 1 stopped early (100, 200); seed 2 missed 100 (100 absent).
        List<double[][]> runs = List.of(
                new double[][]{{100, 200, 300}, {10, 20, 30}},
                new double[][]{{100, 200}, {14, 30}},
                new double[][]{{200, 300}, {40, Double.NaN}});
        List<Comparison.Point> p = Comparison.aggregate(runs);
        assertEquals(3, p.size());
        assertEquals(new Comparison.Point(100, 12, Math.sqrt(8), 10, 14, 2), p.get(0));
        Comparison.Point at200 = p.get(1);
        assertEquals(200, at200.envSteps());
        assertEquals(30, at200.mean(), 1e-12);
        assertEquals(10, at200.std(), 1e-12, "sample standard deviation of 20, 30, 40");
        assertEquals(20, at200.min());
        assertEquals(40, at200.max());
        assertEquals(3, at200.n());
        assertEquals(new Comparison.Point(300, 30, 0, 30, 30, 1), p.get(2), "NaN returns are left out; one seed: std 0");
    }

    @Test
    void lateEvaluationsSnapToTheSchedule() {
        assertArrayEquals(new double[]{200, 400, 600, 650}, Comparison.snap(new double[]{200, 403, 607, 650}, 200, 8));
    }

    @Test
    void writesTableAndFigure(@TempDir Path dir) throws Exception {
        Map<String, List<Comparison.Point>> pts = new LinkedHashMap<>();
        pts.put("slac", Comparison.aggregate(List.of(new double[][]{{0, 100}, {1, 5}}, new double[][]{{0, 100}, {3, 9}})));
        pts.put("sac-state", Comparison.aggregate(List.<double[][]>of(new double[][]{{100}, {50.5}})));
        Comparison.writeCsv(dir.resolve("c.csv"), pts);
        assertEquals(List.of("variant,env_steps,mean,std,min,max,n", "slac,0,2,1.4142135623730951,1,3,2",
                "slac,100,7,2.8284271247461903,5,9,2", "sac-state,100,50.5,0,50.5,50.5,1"),
                Files.readAllLines(dir.resolve("c.csv")));
        Comparison.writePng(dir.resolve("c.png"), "test", pts);
        assertNotNull(ImageIO.read(dir.resolve("c.png").toFile()));
        assertTrue(Files.size(dir.resolve("c.png")) > 1000);
    }

    @Test
    void theStateBaselineIsLabelledTheUpperBoundAsInThePaper() {
        assertEquals("sac-state (upper bound, 3 seeds)", Comparison.legend("sac-state", 3));
        assertEquals("slac (1 seed)", Comparison.legend("slac", 1));
        assertEquals("sac-pixels (2 seeds)", Comparison.legend("sac-pixels", 2));
        Map<String, List<Comparison.Point>> pts = new LinkedHashMap<>();
        pts.put("slac", Comparison.aggregate(List.<double[][]>of(new double[][]{{100}, {5}})));
        pts.put("vae", List.of());
        pts.put("sac-state", Comparison.aggregate(List.<double[][]>of(new double[][]{{100}, {50}},
                new double[][]{{100}, {70}})));
        assertEquals(List.of("slac (1 seed)", "sac-state (upper bound, 2 seeds)"),
                Comparison.bands(pts).stream().map(b -> b.name()).toList(), "the figure's legend; no empty curves");
    }
}
