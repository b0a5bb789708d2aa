package slaclab.ui;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.Duration;
import slaclab.agent.Baselines;
import slaclab.engine.Comparison;
import slaclab.engine.RunConfig;
import slaclab.engine.RunFolder;
import slaclab.engine.io.Charts;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper's Figure 6 live: pick latent-model variants and baselines for the current preset, run them one after
 * another (each also shows in the other panes while it trains), and watch their evaluation returns (mean and
 * min-max over seeds) grow side by side, with each variant's newest rollouts below so what each model has learnt
 * can be compared.
 */
final class AblationPane extends BorderPane {
    private final LabModel model;
    private final ChartPainter painter;
    private final Map<String, CheckBox> choices = new LinkedHashMap<>();
    private final ImageView chart = new ImageView();
    private final VBox rollouts = new VBox(8);
    private final Throttle redraw;

    AblationPane(LabModel model, ChartPainter painter) {
        this.model = model;
        this.painter = painter;
        getStyleClass().add("pane-ablation");

        FlowPane boxes = new FlowPane(10, 6);
        for (String m : RunConfig.MODELS) {
            CheckBox c = new CheckBox(Baselines.label(m));
            c.setId("variant-" + m);
            if (Baselines.SAC_STATE.equals(m)) {
                c.setTooltip(new Tooltip("SAC on the task's true state (its suite's observation): the paper's upper"
                        + " bound on performance"));
            }
            c.setSelected(true);
            choices.put(m, c);
            boxes.getChildren().add(c);
        }
        boxes.setPrefWrapLength(280);
        Spinner<Integer> seeds = new Spinner<>(1, 10, 2);
        seeds.setId("ablation-seeds");
        seeds.setPrefWidth(80);
        TextField steps = new TextField();
        steps.setId("ablation-env-steps");
        steps.setPromptText("from the preset");
        steps.setPrefColumnCount(8);
        model.presetProperty().addListener((o, a, e) -> steps.setText(e == null || e.config() == null ? ""
                : Long.toString(e.config().envSteps())));
        if (model.presetProperty().get() != null && model.presetProperty().get().config() != null) {
            steps.setText(Long.toString(model.presetProperty().get().config().envSteps()));
        }
        Button run = new Button("Run ablation");
        run.setId("ablation-run");
        run.getStyleClass().add("accent");
        run.setOnAction(e -> {
            List<String> picked = new ArrayList<>();
            choices.forEach((m, c) -> {
                if (c.isSelected()) {
                    picked.add(m);
                }
            });
            long n;
            try {
                n = Long.parseLong(steps.getText().trim().replace("_", "").replace(",", ""));
            } catch (NumberFormatException ex) {
                model.error("env steps must be a whole number, got '" + steps.getText() + "'");
                return;
            }
            model.ablation().start(picked, seeds.getValue(), n);
        });
        run.disableProperty().bind(Bindings.createBooleanBinding(() -> model.isBusy(), model.stateProperty()));
        Button open = new Button("Open ablation folder\u2026");
        open.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Ablation folder (given to ablate --out, or made here)");
            File f = dc.showDialog(getScene().getWindow());
            if (f != null) {
                model.ablation().open(f.toPath());
            }
        });
        open.disableProperty().bind(run.disableProperty());
        Label status = new Label();
        status.setId("ablation-status");
        status.setWrapText(true);
        status.textProperty().bind(model.ablation().statusProperty());
        Label hint = new Label("Runs go one after another into one folder (the same layout as the ablate command,"
                + " which can continue it); each run also shows in the other panes while it trains. An opened folder"
                + " stays current as others fill it: a sweep of ablate --slurm shows which runs are pending, running,"
                + " finished or failed.");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        VBox left = new VBox(8, new Label("Variants and baselines"), boxes, new Label("Seeds"), seeds,
                new Label("Env steps per run"), steps, run, open, status, hint);
        left.setPadding(new Insets(10));
        left.setPrefWidth(310);

        chart.setId("ablation-chart");
        chart.setPreserveRatio(true);
        rollouts.setId("ablation-rollouts");
        Label rollHead = new Label("Newest rollouts per variant (truth / posterior / prior / conditional prior)");
        rollHead.getStyleClass().add("caption");
        VBox right = new VBox(8, chart, rollHead, rollouts);
        right.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(right);
        scroll.setFitToWidth(true);
        setLeft(left);
        setCenter(scroll);

        redraw = new Throttle(Duration.seconds(1), this::paint);
        model.ablation().revisionProperty().addListener((o, a, b) -> redraw.request());
        widthProperty().addListener((o, a, b) -> redraw.request());
    }

    private void paint() {
        Map<String, List<Path>> dirs = model.ablation().runs();
        Path out = model.ablation().dirProperty().get();
        String title = (out == null ? "ablation" : out.getFileName().toString()) + ": evaluation return";
        int w = (int) Math.max(420, getWidth() - 360), h = (int) Math.min(520, w * 0.5);
        painter.paint("ablation", () -> {
            List<Charts.Band> bands = Comparison.bands(Comparison.aggregate(Comparison.evalCurves(dirs)));
            return Charts.image(Charts.meanSpread(bands, title, "evaluation return (mean, min-max shaded)", w, h));
        }, chart::setImage);
        rollouts.getChildren().clear();
        dirs.forEach((variant, list) -> {
            Path newest = null;
            for (Path d : list) {
                Path p = new RunFolder(d).latestRolloutPng();
                if (Files.isRegularFile(p)) {
                    newest = p;
                    break;
                }
            }
            Label name = new Label(Baselines.label(variant));
            name.getStyleClass().add("row-label");
            if (newest == null) {
                rollouts.getChildren().add(new VBox(2, name, new Label("no rollouts yet (after its first evaluation;"
                        + " the SAC baselines have no model to roll out)")));
            } else {
                ImageView v = new ImageView(readImage(newest));
                v.setPreserveRatio(true);
                v.setFitWidth(Math.min(900, w - 10));
                v.getStyleClass().add("ablation-rollout");
                rollouts.getChildren().add(new VBox(2, name, v));
            }
        });
    }

    /** Reads the whole file first: the training thread may replace it (atomically) at any moment. */
    private static Image readImage(Path png) {
        try {
            return new Image(new java.io.ByteArrayInputStream(Files.readAllBytes(png)));
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Variants a test can tick. */
    Map<String, CheckBox> choices() {
        return choices;
    }
}
