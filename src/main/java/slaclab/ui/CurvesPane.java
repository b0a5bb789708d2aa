package slaclab.ui;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import slaclab.engine.io.Charts;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Return curves (training episodes and evaluations against environment steps) and every loss term (KL, image and
 * reward NLL, critic, actor, alpha against update counts), redrawn at most once a second off the FX thread; export of
 * the whole set as one PNG and of the numbers as CSV.
 */
final class CurvesPane extends BorderPane {
    static final Duration REDRAW = Duration.seconds(1);

    private final LabModel model;
    private final ChartPainter painter;
    private final ImageView returns = new ImageView();
    private final List<ImageView> terms = new ArrayList<>();
    private final Throttle redraw;
    private final ScrollPane scroll;
    private long paints;

    CurvesPane(LabModel model, ChartPainter painter) {
        this.model = model;
        this.painter = painter;
        getStyleClass().add("pane-curves");
        returns.setId("returns-chart");
        returns.setPreserveRatio(true);
        TilePane grid = new TilePane();
        grid.setPrefColumns(3);
        grid.setHgap(6);
        grid.setVgap(6);
        for (Charts.Term t : Charts.TERMS) {
            ImageView v = new ImageView();
            v.setId("term-" + t.column());
            v.setPreserveRatio(true);
            terms.add(v);
            grid.getChildren().add(v);
        }
        Button png = new Button("Export PNG\u2026");
        png.setId("export-png");
        png.setOnAction(e -> choose("curves.png", "PNG image", "*.png").ifPresent(this::exportPng));
        Button csv = new Button("Export CSV\u2026");
        csv.setId("export-csv");
        csv.setOnAction(e -> choose("metrics.csv", "CSV table", "*.csv").ifPresent(this::exportCsv));
        Label count = new Label();
        count.getStyleClass().add("hint");
        model.rows().addListener((ListChangeListener<Map<String, Double>>) c ->
                count.setText(String.format("%,d metrics rows", model.rows().size())));
        HBox bar = new HBox(8, png, csv, count);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 10, 0, 10));

        VBox content = new VBox(8, returns, grid);
        content.setPadding(new Insets(10));
        scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        setTop(bar);
        setCenter(scroll);

        redraw = new Throttle(REDRAW, this::paint);
        model.rows().addListener((ListChangeListener<Map<String, Double>>) c -> redraw.request());
        model.runTitleProperty().addListener((o, a, b) -> redraw.request());
        scroll.viewportBoundsProperty().addListener((o, a, b) -> {
            if (a == null || Math.abs(a.getWidth() - b.getWidth()) > 8 || Math.abs(a.getHeight() - b.getHeight()) > 8) {
                redraw.request();
            }
        });
        redraw.request();
    }

    private void paint() {
        List<Map<String, Double>> rows = List.copyOf(model.rows());
        String title = model.runTitleProperty().get();
        // Everything on one screen where it fits: the return curve over two rows of three loss charts.
        double width = Math.max(720, scroll.getViewportBounds().getWidth() - 24);
        double height = scroll.getViewportBounds().getHeight() > 0 ? scroll.getViewportBounds().getHeight() - 36 : 800;
        int w = (int) width, h = (int) Math.max(220, Math.min(width * 0.36, height * 0.46));
        int tw = (int) ((width - 12) / 3), th = (int) Math.max(150, Math.min(tw * 0.62, (height - h - 14) / 2));
        paints++;
        painter.paint("returns", () -> Charts.image(Charts.returns(rows, title, w, h)), img -> {
            returns.setImage(img);
            returns.setFitWidth(img.getWidth());
        });
        for (int i = 0; i < Charts.TERMS.size(); i++) {
            Charts.Term t = Charts.TERMS.get(i);
            ImageView v = terms.get(i);
            painter.paint("term-" + t.column(), () -> Charts.image(Charts.term(rows, t, tw, th)), img -> {
                v.setImage(img);
                v.setFitWidth(img.getWidth());
            });
        }
    }

    /** Redraws requested so far (for tests of throttling). */
    long paints() {
        return paints;
    }

    private java.util.Optional<Path> choose(String name, String kind, String pattern) {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(name);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        if (model.runDirProperty().get() != null && model.runDirProperty().get().toFile().isDirectory()) {
            fc.setInitialDirectory(model.runDirProperty().get().toFile());
        }
        File f = fc.showSaveDialog(getScene().getWindow());
        return java.util.Optional.ofNullable(f).map(File::toPath);
    }

    void exportPng(Path file) {
        try {
            Charts.writePng(file, Charts.dashboard(List.copyOf(model.rows()), model.runTitleProperty().get()));
            model.info("curves written to " + file);
        } catch (IOException | RuntimeException e) {
            model.error("cannot write " + file + ": " + e.getMessage() + ". Choose a folder you can write to.");
        }
    }

    void exportCsv(Path file) {
        try {
            Charts.writeCsv(file, List.copyOf(model.rows()));
            model.info(String.format("%,d rows written to %s", model.rows().size(), file));
        } catch (IOException | RuntimeException e) {
            model.error("cannot write " + file + ": " + e.getMessage() + ". Choose a folder you can write to.");
        }
    }
}
