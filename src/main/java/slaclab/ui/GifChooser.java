package slaclab.ui;

import javafx.scene.Node;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;

/** The save dialog behind every "Export GIF…" button: an animated GIF, opening in the lab's run folder if any. */
final class GifChooser {
    private GifChooser() {
    }

    static Optional<Path> ask(Node owner, String name, LabModel lab) {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(name);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Animated GIF", "*.gif"));
        Path dir = lab.runDirProperty().get();
        if (dir != null && dir.toFile().isDirectory()) {
            fc.setInitialDirectory(dir.toFile());
        }
        File f = fc.showSaveDialog(owner.getScene().getWindow());
        return Optional.ofNullable(f).map(File::toPath);
    }
}
