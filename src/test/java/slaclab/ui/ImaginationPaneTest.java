package slaclab.ui;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Slider;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
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
import slaclab.engine.ImaginedFrame;
import slaclab.engine.Presets;
import slaclab.engine.Trainer;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static slaclab.ui.LabWindowTest.waitFor;

/** The Imagine tab driven as a class would: open the current run, steer with the arrow keys, explore the latents. */
@ExtendWith(ApplicationExtension.class)
class ImaginationPaneTest {
    @TempDir
    static Path dir;
    static Path run;

    private LabModel model;
    private LabWindow window;

    @BeforeAll
    static void train() throws Exception {
        run = dir.resolve("run");
        new Trainer(Presets.parse(LessonPaneTest.TINY), run, false, null).run();
    }

    @Start
    void start(Stage stage) {
        model = new LabModel(new LabSettings(dir.resolve("runs"), dir.resolve("presets"), "cartpole-swingup-classroom",
                null, List.of(), null, null));
        model.openRun(run);
        window = new LabWindow(model);
        stage.setScene(window.scene(1400, 860));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.imaginationModel().dispose()).get();
        LabWindowTest.stopAndDispose(model);
    }

    @Test
    void arrowKeysDriveTheModelBesideTheRealEnvironmentAndTheExplorerDecodesItsSliders(FxRobot robot)
            throws Exception {
        robot.clickOn("Imagine");
        ImaginationModel im = window.imaginationModel();
        robot.clickOn("#imagine-current-run");
        waitFor(60, () -> im.lastProperty().get() != null);
        assertEquals(1, im.actionDimProperty().get(), "cartpole: one action component");
        assertTrue(im.sourceProperty().get().startsWith("run: cartpole-swingup, model slac"), im.sourceProperty().get());
        assertNotNull(robot.lookup("#imagine-dream").queryAs(ImageView.class).getImage());
        assertNotNull(robot.lookup("#imagine-truth").queryAs(ImageView.class).getImage());
        assertEquals(0, im.lastProperty().get().step());

        // The keys reach the model: right pushes +1, left -1, one imagined step per key.
        robot.clickOn("#imagine-dream");
        robot.type(KeyCode.RIGHT);
        waitFor(30, () -> im.lastProperty().get().step() == 1);
        ImaginedFrame right = im.lastProperty().get();
        assertArrayEquals(new float[]{1f}, right.action());
        robot.type(KeyCode.LEFT);
        waitFor(30, () -> im.lastProperty().get().step() == 2);
        assertArrayEquals(new float[]{-1f}, im.lastProperty().get().action());
        assertFalse(java.util.Arrays.equals(right.truth(), im.lastProperty().get().truth()),
                "the real cart moved with the same actions");
        assertTrue(im.captionProperty().get().startsWith("step 2, action -1.00; image error "),
                im.captionProperty().get());

        // The slider's action steps too.
        WaitForAsyncUtils.asyncFx(() -> robot.lookup("#imagine-action-0").queryAs(Slider.class).setValue(0.25)).get();
        robot.clickOn("#imagine-step");
        waitFor(30, () -> im.lastProperty().get().step() == 3);
        assertArrayEquals(new float[]{0.25f}, im.lastProperty().get().action());

        // The policy acts on its dream until the toggle is off again; the ground-truth toggle hides the real frames.
        robot.clickOn("#imagine-policy");
        waitFor(60, () -> im.lastProperty().get().step() >= 5);
        robot.clickOn("#imagine-policy");
        assertFalse(im.policyActsProperty().get());
        robot.clickOn("#imagine-truth-toggle");
        assertFalse(robot.lookup("#imagine-truth").queryAs(ImageView.class).getParent().isVisible());
        robot.clickOn("#imagine-truth-toggle");
        assertTrue(robot.lookup("#imagine-truth").queryAs(ImageView.class).getParent().isVisible());

        // Latent explorer: directions of z1 and z2, and the decoded frame follows a slider.
        robot.clickOn("#imagine-find-directions");
        waitFor(120, () -> im.directionsProperty().get() != null && im.exploredProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2 * ImaginationModel.DIRECTIONS, im.directionsProperty().get().directions().size(),
                "z1 PC1-3 and z2 PC1-3");
        Image atMean = im.exploredProperty().get();
        WaitForAsyncUtils.asyncFx(() -> robot.lookup("#imagine-latent-0").queryAs(Slider.class).setValue(3)).get();
        waitFor(30, () -> im.exploredProperty().get() != atMean);
        assertTrue(differ(atMean, im.exploredProperty().get()), "moving z1 PC1 changes the decoded frame");

        WritableImage shot = WaitForAsyncUtils.asyncFx(() -> window.getScene().snapshot(null)).get();
        Files.createDirectories(Path.of("target"));
        ImageIO.write(SwingFXUtils.fromFXImage(shot, null), "png",
                Path.of("target", "imagination-screenshot.png").toFile());
    }

    private static boolean differ(Image a, Image b) {
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getPixelReader().getArgb(x, y) != b.getPixelReader().getArgb(x, y)) {
                    return true;
                }
            }
        }
        return false;
    }
}
