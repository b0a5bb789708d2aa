package slaclab.ui;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import slaclab.engine.RunRecord;
import slaclab.engine.io.Charts;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Several run folders' return curves overlaid, so variants (presets, seeds, models) can be compared side by side. */
final class ComparePane extends BorderPane {
    private final LabModel model;
    private final ChartPainter painter;
    private final ImageView chart = new ImageView();
    private final CheckBox training = new CheckBox("training episodes instead of evaluations");
    private final Throttle redraw;
    private final StackPane chartBox;

    ComparePane(LabModel model, ChartPainter painter) {
        this.model = model;
        this.painter = painter;
        getStyleClass().add("pane-compare");

        ListView<RunRecord> list = new ListView<>(model.compared());
        list.setId("compare-list");
        list.setPrefWidth(300);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(RunRecord r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : String.format("%s%n%s, seed %d, %,d env steps",
                        r.folder().dir().getFileName(), r.config().task(), r.config().seed(), r.envSteps()));
            }
        });
        Button add = new Button("Add run folder\u2026");
        add.setId("compare-add");
        add.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Run folder to compare");
            File f = dc.showDialog(getScene().getWindow());
            if (f != null) {
                model.addCompared(f.toPath());
            }
        });
        Button current = new Button("Add this run");
        current.setId("compare-current");
        current.setOnAction(e -> {
            if (model.runDirProperty().get() != null) {
                model.addCompared(model.runDirProperty().get());
            }
        });
        current.disableProperty().bind(model.runDirProperty().isNull());
        Button remove = new Button("Remove");
        remove.setOnAction(e -> {
            RunRecord r = list.getSelectionModel().getSelectedItem();
            if (r != null) {
                model.removeCompared(r);
            }
        });
        remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        Button reload = new Button("Reload");
        reload.setOnAction(e -> model.reloadCompared());
        Button png = new Button("Export PNG\u2026");
        png.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setInitialFileName("comparison.png");
            File f = fc.showSaveDialog(getScene().getWindow());
            if (f != null) {
                exportPng(f.toPath());
            }
        });
        HBox buttons1 = new HBox(6, add, current);
        HBox buttons2 = new HBox(6, remove, reload, png);
        Label hint = new Label("Curves are read from each folder's metrics.csv; Reload picks up runs still training.");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        VBox left = new VBox(8, buttons1, buttons2, training, list, hint);
        left.setPadding(new Insets(10));
        left.setPrefWidth(320);

        chart.setId("compare-chart");
        chart.setPreserveRatio(true);
        chartBox = new StackPane(chart);
        chartBox.setAlignment(Pos.TOP_LEFT);
        chartBox.setPadding(new Insets(10));
        setLeft(left);
        setCenter(chartBox);

        redraw = new Throttle(Duration.millis(500), this::paint);
        model.compared().addListener((ListChangeListener<RunRecord>) c -> redraw.request());
        training.selectedProperty().addListener((o, a, b) -> redraw.request());
        chartBox.widthProperty().addListener((o, a, b) -> redraw.request());
        redraw.request();
    }

    private List<Charts.Series> series() {
        String column = training.isSelected() ? "train_return" : "eval_return";
        List<Charts.Series> out = new ArrayList<>();
        for (RunRecord r : model.compared()) {
            double[][] p = r.series(column);
            out.add(new Charts.Series(r.folder().dir().getFileName() + " (" + r.config().task() + ", seed "
                    + r.config().seed() + ")", p[0], p[1]));
        }
        return out;
    }

    private String title() {
        return training.isSelected() ? "training returns" : "evaluation returns";
    }

    private void paint() {
        List<Charts.Series> s = series();
        String title = title();
        int w = (int) Math.max(640, chartBox.getWidth() - 24);
        int h = (int) Math.min(Math.max(360, chartBox.getHeight() - 24), w * 0.62);
        painter.paint("compare", () -> Charts.image(Charts.overlay(s, title, "episode return", w, h)), chart::setImage);
    }

    void exportPng(Path file) {
        try {
            Charts.writePng(file, Charts.image(Charts.overlay(series(), title(), "episode return", 1600, 900)));
            model.info("comparison written to " + file);
        } catch (IOException | RuntimeException e) {
            model.error("cannot write " + file + ": " + e.getMessage() + ". Choose a folder you can write to.");
        }
    }
}
