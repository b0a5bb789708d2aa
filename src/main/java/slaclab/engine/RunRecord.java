package slaclab.engine;

import slaclab.engine.io.MetricsCsv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A run folder as written by {@link Trainer}, read back for browsing: its configuration, every metrics row and its
 * rollout figures. {@link #open} checks the folder and names what is wrong and how to fix it.
 *
 * @param folder        the run folder
 * @param config        its config.json
 * @param rows          metrics.csv rows, column name to value (empty cells left out), in file order
 * @param rolloutPngs   rollout figures of its evaluations, oldest first
 * @param hasCheckpoint whether checkpoint.bin or checkpoint.prev.bin exists (the run can be continued or inspected live)
 */
public record RunRecord(RunFolder folder, RunConfig config, List<Map<String, Double>> rows, List<Path> rolloutPngs,
                        boolean hasCheckpoint) {
    public static RunRecord open(Path dir) {
        RunFolder folder = new RunFolder(dir);
        String fix = ". Open the folder that `train --out DIR` or the lab wrote; it holds config.json and metrics.csv.";
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a folder" + fix);
        }
        if (!Files.isRegularFile(folder.config())) {
            throw new IllegalArgumentException(dir + " is not a SLAC Lab run folder: config.json is missing" + fix);
        }
        RunConfig config;
        try {
            config = Presets.load(folder.config());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the run folder " + dir + " has a broken config.json: " + e.getMessage()
                    + ". Restore it from a copy, or start a new run from a preset.");
        }
        if (!Files.isRegularFile(folder.metrics())) {
            throw new IllegalArgumentException("the run folder " + dir + " has no metrics.csv: the run never wrote a"
                    + " row (it may have been stopped before its first episode). Start it again.");
        }
        List<Map<String, Double>> rows = readRows(folder.metrics());
        return new RunRecord(folder, config, rows, rolloutFigures(folder), CheckpointFiles.exists(folder));
    }

    /** Environment steps of the last row (0 if none). */
    public long envSteps() {
        for (int i = rows.size() - 1; i >= 0; i--) {
            Double v = rows.get(i).get("env_steps");
            if (v != null) {
                return v.longValue();
            }
        }
        return 0;
    }

    /** Whether it reached the training length of its configuration. */
    public boolean finished() {
        return envSteps() >= config.envSteps();
    }

    /** (env steps, value) pairs of one column, rows without a value skipped: {xs, ys}. */
    public double[][] series(String column) {
        return series(rows, column);
    }

    public static double[][] series(List<Map<String, Double>> rows, String column) {
        List<double[]> pts = new ArrayList<>();
        for (Map<String, Double> r : rows) {
            Double x = r.get("env_steps");
            Double y = r.get(column);
            if (x != null && y != null && Double.isFinite(y)) {
                pts.add(new double[]{x, y});
            }
        }
        double[][] out = new double[2][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            out[0][i] = pts.get(i)[0];
            out[1][i] = pts.get(i)[1];
        }
        return out;
    }

    static List<Map<String, Double>> readRows(Path metrics) {
        List<Map<String, String>> text;
        try {
            text = MetricsCsv.read(metrics);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(metrics + " is not UTF-8 text: it is damaged; restore it from a copy");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + metrics + ": " + e.getMessage());
        }
        if (!text.isEmpty() && !text.get(0).containsKey("env_steps")) {
            throw new IllegalArgumentException(metrics + " is not a SLAC Lab metrics file: its header has no env_steps"
                    + " column. Restore it from a copy, or start a new run.");
        }
        return numeric(text, metrics.toString());
    }

    /**
     * metrics.csv rows as numbers, empty cells left out ({@code source} names the file in a message).
     *
     * @throws IllegalArgumentException for a cell that is no number
     */
    public static List<Map<String, Double>> numeric(List<Map<String, String>> text, String source) {
        List<Map<String, Double>> rows = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            Map<String, Double> row = new LinkedHashMap<>();
            for (Map.Entry<String, String> cell : text.get(i).entrySet()) {
                String v = cell.getValue().trim();
                if (v.isEmpty()) {
                    continue;
                }
                try {
                    row.put(cell.getKey(), Double.parseDouble(v));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(source + " line " + (i + 2) + ", column " + cell.getKey()
                            + ": '" + v + "' is not a number. The file is damaged; restore it from a copy.");
                }
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<Path> rolloutFigures(RunFolder folder) {
        if (!Files.isDirectory(folder.rolloutsDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder.rolloutsDir())) {
            return files.filter(p -> p.getFileName().toString().matches("rollouts-\\d+\\.png")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Env steps of a rollout figure from its file name (rollouts-000012000.png), or -1. */
    public static long rolloutSteps(Path png) {
        String n = png.getFileName().toString();
        try {
            return Long.parseLong(n.substring("rollouts-".length(), n.length() - ".png".length()));
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
