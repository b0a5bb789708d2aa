package slaclab.ui;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.knowm.xchart.XYChart;
import slaclab.engine.Lesson;
import slaclab.engine.RunRecord;
import slaclab.engine.io.Charts;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A lesson, opened: the whole long run's return curve with its stages and the paper's published returns, an
 * evaluation episode of the policy at each stage (the agent getting better), the rollouts of the model at each stage
 * (it getting sharper: the rollout figure of that evaluation, or new ones drawn on demand), and Continue training
 * from the final stage.
 */
final class LessonPane extends BorderPane {
    static final double FRAME_SIZE = 256;
    /** Room the drawn rollouts' row labels take ("cond. prior" in bold). */
    static final double ROW_LABEL_WIDTH = 110;

    private final LessonModel model;
    private final ChartPainter painter;
    private final ImageView chart = new ImageView();
    private final ImageView storedRollouts = new ImageView();
    private final GridPane drawn = new GridPane();
    private final Label drawnCaption = new Label();
    /** The frame size the drawn rollouts have now (-1: none drawn). */
    private double drawnCellShown = -1;
    private final Throttle redraw;

    LessonPane(LessonModel model, ChartPainter painter) {
        this.model = model;
        this.painter = painter;
        this.redraw = new Throttle(Duration.millis(300), this::paint);
        getStyleClass().add("pane-lesson");

        ComboBox<String> lessons = new ComboBox<>(model.shipped());
        lessons.setId("lesson-choice");
        lessons.setPromptText(model.shipped().isEmpty() ? "no lessons in this build" : "Open lesson");
        lessons.valueProperty().addListener((o, a, name) -> {
            if (name != null) {
                model.openShipped(name);
            }
        });
        Button folder = new Button("Open lesson folder\u2026");
        folder.setId("lesson-folder");
        folder.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Open a lesson folder (one of assets/lessons/, or a copy)");
            File f = dc.showDialog(getScene().getWindow());
            if (f != null) {
                model.openFolder(f.toPath());
            }
        });
        Label title = new Label();
        title.getStyleClass().add("caption");
        Label summary = new Label("A lesson is a run trained once for hours and shipped with the lab: watch its agent"
                + " and its model at each stage, then continue training it.");
        summary.setWrapText(true);
        summary.getStyleClass().add("hint");

        ComboBox<Lesson.Stage> stage = new ComboBox<>();
        stage.setId("lesson-stage");
        stage.setConverter(new StringConverter<>() {
            @Override
            public String toString(Lesson.Stage s) {
                return s == null ? "" : String.format(Locale.ROOT, "%s: %,d env steps, return %.0f", s.name(),
                        s.envSteps(), s.evalReturn());
            }

            @Override
            public Lesson.Stage fromString(String s) {
                return null;
            }
        });
        stage.valueProperty().bindBidirectional(model.stageProperty());
        Button watch = new Button("Watch episode");
        watch.setId("lesson-watch");
        watch.getStyleClass().add("accent");
        watch.setOnAction(e -> model.watch());
        Button stop = new Button("Stop");
        stop.setId("lesson-stop");
        stop.setOnAction(e -> model.stopWatching());
        Button draw = new Button("Draw rollouts");
        draw.setId("lesson-rollouts");
        draw.setTooltip(new Tooltip("truth, posterior, prior and conditional-prior frames of this stage's model on a"
                + " sequence of an episode its policy plays"));
        draw.setOnAction(e -> model.drawRollouts());
        Button episodeGif = new Button("Episode GIF\u2026");
        episodeGif.setId("lesson-episode-export");
        episodeGif.setTooltip(new Tooltip("the episode watched last, with its step counter, actions and return"));
        episodeGif.setOnAction(e -> GifChooser.ask(this, "episode.gif", model.lab()).ifPresent(model::exportEpisodeGif));
        Button drawnGif = new Button("Export GIF\u2026");
        drawnGif.setId("lesson-rollouts-export");
        drawnGif.setTooltip(new Tooltip("the rollouts drawn now, one GIF frame per time step"));
        drawnGif.setOnAction(e -> RolloutsPane.exportGif(this, model.rolloutsProperty().get(), model.lab()));
        drawnGif.disableProperty().bind(model.rolloutsProperty().isNull());
        TextField more = new TextField("50000");
        more.setId("lesson-more-steps");
        more.setPrefColumnCount(7);
        Button cont = new Button("Continue training");
        cont.setId("lesson-continue");
        cont.setTooltip(new Tooltip("a new run from the final stage: its policy refills a replay buffer, then it trains"
                + " as usual; the other tabs follow it"));
        cont.setOnAction(e -> {
            try {
                model.continueTraining(Long.parseLong(more.getText().trim().replace(",", "").replace("_", "")));
            } catch (NumberFormatException ex) {
                more.requestFocus();
            }
        });
        var noLesson = model.lessonProperty().isNull();
        var busy = model.busyProperty();
        stage.disableProperty().bind(noLesson);
        watch.disableProperty().bind(noLesson.or(busy));
        draw.disableProperty().bind(noLesson.or(busy));
        cont.disableProperty().bind(noLesson.or(busy));
        stop.disableProperty().bind(busy.not());
        episodeGif.disableProperty().bind(model.watchedProperty().isNull().or(busy));

        ImageView frame = new ImageView();
        frame.setId("lesson-frame");
        frame.setSmooth(false);
        frame.setFitWidth(FRAME_SIZE);
        frame.setFitHeight(FRAME_SIZE);
        frame.imageProperty().bind(model.frameProperty());
        Label caption = new Label();
        caption.setId("lesson-caption");
        caption.setWrapText(true);
        caption.textProperty().bind(model.captionProperty());

        FlowPane top = new FlowPane(8, 6, new Label("Lesson"), lessons, folder, title);
        VBox controls = new VBox(8, top, summary, new HBox(8, new Label("Stage"), stage),
                new HBox(8, watch, stop, episodeGif), new HBox(8, draw, drawnGif), new HBox(8, cont, new Label("for"), more, new Label("env steps")),
                frame, caption);
        controls.setPadding(new Insets(10));
        controls.setPrefWidth(420);

        chart.setId("lesson-chart");
        chart.setPreserveRatio(true);
        storedRollouts.setId("lesson-stored-rollouts");
        storedRollouts.setPreserveRatio(true);
        drawn.setId("lesson-drawn-rollouts");
        drawn.setHgap(2);
        drawn.setVgap(2);
        Label storedHead = new Label("Rollouts at this stage's evaluation (truth / posterior / prior / conditional"
                + " prior)");
        storedHead.getStyleClass().add("caption");
        drawnCaption.getStyleClass().add("caption");
        VBox right = new VBox(8, chart, storedHead, storedRollouts, drawnCaption, drawn);
        right.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(right);
        scroll.setFitToWidth(true);
        setLeft(controls);
        setCenter(scroll);

        model.lessonProperty().addListener((o, a, l) -> {
            title.setText(l == null ? "" : l.title());
            summary.setText(l == null ? "" : l.summary());
            stage.getItems().setAll(l == null ? List.of() : l.stages());
            stage.setValue(l == null ? null : l.finalStage());
            redraw.request();
        });
        model.stageProperty().addListener((o, a, s) -> showStored(s));
        model.rolloutsProperty().addListener((o, a, set) -> {
            drawnCaption.setText(set == null ? "" : "Drawn now: " + set.caption());
            fillDrawn();
        });
        widthProperty().addListener((o, a, b) -> {
            storedRollouts.setFitWidth(storedRolloutsWidth());
            RolloutSet set = model.rolloutsProperty().get();
            if (set != null && drawnCell(set) != drawnCellShown) {
                fillDrawn();  // only when the frame size changes, not on every pixel of a resize
            }
            redraw.request();
        });
    }

    /** The rollouts drawn now, their frames sized so that a row fits the column (no sideways scrolling). */
    private void fillDrawn() {
        RolloutSet set = model.rolloutsProperty().get();
        drawn.getChildren().clear();
        drawnCellShown = set == null ? -1 : drawnCell(set);
        if (set != null) {
            RolloutsPane.fill(drawn, set, drawnCellShown);
        }
    }

    /** Frame size for {@code set}: the column's width less the row labels, shared by its time steps; 32-80 px. */
    double drawnCell(RolloutSet set) {
        int columns = Math.max(1, set.rows().stream().mapToInt(List::size).max().orElse(1));
        double free = storedRolloutsWidth() - ROW_LABEL_WIDTH - drawn.getHgap() * columns;
        return Math.max(32, Math.min(80, Math.floor(free / columns)));
    }

    /** Width of the column beside the controls, where the chart and the rollout figures go. */
    private double columnWidth() {
        return getWidth() - 470;
    }

    /** The stored rollout figure fills the column, as the chart does (less the scroll pane's padding). */
    private double storedRolloutsWidth() {
        return Math.max(300, columnWidth() - 10);
    }

    private void showStored(Lesson.Stage s) {
        Lesson l = model.lessonProperty().get();
        Image image = null;
        if (l != null && s != null) {
            try {
                byte[] png = l.file(s.rollouts());
                image = png == null ? null : new Image(new ByteArrayInputStream(png));
            } catch (IOException e) {
                image = null;
            }
        }
        storedRollouts.setImage(image);
        storedRollouts.setFitWidth(storedRolloutsWidth());
        redraw.request();
    }

    /** The run's returns, its stages as squares, the paper's SLAC returns as diamonds. */
    private void paint() {
        Lesson l = model.lessonProperty().get();
        if (l == null) {
            chart.setImage(null);
            return;
        }
        List<Map<String, Double>> rows;
        try {
            rows = RunRecord.numeric(l.metrics(), l.name() + "/metrics.csv");
        } catch (IOException | IllegalArgumentException e) {
            rows = List.of();
        }
        List<Map<String, Double>> data = rows;
        int w = (int) Math.max(420, columnWidth()), h = (int) Math.min(460, w * 0.5);
        String name = l.title() + ": evaluation return";
        painter.paint("lesson", () -> {
            XYChart c = Charts.returns(data, name, w, h);
            Charts.addPoints(c, "stages", l.stages().stream().mapToDouble(s -> s.envSteps()).toArray(),
                    l.stages().stream().mapToDouble(Lesson.Stage::evalReturn).toArray(), false);
            Charts.addPoints(c, "SLAC in the paper", l.paper().stream().mapToDouble(p -> p.envSteps()).toArray(),
                    l.paper().stream().mapToDouble(Lesson.PaperReturn::evalReturn).toArray(), true);
            return Charts.image(c);
        }, chart::setImage);
    }
}
