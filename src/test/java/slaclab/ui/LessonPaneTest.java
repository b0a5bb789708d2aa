package slaclab.ui;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import slaclab.engine.LessonPacker;
import slaclab.engine.Presets;
import slaclab.engine.Trainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static slaclab.ui.LabWindowTest.waitFor;

/** The Lessons tab driven as a class would: open a lesson, watch a stage, draw its rollouts, continue training. */
@ExtendWith(ApplicationExtension.class)
class LessonPaneTest {
    /** Cartpole: 13 random agent steps, then tiny updates; evaluations (and kept agents) at 104 and 208 env steps. */
    static final String TINY = "{ \"task\": \"cartpole-swingup\", \"actionRepeat\": 8, \"envSteps\": 208,"
            + " \"initialCollectSteps\": 13, \"pretrainUpdates\": 2, \"modelBatch\": 2, \"sacBatch\": 2,"
            + " \"evalEvery\": 100, \"evalEpisodes\": 1, \"replayCapacity\": 2000 }";

    @TempDir
    static Path dir;
    static Path lesson;

    private LabModel model;
    private LabWindow window;
    private Stage stage;

    @BeforeAll
    static void trainAndPack() throws Exception {
        Path run = dir.resolve("run");
        new Trainer(Presets.parse(TINY), run, false, null).run();
        lesson = dir.resolve("lesson");
        LessonPacker.pack(run, List.of(new LessonPacker.Choice("early", 104), new LessonPacker.Choice("final", 208)),
                "Tiny cartpole", "A few updates: the agent barely moves.", List.of(), lesson);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new LabModel(new LabSettings(dir.resolve("runs"), dir.resolve("presets"), "cartpole-swingup-classroom",
                null, List.of(), null, null));
        window = new LabWindow(model);
        stage.setScene(window.scene(1400, 860));
        stage.show();
    }

    @AfterEach
    void stopTraining() throws Exception {
        LabWindowTest.stopAndDispose(model);
    }

    @Test
    void opensALessonWatchesAStageDrawsRolloutsAndContinuesTraining(FxRobot robot) throws Exception {
        robot.clickOn("Lessons");
        LessonModel lessons = window.lessonModel();
        WaitForAsyncUtils.asyncFx(() -> lessons.open(lesson.toString())).get();  // as lab --lesson DIR does
        @SuppressWarnings("unchecked")
        ComboBox<slaclab.engine.Lesson.Stage> stages = robot.lookup("#lesson-stage").queryAs(ComboBox.class);
        assertEquals(2, stages.getItems().size());
        assertEquals("final", stages.getValue().name());
        waitFor(30, () -> robot.lookup("#lesson-chart").queryAs(ImageView.class).getImage() != null);
        assertNotNull(robot.lookup("#lesson-stored-rollouts").queryAs(ImageView.class).getImage(),
                "the rollout figure of the final evaluation");
        // ... drawn across the column beside the controls, as wide as the chart above it (1,400 px window: about
        // 500 px), not as the 300 px thumbnail it was when it was sized before the pane had its width.
        double figureWidth = robot.lookup("#lesson-stored-rollouts").queryAs(ImageView.class).getFitWidth();
        double chartWidth = robot.lookup("#lesson-chart").queryAs(ImageView.class).getImage().getWidth();
        assertTrue(figureWidth > 400 && Math.abs(figureWidth - chartWidth) <= 20,
                "stored rollout figure " + figureWidth + " px wide under a chart of " + chartWidth + " px");
        // ... and it follows the window when the window grows.
        WaitForAsyncUtils.asyncFx(() -> stage.setWidth(stage.getWidth() + 200)).get();
        WaitForAsyncUtils.waitForFxEvents();
        double wider = robot.lookup("#lesson-stored-rollouts").queryAs(ImageView.class).getFitWidth();
        assertTrue(wider > figureWidth + 50, "the stored rollout figure " + wider + " px after the window grew by"
                + " 200 px (the lesson pane takes part of it), from " + figureWidth);
        WaitForAsyncUtils.asyncFx(() -> stage.setWidth(stage.getWidth() - 200)).get();
        WaitForAsyncUtils.waitForFxEvents();

        // The early stage plays a whole episode at real-time speed (125 agent steps of 0.08 s).
        WaitForAsyncUtils.asyncFx(() -> stages.setValue(stages.getItems().get(0))).get();
        robot.clickOn("#lesson-watch");
        waitFor(60, () -> lessons.captionProperty().get().contains("episode over"));
        assertTrue(lessons.captionProperty().get().startsWith("stage early (104 env steps): step 125, return"),
                lessons.captionProperty().get());
        assertNotNull(robot.lookup("#lesson-frame").queryAs(ImageView.class).getImage());
        // The watched episode exports to a GIF: the first frame and one per agent step.
        waitFor(10, () -> lessons.watchedProperty().get() != null);
        assertEquals(126, lessons.watchedProperty().get().frames().size());
        Path episodeGif = dir.resolve("episode.gif");
        WaitForAsyncUtils.asyncFx(() -> lessons.exportEpisodeGif(episodeGif)).get();
        waitFor(60, () -> Files.exists(episodeGif) && !lessons.busyProperty().get());
        assertEquals(126, slaclab.engine.io.GifFiles.frames(episodeGif).size());

        robot.clickOn("#lesson-rollouts");
        waitFor(60, () -> lessons.rolloutsProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        long frames = robot.lookup("#lesson-drawn-rollouts").queryAs(GridPane.class).getChildren().stream()
                .filter(n -> n instanceof ImageView v && v.getImage() != null).count();
        assertEquals(4 * 9, frames, "truth, posterior, prior and conditional prior, 9 frames each");
        // A row of 9 frames and its label fits the column under the stored figure: no sideways scrolling.
        GridPane grid = robot.lookup("#lesson-drawn-rollouts").queryAs(GridPane.class);
        double gridWidth = WaitForAsyncUtils.asyncFx(() -> grid.prefWidth(-1)).get();
        assertTrue(gridWidth <= figureWidth, "drawn rollouts " + gridWidth + " px in a column of " + figureWidth);
        WritableImage shot = WaitForAsyncUtils.asyncFx(() -> window.getScene().snapshot(null)).get();
        Files.createDirectories(Path.of("target"));
        ImageIO.write(SwingFXUtils.fromFXImage(shot, null), "png", Path.of("target", "lesson-screenshot.png").toFile());

        // Continue training from the final stage for 104 more env steps: the lab runs it like any run.
        robot.lookup("#lesson-more-steps").queryAs(TextField.class).setText("104");
        robot.clickOn("#lesson-continue");
        waitFor(60, () -> model.runDirProperty().get() != null);
        Path runDir = model.runDirProperty().get();
        assertTrue(runDir.getFileName().toString().startsWith("cartpole-swingup-lesson-"), runDir.toString());
        // it refills the replay with the final stage's policy (13 agent steps), trains, ends at 312 env steps
        waitFor(180, () -> Files.readString(runDir.resolve("metrics.csv")).lines().anyMatch(l -> l.startsWith("312,")));
        waitFor(60, () -> !model.isTraining() && model.getState() == LabModel.State.BROWSING);
        List<String> rows = Files.readAllLines(runDir.resolve("metrics.csv"));
        String last = rows.get(rows.size() - 1);
        assertTrue(Long.parseLong(last.split(",")[3]) > 14, "actor-critic updates after the lesson's 14: " + last);
    }
}
