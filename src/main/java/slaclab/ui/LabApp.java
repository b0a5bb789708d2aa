package slaclab.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Path;

/** The JavaFX application. Started through {@link LabLauncher} (the class path needs a launcher class). */
public final class LabApp extends Application {
    @Override
    public void start(Stage stage) {
        LabSettings settings = LabLauncher.parse(getParameters().getRaw().toArray(new String[0]));
        LabModel model = new LabModel(settings);
        LabWindow window = new LabWindow(model);
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                "SLAC Lab \u2014 " + (model.runDirProperty().get() == null ? "Stochastic Latent Actor-Critic from pixels"
                        : model.runTitleProperty().get()), model.runTitleProperty(), model.runDirProperty()));
        stage.setScene(window.scene(1400, 860));
        for (int size : new int[]{16, 32, 48, 64, 128, 256}) {  // the window's icon, drawn by jlink/icon/DrawIcon.java
            java.io.InputStream png = LabApp.class.getResourceAsStream("/assets/icon/slac-lab-" + size + ".png");
            if (png != null) {
                stage.getIcons().add(new javafx.scene.image.Image(png));
            }
        }
        java.util.concurrent.atomic.AtomicBoolean reported = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable report = () -> {
            ResponsivenessProbe.Summary s = model.probe().summary();
            if (s.probes() > 0 && !reported.getAndSet(true)) {
                System.err.println("lab: UI responsiveness while training: " + s);
            }
        };
        window.guardClose(stage, () -> {
            report.run();
            Platform.exit();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            model.saveOnShutdown();
            report.run();
        }, "lab-save-on-exit"));
        if (settings.open() != null) {
            model.openRun(settings.open());
        }
        for (Path p : settings.compare()) {
            model.addCompared(p);
        }
        if (!settings.compare().isEmpty() && settings.open() == null) {
            window.showTab("Compare runs");
        }
        if (settings.ablation() != null) {
            model.ablation().open(settings.ablation());
            window.showTab("Ablations");
        }
        if (settings.lesson() != null) {
            window.lessonModel().open(settings.lesson());
            window.showTab("Lessons");
        }
        stage.show();
    }
}
