package slaclab.ui;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import slaclab.engine.LatentDirections;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Imagine: drive a learned model by hand. The dream (the prior's decoded frame after each action) beside the real
 * environment driven by the same actions from the same state, keyboard arrows for one-dimensional actions and a slider
 * per action component, the policy acting on its own dream, GIF export, and the latent explorer: sliders along the
 * leading principal directions of z1 and z2 with the decoded frame. Rendering and input only; {@link ImaginationModel}
 * does the work.
 */
final class ImaginationPane extends BorderPane {
    static final double FRAME_SIZE = 256;
    static final double EXPLORER_SIZE = 192;

    private final ImaginationModel model;
    private final VBox actionSliders = new VBox(4);
    private final List<Slider> actions = new ArrayList<>();
    private final GridPane explorerSliders = new GridPane();
    private final List<Slider> offsets = new ArrayList<>();

    ImaginationPane(ImaginationModel model, LabModel lab, LessonModel lessons) {
        this.model = model;
        getStyleClass().add("pane-imagine");
        setFocusTraversable(true);
        setId("imagine-pane");

        Button current = new Button("Current run");
        current.setId("imagine-current-run");
        current.setTooltip(new Tooltip("the run the lab has open or is training, from its newest checkpoint"));
        current.setOnAction(e -> model.openRun(lab.runDirProperty().get()));
        current.disableProperty().bind(lab.runDirProperty().isNull().or(model.busyProperty()));
        Button lesson = new Button("Lesson stage");
        lesson.setId("imagine-lesson");
        lesson.setTooltip(new Tooltip("the stage chosen on the Lessons tab"));
        lesson.setOnAction(e -> model.openLesson(lessons.lessonProperty().get(), lessons.stageProperty().get()));
        lesson.disableProperty().bind(lessons.stageProperty().isNull().or(model.busyProperty()));
        Button folder = new Button("Open run folder\u2026");
        folder.setId("imagine-folder");
        folder.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("A run folder with a checkpoint, or a lesson folder");
            File f = dc.showDialog(getScene().getWindow());
            if (f != null) {
                model.openRun(f.toPath());
            }
        });
        Label source = new Label();
        source.getStyleClass().add("caption");
        source.textProperty().bind(model.sourceProperty());
        FlowPane top = new FlowPane(8, 6, new Label("Imagine with"), current, lesson, folder, source);

        ImageView dream = frame("imagine-dream");
        dream.imageProperty().bind(model.dreamProperty());
        ImageView truth = frame("imagine-truth");
        truth.imageProperty().bind(model.truthProperty());
        VBox truthBox = new VBox(4, caption("real environment, same actions"), truth);
        truthBox.visibleProperty().bind(model.showTruthProperty());
        truthBox.managedProperty().bind(model.showTruthProperty());
        HBox frames = new HBox(12, new VBox(4, caption("imagined: the prior's decoded frame"), dream), truthBox);
        Label status = new Label();
        status.setId("imagine-caption");
        status.textProperty().bind(model.captionProperty());

        Button step = new Button("Step");
        step.setId("imagine-step");
        step.setOnAction(e -> stepWithSliders());
        Button restart = new Button("New start");
        restart.setId("imagine-restart");
        restart.setTooltip(new Tooltip("a new real episode: the policy acts for a training sequence's length, then the"
                + " posterior gives the start"));
        restart.setOnAction(e -> model.restart());
        ToggleButton policy = new ToggleButton("Let the policy act");
        policy.setId("imagine-policy");
        policy.selectedProperty().bindBidirectional(model.policyActsProperty());
        CheckBox groundTruth = new CheckBox("Ground truth");
        groundTruth.setId("imagine-truth-toggle");
        groundTruth.selectedProperty().bindBidirectional(model.showTruthProperty());
        Button export = new Button("Export GIF\u2026");
        export.setId("imagine-export");
        export.setOnAction(e -> GifChooser.ask(this, "imagination.gif", lab).ifPresent(model::exportGif));
        Label keys = new Label();
        keys.getStyleClass().add("hint");
        keys.setWrapText(true);
        var noModel = model.actionDimProperty().isEqualTo(0);
        for (Node n : List.of(step, restart, policy, export)) {
            n.disableProperty().bind(noModel);
        }
        VBox left = new VBox(10, top, frames, status, new HBox(8, step, restart, policy, groundTruth, export),
                actionSliders, keys);
        left.setPadding(new Insets(10));

        Button find = new Button("Find directions");
        find.setId("imagine-find-directions");
        find.setTooltip(new Tooltip("principal directions of z1 and z2 over the posterior samples of one episode of the"
                + " policy"));
        find.setOnAction(e -> model.findDirections());
        find.disableProperty().bind(noModel.or(model.busyProperty()));
        ImageView explored = new ImageView();
        explored.setId("imagine-explored");
        explored.setSmooth(false);
        explored.setFitWidth(EXPLORER_SIZE);
        explored.setFitHeight(EXPLORER_SIZE);
        explored.imageProperty().bind(model.exploredProperty());
        explorerSliders.setHgap(8);
        explorerSliders.setVgap(2);
        Label about = new Label("Each slider moves a typical latent state (the posterior sample nearest the"
                + " samples' mean) along one leading principal direction of z1 or z2 (in standard deviations of the"
                + " samples) and decodes it, so you can see what the model put where.");
        about.setWrapText(true);
        about.getStyleClass().add("hint");
        VBox right = new VBox(8, caption("Latent explorer"), about, find, explored, explorerSliders);
        right.setPadding(new Insets(10));
        right.setPrefWidth(360);
        ScrollPane scroll = new ScrollPane(new HBox(12, left, right));
        scroll.setFitToHeight(true);
        setCenter(scroll);

        model.actionDimProperty().addListener((o, a, n) -> {
            buildActionSliders(n.intValue());
            keys.setText(n.intValue() == 1 ? "Keys: \u2190 pushes -1, \u2192 pushes +1, space steps with the slider"
                    + " (click the frames first)" : "Keys: space steps with the sliders (click the frames first)");
            requestFocus();
        });
        model.directionsProperty().addListener((o, a, d) -> buildExplorer(d));
        addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        setOnMouseClicked(e -> requestFocus());
    }

    private static ImageView frame(String id) {
        ImageView v = new ImageView();
        v.setId(id);
        v.setSmooth(false);
        v.setFitWidth(FRAME_SIZE);
        v.setFitHeight(FRAME_SIZE);
        return v;
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("caption");
        return l;
    }

    private void key(KeyEvent e) {
        int width = model.actionDimProperty().get();
        if (width == 1 && (e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.RIGHT)) {
            model.step(new float[]{e.getCode() == KeyCode.LEFT ? -1f : 1f});
            e.consume();
        } else if (width > 0 && e.getCode() == KeyCode.SPACE) {
            stepWithSliders();
            e.consume();
        }
    }

    private void stepWithSliders() {
        float[] a = new float[actions.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) actions.get(i).getValue();
        }
        model.step(a);
    }

    private void buildActionSliders(int width) {
        actions.clear();
        actionSliders.getChildren().clear();
        for (int i = 0; i < width; i++) {
            Slider s = new Slider(-1, 1, 0);
            s.setId("imagine-action-" + i);
            s.setPrefWidth(240);
            s.setFocusTraversable(false);
            Label value = new Label();
            value.textProperty().bind(s.valueProperty().asString(Locale.ROOT, "%+.2f"));
            actions.add(s);
            actionSliders.getChildren().add(new HBox(8, new Label("action " + (i + 1)), s, value));
        }
    }

    private void buildExplorer(LatentDirections d) {
        offsets.clear();
        explorerSliders.getChildren().clear();
        if (d == null) {
            return;
        }
        for (int i = 0; i < d.directions().size(); i++) {
            LatentDirections.Direction dir = d.directions().get(i);
            Slider s = new Slider(-3, 3, 0);
            s.setId("imagine-latent-" + i);
            s.setPrefWidth(130);
            s.setFocusTraversable(false);
            s.valueProperty().addListener((o, a, b) -> model.explore(values()));
            offsets.add(s);
            Label at = new Label();
            at.textProperty().bind(s.valueProperty().asString(Locale.ROOT, "%+.1f sd"));
            Label name = new Label(String.format(Locale.ROOT, "%s (std %.2f)", dir.label(), dir.std()));
            name.setMinWidth(Region.USE_PREF_SIZE);    // the slider gives way, never the names and values
            at.setMinWidth(Region.USE_PREF_SIZE);
            explorerSliders.addRow(i, name, s, at);
        }
    }

    private double[] values() {
        return offsets.stream().mapToDouble(Slider::getValue).toArray();
    }
}
