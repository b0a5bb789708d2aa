package slaclab.ui;

import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import slaclab.engine.ImaginationGif;
import slaclab.engine.io.AnimatedGif;
import slaclab.environments.Environment;
import slaclab.engine.RunControl.RolloutSource;
import slaclab.engine.RunRecord;
import slaclab.engine.Trainer;

import java.nio.file.Path;
import java.util.List;

/**
 * Truth, posterior, prior and conditional-prior rows of one sequence (the paper's Figure 5 style), refreshed at each
 * evaluation or on demand, for a replay sequence or the current episode, 1-50 steps long: the prior rows show where
 * the model's predictions drift. A browsed run without a live model shows its stored figures.
 */
final class RolloutsPane extends BorderPane {
    static final double CELL = 72;

    private final LabModel model;
    private final GridPane grid = new GridPane();
    private final ImageView stored = new ImageView();
    private final ComboBox<Path> storedChoice = new ComboBox<>();
    private final ScrollPane scroll = new ScrollPane();

    RolloutsPane(LabModel model) {
        this.model = model;
        getStyleClass().add("pane-rollouts");

        Spinner<Integer> length = new Spinner<>(1, Trainer.MAX_ROLLOUT_STEPS, model.rolloutStepsProperty().get());
        length.setId("rollout-length");
        length.setEditable(true);
        length.setPrefWidth(80);
        length.getValueFactory().valueProperty().addListener((o, a, b) -> model.rolloutStepsProperty().set(b));
        model.rolloutStepsProperty().addListener((o, a, b) -> length.getValueFactory().setValue(b.intValue()));

        ComboBox<RolloutSource> source = new ComboBox<>();
        source.setId("rollout-source");
        source.getItems().setAll(RolloutSource.values());
        source.setConverter(new StringConverter<>() {
            @Override
            public String toString(RolloutSource s) {
                return s == null ? "" : s == RolloutSource.REPLAY ? "replay sequence" : "current episode";
            }

            @Override
            public RolloutSource fromString(String s) {
                return null;
            }
        });
        source.valueProperty().bindBidirectional(model.rolloutSourceProperty());

        Spinner<Integer> sequence = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 9999, 0));
        sequence.setId("rollout-sequence");
        sequence.setEditable(true);
        sequence.setPrefWidth(90);
        sequence.valueProperty().addListener((o, a, b) -> model.rolloutSequenceProperty().set(b));
        sequence.disableProperty().bind(source.valueProperty().isNotEqualTo(RolloutSource.REPLAY));

        Button refresh = new Button("Refresh");
        refresh.setId("rollout-refresh");
        refresh.setOnAction(e -> model.refreshRollouts());

        CheckBox atEval = new CheckBox("at each evaluation");
        atEval.setTooltip(new Tooltip("redraw at each evaluation, and while the model pre-trains at least every "
                + LabModel.PRETRAIN_ROLLOUTS_EVERY + " updates"));
        atEval.selectedProperty().bindBidirectional(model.rolloutsAtEvaluationProperty());

        Button export = new Button("Export GIF\u2026");
        export.setId("rollout-export");
        export.setTooltip(new Tooltip("the rows shown, one GIF frame per time step"));
        export.setOnAction(e -> exportGif(this, model.rolloutsProperty().get(), model));
        export.disableProperty().bind(model.rolloutsProperty().isNull());

        HBox controls = new HBox(8, new Label("Steps"), length, new Label("from"), source, new Label("no."), sequence,
                refresh, atEval, export);
        controls.setAlignment(Pos.CENTER_LEFT);

        Label caption = new Label();
        caption.setId("rollout-caption");
        caption.getStyleClass().add("caption");
        Label status = new Label();
        status.setId("rollout-status");
        status.getStyleClass().add("hint");
        status.textProperty().bind(model.rolloutStatusProperty());

        storedChoice.setId("stored-rollouts");
        storedChoice.setItems(model.storedRollouts());
        storedChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(Path p) {
                return p == null ? "" : String.format("evaluation at %,d env steps", RunRecord.rolloutSteps(p));
            }

            @Override
            public Path fromString(String s) {
                return null;
            }
        });
        storedChoice.valueProperty().addListener((o, a, p) -> {
            stored.setImage(p == null ? null : new Image(p.toUri().toString(), true));
            if (model.rolloutsProperty().get() == null) {
                show(null);  // nothing live: the chosen figure is what there is to see
            }
        });
        model.storedRollouts().addListener((ListChangeListener<Path>) c -> {
            List<Path> l = model.storedRollouts();
            storedChoice.setValue(l.isEmpty() ? null : l.get(l.size() - 1));
        });
        Button showStored = new Button("Show figure");
        showStored.setId("show-stored");
        showStored.setOnAction(e -> {
            caption.setText(storedChoice.getConverter().toString(storedChoice.getValue()) + " (stored figure)");
            scroll.setContent(stored);
        });
        showStored.disableProperty().bind(storedChoice.valueProperty().isNull());
        stored.setPreserveRatio(true);
        stored.setSmooth(false);
        HBox storedRow = new HBox(8, new Label("Stored figure:"), storedChoice, showStored);
        storedRow.setAlignment(Pos.CENTER_LEFT);
        storedRow.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.storedRollouts()));
        storedRow.managedProperty().bind(storedRow.visibleProperty());

        grid.setId("rollout-grid");
        grid.setHgap(3);
        grid.setVgap(3);
        grid.setPadding(new Insets(8));
        scroll.setFitToHeight(true);
        scroll.setPannable(true);

        VBox top = new VBox(6, controls, storedRow, caption, status);
        top.setPadding(new Insets(10));
        setTop(top);
        setCenter(scroll);

        model.rolloutsProperty().addListener((o, a, set) -> {
            caption.setText(set == null ? "" : set.caption());
            show(set);
        });
        show(null);
    }

    private void show(RolloutSet set) {
        grid.getChildren().clear();
        if (set == null) {
            scroll.setContent(model.storedRollouts().isEmpty() ? placeholder() : stored);
            if (storedChoice.getValue() == null && !model.storedRollouts().isEmpty()) {
                storedChoice.setValue(model.storedRollouts().get(model.storedRollouts().size() - 1));
            }
            return;
        }
        fill(grid, set, CELL);
        scroll.setContent(grid);
    }

    /** Asks where, then writes {@code set} as an animated GIF (one frame per time step) off the FX thread. */
    static void exportGif(Node owner, RolloutSet set, LabModel lab) {
        if (set == null) {
            return;
        }
        Path f = GifChooser.ask(owner, "rollouts.gif", lab).orElse(null);
        if (f == null) {
            return;
        }
        List<List<byte[]>> rows = set.rows().stream().map(r -> r.stream().map(FrameImages::toBytes).toList()).toList();
        Thread t = new Thread(() -> {
            try {
                AnimatedGif.writeSequences(f, set.labels(), rows, Environment.IMAGE_SIZE, 3,
                        ImaginationGif.DELAY_MS * 3);
                Platform.runLater(() -> lab.info("wrote " + f + ": " + rows.get(0).size() + " frames"));
            } catch (java.io.IOException | RuntimeException ex) {
                Platform.runLater(() -> lab.error("could not write " + f + ": " + ex.getMessage()));
            }
        }, "gif-export");
        t.setDaemon(true);
        t.start();
    }

    /** Puts {@code set} in {@code grid}: a header of time steps, then a labelled row of frames per row of the set. */
    static void fill(GridPane grid, RolloutSet set, double cell) {
        grid.getChildren().clear();
        int columns = set.rows().stream().mapToInt(List::size).max().orElse(0);
        for (int t = 0; t < columns; t++) {
            Label h = new Label("t=" + (t + 1));
            h.getStyleClass().add("grid-header");
            grid.add(h, t + 1, 0);
        }
        for (int r = 0; r < set.rows().size(); r++) {
            Label label = new Label(set.labels().get(r));
            label.getStyleClass().add("row-label");
            label.setMinWidth(Region.USE_PREF_SIZE);
            grid.add(label, 0, r + 1);
            List<Image> row = set.rows().get(r);
            for (int t = 0; t < row.size(); t++) {
                ImageView v = new ImageView(row.get(t));
                v.setSmooth(false);
                v.setFitWidth(cell);
                v.setFitHeight(cell);
                v.getStyleClass().add("rollout-frame");
                grid.add(v, t + 1, r + 1);
            }
        }
    }

    private Label placeholder() {
        Label l = new Label("No rollouts yet. They appear at the first evaluation; Refresh draws them now"
                + " (after the replay buffer holds a sequence).");
        l.getStyleClass().add("hint");
        l.setWrapText(true);
        l.setPadding(new Insets(20));
        HBox.setHgrow(l, Priority.ALWAYS);
        return l;
    }

    /** Rows of frames shown now (for tests): the number of image rows in the grid. */
    int shownRows() {
        return (int) grid.getChildren().stream().filter(n -> n instanceof ImageView)
                .map(GridPane::getRowIndex).distinct().count();
    }
}
