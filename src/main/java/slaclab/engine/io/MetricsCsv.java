package slaclab.engine.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Append-only CSV of training metrics with a fixed header. Each row is flushed as it is written, so the file can be
 * plotted while a run is going. Reopening a file with the same header (resume) keeps appending; a file with another
 * header is kept as {@code <name>.old-N} and its rows are carried over by column name.
 *
 * <p>Cells are plain numbers; fields with commas or quotes are quoted, embedded line breaks are not supported.
 */
public final class MetricsCsv implements AutoCloseable {
    private final Path file;
    private final List<String> columns;
    private final Writer writer;

    /** Opens {@code file} for appending rows with the given columns, creating it (and its folder) if needed. */
    public MetricsCsv(Path file, List<String> columns) throws IOException {
        if (columns.isEmpty() || new HashSet<>(columns).size() != columns.size()) {
            throw new IllegalArgumentException("columns must be non-empty and unique: " + columns);
        }
        this.file = file;
        this.columns = List.copyOf(columns);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        if (!fresh) {
            prepareExisting();
        }
        this.writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE), StandardCharsets.UTF_8));
        if (fresh) {
            writer.write(joinLine(this.columns));
            writer.flush();
        }
    }

    /** Makes an existing file end with a complete row under this header. */
    private void prepareExisting() throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = completeLines(text);
        List<String> header = lines.isEmpty() ? List.of() : parseLine(lines.get(0));
        if (header.equals(columns)) {
            if (!text.endsWith("\n")) {
                // A crash cut the last row short: drop it.
                AtomicFiles.writeString(file, String.join("\n", lines) + "\n");
            }
            return;
        }
        Path backup = backupName();
        Files.copy(file, backup, StandardCopyOption.COPY_ATTRIBUTES);
        StringBuilder out = new StringBuilder(joinLine(columns));
        for (int i = 1; i < lines.size(); i++) {
            List<String> cells = parseLine(lines.get(i));
            List<String> row = new ArrayList<>(columns.size());
            for (String column : columns) {
                int j = header.indexOf(column);
                row.add(j >= 0 && j < cells.size() ? cells.get(j) : "");
            }
            out.append(joinLine(row));
        }
        AtomicFiles.writeString(file, out.toString());
    }

    private Path backupName() {
        String name = file.getFileName().toString();
        for (int n = 1; ; n++) {
            Path candidate = file.resolveSibling(name + ".old-" + n);
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
    }

    public Path file() {
        return file;
    }

    public List<String> columns() {
        return columns;
    }

    /**
     * Writes one row and flushes it. Missing or null values give empty cells, NaN gives "NaN"; keys that are not
     * columns are ignored.
     */
    public synchronized void append(Map<String, Double> values) throws IOException {
        List<String> cells = new ArrayList<>(columns.size());
        for (String column : columns) {
            Double v = values.get(column);
            cells.add(v == null ? "" : format(v));
        }
        writer.write(joinLine(cells));
        writer.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }

    /** Number formatting used in cells: integers without a decimal point, otherwise the shortest exact form. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /**
     * Reads all complete rows, each as column name to cell text (empty string for empty or missing cells), in header
     * order. A missing file gives an empty list.
     */
    public static List<Map<String, String>> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return parseRows(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** {@link #read} of a metrics file's text (e.g. a lesson's, inside the jar). */
    public static List<Map<String, String>> parseRows(String text) {
        List<String> lines = completeLines(text);
        List<Map<String, String>> rows = new ArrayList<>();
        if (lines.isEmpty()) {
            return rows;
        }
        List<String> header = parseLine(lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                continue;
            }
            List<String> cells = parseLine(lines.get(i));
            Map<String, String> row = new LinkedHashMap<>();
            for (int j = 0; j < header.size(); j++) {
                row.put(header.get(j), j < cells.size() ? cells.get(j) : "");
            }
            rows.add(row);
        }
        return rows;
    }

    /** One column of rows from {@link #read} as numbers; empty or unparseable cells become NaN. */
    public static double[] column(List<Map<String, String>> rows, String column) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = parse(rows.get(i).get(column));
        }
        return out;
    }

    /**
     * For resuming from a checkpoint: removes the rows whose {@code column} value is greater than {@code maxValue}
     * (written after the checkpoint) and any row cut short by a crash, rewriting the file atomically. Rows with an
     * empty value in {@code column} are kept. Call before opening a {@code MetricsCsv} on the file.
     *
     * @return the number of rows removed (0 if the file does not exist)
     */
    public static int truncateAfter(Path file, String column, double maxValue) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = completeLines(text);
        if (lines.isEmpty()) {
            return 0;
        }
        int index = parseLine(lines.get(0)).indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column '" + column + "' in " + file);
        }
        StringBuilder out = new StringBuilder(lines.get(0)).append('\n');
        int dropped = 0;
        for (int i = 1; i < lines.size(); i++) {
            List<String> cells = parseLine(lines.get(i));
            double v = index < cells.size() ? parse(cells.get(index)) : Double.NaN;
            if (v > maxValue) {
                dropped++;
            } else {
                out.append(lines.get(i)).append('\n');
            }
        }
        boolean partial = !text.endsWith("\n");
        if (dropped > 0 || partial) {
            AtomicFiles.writeString(file, out.toString());
        }
        return dropped;
    }

    private static double parse(String cell) {
        if (cell == null || cell.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Lines terminated by a newline; an unterminated tail (a row being written or cut by a crash) is left out. */
    private static List<String> completeLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
            String line = text.substring(start, i);
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            start = i + 1;
        }
        return lines;
    }

    private static String joinLine(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        return sb.append('\n').toString();
    }

    private static List<String> parseLine(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
