package slaclab.ui;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import slaclab.engine.PresetCatalogue;

import java.io.File;
import java.util.Objects;

/** Task and preset choice; start, pause, single step, stop; save and open a run. */
final class LabToolbar extends ToolBar {
    private final LabModel model;
    private final ComboBox<String> task = new ComboBox<>();
    private final ComboBox<PresetCatalogue.Entry> preset = new ComboBox<>();

    LabToolbar(LabModel model) {
        this.model = model;
        LabModel.State[] busy = {LabModel.State.RUNNING, LabModel.State.PAUSED, LabModel.State.STOPPING};

        task.setId("task");
        task.setPromptText("task");
        preset.setId("preset");
        preset.setPromptText("preset");
        preset.setConverter(new StringConverter<>() {
            @Override
            public String toString(PresetCatalogue.Entry e) {
                return e == null ? "" : e.name() + (e.usable() ? "" : e.unavailable() ? "  (unavailable here)"
                        : "  (broken)");
            }

            @Override
            public PresetCatalogue.Entry fromString(String s) {
                return null;
            }
        });
        refreshTasks();
        model.presets().addListener((ListChangeListener<PresetCatalogue.Entry>) c -> refreshTasks());
        task.valueProperty().addListener((o, a, t) -> refreshPresets(t));
        preset.valueProperty().addListener((o, a, e) -> {
            if (e != null) {
                model.presetProperty().set(e);
            }
        });
        model.presetProperty().addListener((o, a, e) -> selectPreset(e));
        selectPreset(model.presetProperty().get());
        Tooltip presetTip = new Tooltip();
        presetTip.textProperty().bind(Bindings.createStringBinding(() -> {
            PresetCatalogue.Entry e = model.presetProperty().get();
            return e == null ? "no preset" : e.usable() ? e.origin() : e.problem();
        }, model.presetProperty()));
        preset.setTooltip(presetTip);

        Button openPreset = new Button("Preset file\u2026");
        openPreset.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("SLAC Lab preset", "*.json"));
            File f = fc.showOpenDialog(getScene().getWindow());
            if (f != null) {
                model.addPresetFile(f.toPath());
            }
        });

        Button start = new Button();
        start.setId("start");
        start.getStyleClass().add("accent");
        start.textProperty().bind(model.startLabel());
        start.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            LabModel.State s = model.getState();
            return s == LabModel.State.RUNNING || s == LabModel.State.PAUSED || s == LabModel.State.STOPPING;
        }, model.stateProperty()));

        Button pause = new Button();
        pause.setId("pause");
        pause.textProperty().bind(Bindings.when(model.stateProperty().isEqualTo(LabModel.State.PAUSED))
                .then("Resume").otherwise("Pause"));
        pause.setOnAction(e -> model.togglePause());
        pause.disableProperty().bind(model.stateProperty().isNotEqualTo(LabModel.State.RUNNING)
                .and(model.stateProperty().isNotEqualTo(LabModel.State.PAUSED)));
        start.setOnAction(e -> model.start());

        Button step = new Button("Step");
        step.setId("step");
        step.setTooltip(new Tooltip("one agent step with its updates, then pause again"));
        step.setOnAction(e -> model.stepOnce());
        step.disableProperty().bind(model.stateProperty().isNotEqualTo(LabModel.State.PAUSED));

        Button stop = new Button("Stop");
        stop.setId("stop");
        stop.setTooltip(new Tooltip("save a checkpoint and end the run; Continue run resumes it later"));
        stop.setOnAction(e -> model.stop());
        stop.disableProperty().bind(pause.disableProperty());

        Button save = new Button("Save");
        save.setId("save");
        save.setTooltip(new Tooltip("write a checkpoint now, without stopping"));
        save.setOnAction(e -> model.save());
        save.disableProperty().bind(pause.disableProperty());

        Button open = new Button("Open run\u2026");
        open.setId("open-run");
        open.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Open a run folder (made by train or the lab)");
            File f = dc.showDialog(getScene().getWindow());
            if (f != null) {
                model.openRun(f.toPath());
            }
        });
        open.disableProperty().bind(Bindings.createBooleanBinding(
                () -> java.util.Arrays.asList(busy).contains(model.getState()), model.stateProperty()));
        task.disableProperty().bind(open.disableProperty());
        preset.disableProperty().bind(open.disableProperty());
        openPreset.disableProperty().bind(open.disableProperty());

        getItems().addAll(new Label("Task"), task, new Label("Preset"), preset, openPreset, new Separator(),
                start, pause, step, stop, new Separator(), save, open);
    }

    private void refreshTasks() {
        String keep = task.getValue();
        task.getItems().setAll(model.presets().stream().filter(e -> e.config() != null)
                .map(e -> e.config().task()).distinct().sorted().toList());
        PresetCatalogue.Entry p = model.presetProperty().get();
        task.setValue(p != null && p.config() != null ? p.config().task() : keep);
    }

    private void refreshPresets(String t) {
        PresetCatalogue.Entry keep = model.presetProperty().get();
        preset.getItems().setAll(model.presets().stream()
                .filter(e -> e.config() == null || Objects.equals(e.config().task(), t)).toList());
        if (keep != null && preset.getItems().contains(keep)) {
            preset.setValue(keep);
        } else {
            preset.getItems().stream().filter(e -> e.config() != null).findFirst().ifPresent(preset::setValue);
        }
    }

    private void selectPreset(PresetCatalogue.Entry e) {
        if (e == null) {
            return;
        }
        if (e.config() != null && !Objects.equals(task.getValue(), e.config().task())) {
            task.setValue(e.config().task());
        }
        if (!preset.getItems().contains(e)) {
            refreshPresets(task.getValue());
        }
        preset.setValue(e);
    }
}
