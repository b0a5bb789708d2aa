package slaclab.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCsvTest {
    private static final List<String> COLUMNS = List.of("step", "return", "loss,model");

    @TempDir
    Path dir;

    private static Map<String, Double> row(double step, Double ret, Double loss) {
        Map<String, Double> m = new HashMap<>();
        m.put("step", step);
        m.put("return", ret);
        m.put("loss,model", loss);
        return m;
    }

    @Test
    void appendReadRoundTrip() throws IOException {
        Path file = dir.resolve("run/metrics.csv");
        try (MetricsCsv csv = new MetricsCsv(file, COLUMNS)) {
            csv.append(row(1000, 12.5, 0.001));
            csv.append(row(2000, null, Double.NaN));
            csv.append(Map.of("step", 3000.0, "unknown", 1.0));
            // Rows are flushed as written: readable before close.
            assertEquals(3, MetricsCsv.read(file).size());
        }
        assertEquals("step,return,\"loss,model\"", Files.readAllLines(file).get(0));
        List<Map<String, String>> rows = MetricsCsv.read(file);
        assertEquals(3, rows.size());
        assertEquals(List.of("step", "return", "loss,model"), List.copyOf(rows.get(0).keySet()));
        assertEquals("1000", rows.get(0).get("step"));
        assertEquals(12.5, Double.parseDouble(rows.get(0).get("return")));
        assertEquals(0.001, Double.parseDouble(rows.get(0).get("loss,model")));
        assertEquals("", rows.get(1).get("return"));
        assertEquals("NaN", rows.get(1).get("loss,model"));
        assertEquals("", rows.get(2).get("return"));
        assertArrayEquals(new double[] {1000, 2000, 3000}, MetricsCsv.column(rows, "step"));
        assertTrue(Double.isNaN(MetricsCsv.column(rows, "return")[1]));
    }

    @Test
    void resumeTruncatesRowsAfterCheckpointAndAppends() throws IOException {
        Path file = dir.resolve("metrics.csv");
        try (MetricsCsv csv = new MetricsCsv(file, COLUMNS)) {
            for (int i = 1; i <= 10; i++) {
                csv.append(row(i * 100, (double) i, 0.5));
            }
        }
        // A crash in the middle of a row.
        Files.writeString(file, "1100,11,0.", StandardOpenOption.APPEND);
        assertEquals(10, MetricsCsv.read(file).size(), "partial rows are not read");

        // The last checkpoint was at step 600.
        assertEquals(4, MetricsCsv.truncateAfter(file, "step", 600));
        assertEquals(6, MetricsCsv.read(file).size());
        assertEquals(0, MetricsCsv.truncateAfter(file, "step", 600));

        try (MetricsCsv csv = new MetricsCsv(file, COLUMNS)) {
            csv.append(row(700, 7.5, 0.25));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(8, lines.size(), "one header, no duplicate header on resume");
        assertEquals("700,7.5,0.25", lines.get(7));
        assertArrayEquals(new double[] {100, 200, 300, 400, 500, 600, 700},
                MetricsCsv.column(MetricsCsv.read(file), "step"));
    }

    @Test
    void reopeningAfterCrashDropsPartialRow() throws IOException {
        Path file = dir.resolve("metrics.csv");
        try (MetricsCsv csv = new MetricsCsv(file, COLUMNS)) {
            csv.append(row(1, 1.0, 1.0));
        }
        Files.writeString(file, "2,2", StandardOpenOption.APPEND);
        try (MetricsCsv csv = new MetricsCsv(file, COLUMNS)) {
            csv.append(row(3, 3.0, 3.0));
        }
        assertArrayEquals(new double[] {1, 3}, MetricsCsv.column(MetricsCsv.read(file), "step"));
    }

    @Test
    void differentHeaderKeepsBackupAndMigratesByName() throws IOException {
        Path file = dir.resolve("metrics.csv");
        try (MetricsCsv csv = new MetricsCsv(file, List.of("step", "return"))) {
            csv.append(Map.of("step", 5.0, "return", 2.0));
        }
        try (MetricsCsv csv = new MetricsCsv(file, List.of("step", "alpha", "return"))) {
            csv.append(Map.of("step", 6.0, "alpha", 0.1, "return", 3.0));
        }
        assertTrue(Files.exists(dir.resolve("metrics.csv.old-1")));
        List<Map<String, String>> rows = MetricsCsv.read(file);
        assertEquals(Map.of("step", "5", "alpha", "", "return", "2"), rows.get(0));
        assertEquals(Map.of("step", "6", "alpha", "0.1", "return", "3"), rows.get(1));
    }

    @Test
    void formatsNumbers() {
        assertEquals("100000", MetricsCsv.format(100000.0));
        assertEquals("-3", MetricsCsv.format(-3.0));
        assertEquals("0.125", MetricsCsv.format(0.125));
        assertEquals("NaN", MetricsCsv.format(Double.NaN));
        assertEquals("-Infinity", MetricsCsv.format(Double.NEGATIVE_INFINITY));
        assertEquals(1e-7, Double.parseDouble(MetricsCsv.format(1e-7)));
    }
}
