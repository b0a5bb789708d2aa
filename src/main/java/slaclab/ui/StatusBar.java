package slaclab.ui;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import slaclab.engine.AppDirs;
import slaclab.engine.Progress;

/** Env steps, agent steps, updates/s, elapsed time, phase, backend and memory of the current run; where runs go. */
final class StatusBar extends HBox {
    StatusBar(LabModel model) {
        getStyleClass().add("status-bar");
        setSpacing(18);
        setPadding(new Insets(4, 10, 4, 10));
        setAlignment(Pos.CENTER_LEFT);

        ProgressBar bar = new ProgressBar(0);
        bar.setPrefWidth(140);
        bar.progressProperty().bind(Bindings.createDoubleBinding(() -> {
            Progress p = model.progressProperty().get();
            return p == null || p.totalEnvSteps() == 0 ? 0.0 : (double) p.envSteps() / p.totalEnvSteps();
        }, model.progressProperty()));

        Label steps = label("status-env-steps", Bindings.createStringBinding(() -> {
            Progress p = model.progressProperty().get();
            return p == null ? "env steps \u2014" : String.format("env steps %,d / %,d", p.envSteps(), p.totalEnvSteps());
        }, model.progressProperty()));
        Label agent = label("status-agent-steps", Bindings.createStringBinding(() -> {
            Progress p = model.progressProperty().get();
            return p == null ? "agent steps \u2014" : String.format("agent steps %,d", p.agentSteps());
        }, model.progressProperty()));
        Label phase = label("status-phase", Bindings.createStringBinding(() -> {
            Progress p = model.progressProperty().get();
            if (p == null) {
                return model.getState().name().toLowerCase();
            }
            String ph = switch (p.phase()) {
                case COLLECT -> "collecting random data";
                case PRETRAIN -> String.format("pre-training model %,d / %,d", p.pretrainDone(), p.pretrainTotal());
                case TRAIN -> "training";
                case EVALUATE -> "evaluating";
                case DONE -> "done";
            };
            return model.getState() == LabModel.State.PAUSED ? "paused (" + ph + ")" : ph;
        }, model.progressProperty(), model.stateProperty()));
        Label rate = label("status-rate", Bindings.createStringBinding(() -> {
            Progress p = model.progressProperty().get();
            return p == null ? "updates/s \u2014" : String.format("%.2f updates/s", p.updatesPerSecond());
        }, model.progressProperty()));
        Label elapsed = label("status-elapsed", Bindings.createStringBinding(() -> {
            Progress p = model.progressProperty().get();
            if (p == null) {
                return "elapsed \u2014";
            }
            long s = (long) p.elapsedSeconds();
            return String.format("elapsed %d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }, model.progressProperty()));
        Label backend = label("status-backend", Bindings.concat("backend: ", model.backendProperty()));
        Label memory = label("status-memory", Bindings.createStringBinding(() ->
                String.format("memory %.2f GB", model.residentBytesProperty().get() / 1e9), model.residentBytesProperty()));
        Label runs = new Label("runs in " + AppDirs.current().shortened(model.runsRoot()));
        runs.setId("status-runs");
        runs.setTooltip(new Tooltip("New runs, ablations and exports go to " + model.runsRoot().toAbsolutePath()
                + " (change it with lab --runs DIR)"));
        runs.setMinWidth(Region.USE_PREF_SIZE);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        getChildren().addAll(bar, steps, agent, phase, rate, elapsed, grow, runs, backend, memory);
    }

    private static Label label(String id, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }
}
