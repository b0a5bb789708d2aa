package slaclab.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** The newest message under the toolbar: information in blue, errors in red with the problem and the fix. */
final class NoticeBar extends HBox {
    NoticeBar(LabModel model) {
        getStyleClass().add("notice");
        setSpacing(10);
        setPadding(new Insets(6, 10, 6, 10));
        setAlignment(Pos.CENTER_LEFT);
        Label text = new Label();
        text.setId("notice");
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button close = new Button("\u00d7");
        close.getStyleClass().add("notice-close");
        close.setOnAction(e -> model.dismissNotice());
        getChildren().addAll(text, close);
        model.noticeProperty().addListener((o, a, n) -> {
            text.setText(n == null ? "" : n.text());
            getStyleClass().removeAll("notice-error", "notice-info");
            if (n != null) {
                getStyleClass().add(n.error() ? "notice-error" : "notice-info");
            }
            setVisible(n != null);
            setManaged(n != null);
        });
        setVisible(false);
        setManaged(false);
    }
}
