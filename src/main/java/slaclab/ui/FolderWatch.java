package slaclab.ui;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.util.Duration;
import slaclab.engine.Ablation;
import slaclab.engine.RunFolder;
import slaclab.engine.slurm.SlurmTools;
import slaclab.engine.slurm.SweepScript;
import slaclab.engine.slurm.SweepStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Re-reads an ablation folder that others are filling (an {@code ablate} in a terminal, a Slurm sweep on the shared
 * disk) every few seconds, off the FX thread: its run folders, and for a sweep where each run stands (asking squeue
 * where it is installed). Reports on the FX thread, only when something changed.
 */
final class FolderWatch {
    static final Duration PERIOD = Duration.seconds(5);

    /** What a look at the folder found: the runs by variant, a status text, and what tells looks apart. */
    record Look(Map<String, List<Path>> runs, String status, String fingerprint) {
    }

    private final Path dir;
    private final SlurmTools tools;
    private final BiConsumer<Look, String> report;
    private final Timeline timeline;
    private final AtomicBoolean looking = new AtomicBoolean();
    private String last = "";

    /** {@code report} gets each new look, or null and an error message when the folder cannot be read. */
    FolderWatch(Path dir, SlurmTools tools, BiConsumer<Look, String> report) {
        this.dir = dir;
        this.tools = tools;
        this.report = report;
        this.timeline = new Timeline(new KeyFrame(PERIOD, e -> tick()));
        timeline.setCycleCount(Timeline.INDEFINITE);
    }

    void start() {
        timeline.play();
    }

    void stop() {
        timeline.stop();
    }

    private void tick() {
        if (!looking.compareAndSet(false, true)) {
            return;  // the last look is still asking squeue
        }
        Thread t = new Thread(() -> {
            Look look = null;
            String error = null;
            try {
                look = look(dir, tools);
            } catch (IOException | RuntimeException e) {
                error = "cannot read " + dir + ": " + e.getMessage();
            }
            Look found = look;
            String problem = error;
            Platform.runLater(() -> {
                looking.set(false);
                String print = found == null ? problem : found.fingerprint();
                if (timeline.getStatus() == javafx.animation.Animation.Status.RUNNING && !print.equals(last)) {
                    last = print;
                    report.accept(found, problem);
                }
            });
        }, "ablation-folder-watch");
        t.setDaemon(true);
        t.start();
    }

    /** Reads the folder once: for a Slurm sweep (it has sweep.sbatch) each run's state, else the runs' count. */
    static Look look(Path dir, SlurmTools tools) throws IOException {
        Map<String, List<Path>> runs = Ablation.find(dir);
        List<Path> flat = runs.values().stream().flatMap(List::stream).toList();
        String status;
        if (Files.isRegularFile(dir.resolve(SweepScript.FILE))) {
            List<SweepStatus.Run> states = SweepStatus.of(dir, flat, tools);
            status = "Slurm sweep, " + SweepStatus.summary(states) + "\n" + states.stream().map(SweepStatus::brief)
                    .collect(Collectors.joining("\n"));
        } else {
            status = flat.size() + " runs of " + runs.size() + " variants in " + dir;
        }
        StringBuilder print = new StringBuilder(status);
        for (Path run : flat) {
            Path metrics = new RunFolder(run).metrics();
            if (Files.isRegularFile(metrics)) {
                print.append('|').append(run).append(':').append(Files.size(metrics));
            }
        }
        return new Look(runs, status, print.toString());
    }
}
