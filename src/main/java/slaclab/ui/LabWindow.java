package slaclab.ui;

import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.net.URL;
import java.util.Optional;

/**
 * The lab's one window: toolbar and messages on top, the live frames on the left, rollouts / curves / comparison
 * tabs on the right, the status bar below.
 */
public final class LabWindow extends BorderPane {
    public static final String STYLESHEET = "/assets/lab.css";

    private final LabModel model;
    private final RolloutsPane rolloutsPane;
    private final CurvesPane curvesPane;
    private final ComparePane comparePane;
    private final AblationPane ablationPane;
    private final LessonModel lessonModel;
    private final LessonPane lessonPane;
    private final ImaginationModel imaginationModel;
    private final ImaginationPane imaginationPane;
    private final TabPane tabs;

    public LabWindow(LabModel model) {
        this.model = model;
        getStyleClass().add("lab");
        ChartPainter painter = new ChartPainter();
        rolloutsPane = new RolloutsPane(model);
        curvesPane = new CurvesPane(model, painter);
        comparePane = new ComparePane(model, painter);
        ablationPane = new AblationPane(model, painter);
        lessonModel = new LessonModel(model);
        lessonPane = new LessonPane(lessonModel, painter);
        imaginationModel = new ImaginationModel(model);
        imaginationPane = new ImaginationPane(imaginationModel, model, lessonModel);
        tabs = new TabPane(new Tab("Curves", curvesPane), new Tab("Rollouts", rolloutsPane),
                new Tab("Compare runs", comparePane), new Tab("Ablations", ablationPane),
                new Tab("Lessons", lessonPane), new Tab("Imagine", imaginationPane));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("tabs");
        LivePane live = new LivePane(model);
        SplitPane split = new SplitPane(live, tabs);
        split.setDividerPositions(0.3);
        setTop(new VBox(new LabToolbar(model), new NoticeBar(model)));
        setCenter(split);
        setBottom(new StatusBar(model));
    }

    public LabModel model() {
        return model;
    }

    RolloutsPane rolloutsPane() {
        return rolloutsPane;
    }

    CurvesPane curvesPane() {
        return curvesPane;
    }

    AblationPane ablationPane() {
        return ablationPane;
    }

    ComparePane comparePane() {
        return comparePane;
    }

    LessonPane lessonPane() {
        return lessonPane;
    }

    LessonModel lessonModel() {
        return lessonModel;
    }

    ImaginationModel imaginationModel() {
        return imaginationModel;
    }

    /** Shows the tab with this title ("Curves", "Rollouts", "Compare runs", "Ablations", "Lessons", "Imagine"). */
    public void showTab(String title) {
        tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    /** A scene with the lab's stylesheet. */
    public Scene scene(double width, double height) {
        Scene scene = new Scene(this, width, height);
        URL css = LabWindow.class.getResource(STYLESHEET);
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        return scene;
    }

    /**
     * Closing the window while a run trains asks first, then saves a checkpoint and waits for the run to end
     * before the window goes; {@code afterClose} runs once it has.
     */
    public void guardClose(Stage stage, Runnable afterClose) {
        stage.setOnCloseRequest(e -> {
            if (!model.isTraining()) {
                lessonModel.dispose();
                imaginationModel.dispose();
                model.dispose();
                afterClose.run();
                return;
            }
            e.consume();
            ButtonType save = new ButtonType("Save and close", ButtonBar.ButtonData.OK_DONE);
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "A run is training. Close the lab after saving a"
                    + " checkpoint? The run can be continued later with Open run\u2026 and Continue run.", save,
                    ButtonType.CANCEL);
            ask.setHeaderText("Training is running");
            ask.initOwner(stage);
            Optional<ButtonType> answer = ask.showAndWait();
            if (answer.isPresent() && answer.get() == save) {
                model.stopThen(() -> {
                    lessonModel.dispose();
                    imaginationModel.dispose();
                    model.dispose();
                    stage.close();
                    afterClose.run();
                });
            }
        });
    }
}
