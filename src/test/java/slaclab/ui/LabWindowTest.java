package slaclab.ui;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import slaclab.engine.PresetCatalogue;
import slaclab.engine.Progress;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lab window, driven like a user would (headless on Monocle). */
@ExtendWith(ApplicationExtension.class)
class LabWindowTest {
    /** Cartpole with 20 random agent steps, 2 pre-training updates, tiny batches, an evaluation every 240 env steps. */
    static final String LIVE = "{ \"task\": \"cartpole-swingup\", \"actionRepeat\": 8, \"envSteps\": 100000,"
            + " \"initialCollectSteps\": 20, \"pretrainUpdates\": 2, \"modelBatch\": 2, \"sacBatch\": 2,"
            + " \"evalEvery\": 240, \"evalEpisodes\": 1, \"replayCapacity\": 2000 }";

    @TempDir
    static Path dir;

    private LabModel model;
    private LabWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) throws IOException {
        Path presets = Files.createDirectories(dir.resolve("presets"));
        Files.writeString(presets.resolve("live-test.json"), LIVE);
        Files.writeString(presets.resolve("pretrain-test.json"), LIVE.replace("\"pretrainUpdates\": 2",
                "\"pretrainUpdates\": 60"));
        model = new LabModel(new LabSettings(dir.resolve("runs"), presets, "live-test", null, List.of(), null, null));
        window = new LabWindow(model);
        this.stage = stage;
        stage.setScene(window.scene(1400, 860));
        stage.show();
    }

    @AfterEach
    void stopTraining() throws Exception {
        stopAndDispose(model);
    }

    /** Stops a run that still trains (it saves), then lets the model go. */
    static void stopAndDispose(LabModel model) throws Exception {
        if (model.isTraining()) {
            WaitForAsyncUtils.asyncFx(model::stop);
            waitFor(180, () -> !model.isTraining() && model.getState() != LabModel.State.STOPPING);
        }
        WaitForAsyncUtils.asyncFx(model::dispose).get();
    }

    static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }

    private Progress progress() {
        return model.progressProperty().get();
    }

    @Test
    void startTrainsPanesUpdatePauseHoldsAndRolloutsShowFourRows(FxRobot robot) throws Exception {
        assertEquals("live-test", model.presetProperty().get().name());
        robot.clickOn("#start");
        waitFor(180, () -> progress() != null && progress().sacUpdates() >= 2);
        assertNotNull(robot.lookup("#live-frame").queryAs(ImageView.class).getImage(), "live frame shown");
        assertTrue(robot.lookup("#live-caption").queryAs(Label.class).getText().startsWith("training episode"));
        assertTrue(robot.lookup("#status-env-steps").queryAs(Label.class).getText().startsWith("env steps "));
        assertTrue(robot.lookup("#status-backend").queryAs(Label.class).getText().contains("CPU"));

        // The first evaluation (240 env steps) adds a row and rollouts; the curves redraw from the rows.
        waitFor(180, () -> model.rows().stream().anyMatch(r -> r.containsKey("eval_return"))
                && model.rolloutsProperty().get() != null);
        waitFor(30, () -> robot.lookup("#returns-chart").queryAs(ImageView.class).getImage() != null
                && robot.lookup("#term-kl").queryAs(ImageView.class).getImage() != null);
        screenshot(dir.resolve("mid-training.png"));

        robot.clickOn("#pause");
        waitFor(60, () -> model.getState() == LabModel.State.PAUSED);
        long heldSteps = progress().envSteps();
        long heldFrames = model.observationsSeenProperty().get();
        Thread.sleep(1_500);
        assertEquals(heldSteps, progress().envSteps(), "paused: no env steps");
        assertEquals(heldFrames, model.observationsSeenProperty().get(), "paused: no new frames");
        assertEquals("Resume", robot.lookup("#pause").queryButton().getText());

        robot.clickOn("#step");
        waitFor(60, () -> progress().envSteps() == heldSteps + 8 && model.getState() == LabModel.State.PAUSED);

        // Rollouts on demand, 12 steps long, while paused.
        robot.clickOn("Rollouts");
        WaitForAsyncUtils.asyncFx(() -> model.rolloutStepsProperty().set(12)).get();
        robot.clickOn("#rollout-refresh");
        waitFor(60, () -> model.rolloutsProperty().get() != null
                && model.rolloutsProperty().get().rows().get(0).size() == 13);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4, window.rolloutsPane().shownRows(), "truth, posterior, prior, conditional prior");
        long frames = robot.lookup("#rollout-grid").queryAs(javafx.scene.layout.GridPane.class).getChildren().stream()
                .filter(n -> n instanceof ImageView v && v.getImage() != null).count();
        assertEquals(4 * 13, frames);
        assertEquals(heldSteps + 8, progress().envSteps(), "rollouts did not step the run");

        robot.clickOn("#pause");  // now "Resume"
        waitFor(60, () -> progress().envSteps() > heldSteps + 16);
        assertEquals(LabModel.State.RUNNING, model.getState());

        robot.clickOn("#stop");
        waitFor(180, () -> model.getState() == LabModel.State.BROWSING);
        assertFalse(model.isTraining());
        assertTrue(Files.size(model.runDirProperty().get().resolve("checkpoint.bin")) > 0, "saved on stop");
        assertEquals("Continue run", robot.lookup("#start").queryButton().getText());

        // Browsing the stopped run: Refresh loads its checkpoint (held paused) and draws 10-step rollouts from it.
        WaitForAsyncUtils.asyncFx(() -> model.rolloutStepsProperty().set(10)).get();
        robot.clickOn("#rollout-refresh");
        waitFor(120, () -> model.rolloutsProperty().get() != null
                && model.rolloutsProperty().get().rows().get(0).size() == 11);
        assertEquals(LabModel.State.PAUSED, model.getState(), "loaded to be inspected, not training");
    }

    @Test
    void rolloutsRedrawWhileTheModelPretrains(FxRobot robot) throws Exception {
        PresetCatalogue.Entry pretrain = model.presets().stream().filter(e -> e.name().equals("pretrain-test"))
                .findFirst().orElseThrow();
        WaitForAsyncUtils.asyncFx(() -> model.presetProperty().set(pretrain)).get();
        assertEquals(3, LabModel.pretrainRolloutsEvery(60), "20 times over a short pre-training");
        assertEquals(LabModel.PRETRAIN_ROLLOUTS_EVERY, LabModel.pretrainRolloutsEvery(100_000));
        robot.clickOn("#start");
        // No evaluation happens before pre-training ends, yet the rollouts pane shows the model as it learns (the
        // status names the pre-training updates only for rollouts drawn during pre-training).
        waitFor(180, () -> model.rolloutStatusProperty().get().contains("pre-training updates")
                && model.rolloutsProperty().get() != null);
        assertEquals(4, model.rolloutsProperty().get().rows().size(), "truth, posterior, prior, conditional prior");
    }

    @Test
    void openingARunFolderRestoresItsCurvesAndFigures(FxRobot robot) throws Exception {
        Path run = Files.createDirectories(dir.resolve("finished-run").resolve("rollouts"));
        Files.writeString(run.getParent().resolve("config.json"), "{ \"task\": \"cartpole-swingup\", \"envSteps\": 1000 }");
        Files.writeString(run.getParent().resolve("metrics.csv"), "env_steps,model_updates,train_return,eval_return,kl\n"
                + "0,100,,,40.0\n500,200,,52.0,20.0\n1000,300,140.0,,10.0\n1000,300,,81.0,\n");
        ImageIO.write(new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB), "png",
                run.resolve("rollouts-000001000.png").toFile());
        long before = window.curvesPane().paints();
        WaitForAsyncUtils.asyncFx(() -> model.openRun(run.getParent())).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(LabModel.State.BROWSING, model.getState());
        assertEquals(4, model.rows().size());
        waitFor(30, () -> window.curvesPane().paints() > before
                && robot.lookup("#returns-chart").queryAs(ImageView.class).getImage() != null);
        assertEquals(1, model.storedRollouts().size(), "its rollout figure is listed");
        assertTrue(robot.lookup("#notice").queryAs(Label.class).getText().contains("finished"));
        assertEquals("Start new run", robot.lookup("#start").queryButton().getText(), "a finished run");

        // The comparison pane reads the same folder.
        WaitForAsyncUtils.asyncFx(() -> model.addCompared(run.getParent())).get();
        assertEquals(1, model.compared().size());
        assertEquals(2, model.compared().get(0).series("eval_return")[0].length);
    }

    @Test
    void aBrokenRunFolderGivesAClearMessage(FxRobot robot) throws Exception {
        Path broken = Files.createDirectories(dir.resolve("broken-run"));
        Files.writeString(broken.resolve("config.json"), "{ \"task\": \"cartpole-swingup\" }");
        Files.writeString(broken.resolve("metrics.csv"), "env_steps,eval_return\n100,fine\n");
        boolean opened = WaitForAsyncUtils.asyncFx(() -> model.openRun(broken)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(opened);
        assertEquals(LabModel.State.IDLE, model.getState(), "nothing half-opened");
        Label notice = robot.lookup("#notice").queryAs(Label.class);
        assertTrue(notice.getText().contains("metrics.csv line 2, column eval_return: 'fine' is not a number"),
                notice.getText());
        assertTrue(notice.getText().contains("restore it from a copy"), notice.getText());
        assertTrue(notice.getParent().getStyleClass().contains("notice-error"));

        Path notARun = Files.createDirectories(dir.resolve("holiday-photos"));
        WaitForAsyncUtils.asyncFx(() -> model.openRun(notARun)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(notice.getText().contains("not a SLAC Lab run folder: config.json is missing"), notice.getText());
    }

    @Test
    void closingWhileTrainingAsksThenSavesACheckpoint(FxRobot robot) throws Exception {
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        WaitForAsyncUtils.asyncFx(() -> window.guardClose(stage, () -> closed.set(true))).get();
        robot.clickOn("#start");
        waitFor(180, () -> progress() != null && progress().agentSteps() > 5);
        Path run = model.runDirProperty().get();

        javafx.application.Platform.runLater(() -> stage.fireEvent(
                new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        waitFor(30, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        assertTrue(model.isTraining(), "nothing stops before the user answers");
        javafx.scene.control.DialogPane pane = robot.lookup(".dialog-pane").query();
        javafx.scene.control.ButtonType save = pane.getButtonTypes().stream()
                .filter(t -> t.getText().equals("Save and close")).findFirst().orElseThrow();
        WaitForAsyncUtils.asyncFx(() -> ((javafx.scene.control.Button) pane.lookupButton(save)).fire());
        waitFor(180, () -> closed.get());
        assertFalse(model.isTraining(), "the run ended before the window went");
        assertTrue(Files.size(run.resolve("checkpoint.bin")) > 0, "and it saved a checkpoint first");
        assertFalse(stage.isShowing());
    }

    @Test
    void ablationPaneRunsTheTickedVariantsAndComparesThem(FxRobot robot) throws Exception {
        robot.clickOn("Ablations");
        WaitForAsyncUtils.asyncFx(() -> window.ablationPane().choices().forEach((m, c) -> c.setSelected(
                m.equals("sac-state")))).get();
        WaitForAsyncUtils.asyncFx(() -> robot.lookup("#ablation-env-steps")
                .queryAs(javafx.scene.control.TextField.class).setText("400")).get();
        robot.clickOn("#ablation-run");
        waitFor(10, () -> model.ablation().dirProperty().get() != null);
        Path out = model.ablation().dirProperty().get();
        waitFor(240, () -> model.ablation().statusProperty().get().startsWith("ablation done"));
        assertEquals(List.of("sac-state"), List.copyOf(model.ablation().runs().keySet()));
        assertEquals(2, model.ablation().runs().get("sac-state").size(), "two seeds by default");
        for (Path run : model.ablation().runs().get("sac-state")) {
            assertTrue(Files.isRegularFile(run.resolve("checkpoint.bin")), run + " trained and saved");
        }
        waitFor(30, () -> Files.isRegularFile(out.resolve("comparison.png"))
                && Files.isRegularFile(out.resolve("comparison.csv")));
        assertTrue(Files.readString(out.resolve("comparison.csv")).contains("sac-state,"));
        assertTrue(Files.isRegularFile(out.resolve("preset.json")), "the ablate command can continue it");
        waitFor(30, () -> robot.lookup("#ablation-chart").queryAs(ImageView.class).getImage() != null);
    }

    @Test
    void ablationPaneFollowsASweepFolderAsOthersFillIt(FxRobot robot) throws Exception {
        Path out = Files.createDirectories(dir.resolve("sweep"));
        Files.writeString(out.resolve("sweep.sbatch"), "#!/bin/bash\n");  // what ablate --slurm leaves
        for (String run : List.of("sac-state-seed0", "sac-state-seed1")) {
            Files.writeString(Files.createDirectories(out.resolve(run)).resolve("config.json"), LIVE);
        }
        robot.clickOn("Ablations");
        WaitForAsyncUtils.asyncFx(() -> model.ablation().open(out)).get();
        waitFor(30, () -> model.ablation().statusProperty().get().startsWith("Slurm sweep, 2 runs: 2 not submitted"));

        // A task of the sweep fails on a node, and a third run turns up: the pane notices both.
        Files.writeString(out.resolve("sac-state-seed1").resolve("slurm.log"),
                "2026-01-01T10:00:00 999999_1 node1 start restart=0 cpus=1\n"
                        + "2026-01-01T10:01:00 999999_1 node1 end code=1 why=failed\n");
        Files.writeString(Files.createDirectories(out.resolve("sac-state-seed2")).resolve("config.json"), LIVE);
        waitFor(30, () -> model.ablation().statusProperty().get().startsWith("Slurm sweep, 3 runs: 1 failed,"
                + " 2 not submitted"));
        assertTrue(model.ablation().statusProperty().get().contains("sac-state-seed1: failed"));
        assertEquals(3, model.ablation().runs().get("sac-state").size());
        assertTrue(robot.lookup("#ablation-status").queryAs(Label.class).getText().contains("1 failed"));
    }

    /** The whole window as a PNG (kept with the test's files; the README's screenshot is taken the same way). */
    private void screenshot(Path png) throws Exception {
        Node root = window;
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> root.getScene().snapshot(null)).get();
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(Files.size(png) > 10_000, "a real picture of the window");
        Path keep = Path.of("target", "lab-screenshot.png");
        Files.createDirectories(keep.getParent());
        Files.copy(png, keep, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
