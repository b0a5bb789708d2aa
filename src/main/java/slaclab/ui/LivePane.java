package slaclab.ui;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The agent's 64x64 observation, scaled up with sharp pixels, its episode return, and "watch an evaluation episode". */
final class LivePane extends BorderPane {
    LivePane(LabModel model) {
        getStyleClass().add("pane-live");
        ImageView view = new ImageView();
        view.setId("live-frame");
        view.setSmooth(false);
        view.setPreserveRatio(true);
        view.imageProperty().bind(model.frameProperty());
        StackPane frameBox = new StackPane(view);
        frameBox.getStyleClass().add("frame-box");
        view.fitWidthProperty().bind(Bindings.min(frameBox.widthProperty(), frameBox.heightProperty()).subtract(24));
        view.fitHeightProperty().bind(view.fitWidthProperty());
        frameBox.setMinSize(200, 200);

        Label caption = new Label();
        caption.setId("live-caption");
        caption.getStyleClass().add("caption");
        caption.setWrapText(true);
        caption.textProperty().bind(model.frameCaptionProperty());

        Label hint = new Label("64 x 64 pixels: exactly what the agent sees, enlarged");
        hint.getStyleClass().add("hint");

        Button watch = new Button("Watch an evaluation episode (real time)");
        watch.setId("watch");
        watch.setOnAction(e -> model.watchEvaluationEpisode());
        watch.disableProperty().bind(Bindings.createBooleanBinding(
                () -> model.watchingProperty().get() || model.getState() == LabModel.State.STOPPING
                        || (model.getState() == LabModel.State.IDLE) || (model.getState() == LabModel.State.BROWSING
                        && (model.openedRunProperty().get() == null || !model.openedRunProperty().get().hasCheckpoint())),
                model.watchingProperty(), model.stateProperty(), model.openedRunProperty()));

        VBox bottom = new VBox(8, caption, hint, watch);
        bottom.setAlignment(Pos.CENTER);
        bottom.setPadding(new Insets(10));
        setCenter(frameBox);
        setBottom(bottom);
    }
}
