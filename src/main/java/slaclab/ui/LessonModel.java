package slaclab.ui;

import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;
import slaclab.engine.EpisodeGif;
import slaclab.engine.Evaluation;
import slaclab.engine.Lesson;
import slaclab.engine.LessonContinuation;
import slaclab.engine.LessonPlayer;
import slaclab.engine.Lessons;
import slaclab.environments.Tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Lessons pane's state and commands: which lesson is open and which stage chosen, the frame of the episode being
 * watched, the rollouts drawn from a stage. Lessons load, act and draw on one worker thread (a stage's agent stays
 * loaded while it is chosen); results come back to the FX thread. Continue training hands a new run folder, made
 * from the final stage, to the lab's model.
 */
final class LessonModel {
    /** Seed of the episodes a lesson plays: the same episodes each time the class watches. */
    static final long SEED = 7;

    private final LabModel lab;
    private final ObservableList<String> shipped = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Lesson> lesson = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Lesson.Stage> stage = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Image> frame = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("open a lesson");
    private final ReadOnlyObjectWrapper<RolloutSet> rollouts = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<WatchedEpisode> watched = new ReadOnlyObjectWrapper<>();
    private final FxWorker worker;
    /** The loaded stage (worker thread only). */
    private LessonPlayer player;
    private volatile boolean stopEpisode;

    LessonModel(LabModel lab) {
        this.lab = lab;
        this.worker = new FxWorker("lesson-player", lab);
        shipped.setAll(Lessons.shipped());
        stage.addListener((o, a, s) -> {
            stopEpisode = true;
            rollouts.set(null);
            if (s != null) {
                caption.set(String.format(Locale.ROOT, "stage %s: %,d env steps, evaluation return %.1f; press Watch"
                        + " episode", s.name(), s.envSteps(), s.evalReturn()));
            }
        });
    }

    /** The lab this lesson pane belongs to (where its messages go). */
    LabModel lab() {
        return lab;
    }

    ObservableList<String> shipped() {
        return shipped;
    }

    ReadOnlyObjectProperty<Lesson> lessonProperty() {
        return lesson.getReadOnlyProperty();
    }

    ObjectProperty<Lesson.Stage> stageProperty() {
        return stage;
    }

    ReadOnlyObjectProperty<Image> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<RolloutSet> rolloutsProperty() {
        return rollouts.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty busyProperty() {
        return worker.busyProperty();
    }

    /** Opens a lesson folder, or else the shipped lesson of that name (the error lists the shipped ones). */
    void open(String where) {
        open(() -> {
            Lesson l = Lessons.find(where);
            return l != null ? l : Lessons.shipped(where);
        });
    }

    /** Opens a shipped lesson by name. */
    void openShipped(String name) {
        open(() -> Lessons.shipped(name));
    }

    /** Opens a lesson folder (assets/lessons/NAME, or a copy). */
    void openFolder(Path dir) {
        open(() -> Lessons.folder(dir));
    }

    private interface Opener {
        Lesson open() throws IOException;
    }

    private void open(Opener opener) {
        Lesson l;
        try {
            l = opener.open();
        } catch (IOException | IllegalArgumentException e) {
            lab.error(e.getMessage());
            return;
        }
        String why = Tasks.unavailableReason(l.config().task());
        if (why != null) {
            lab.error("the lesson " + l.name() + " needs the task " + l.config().task() + ", which cannot run here: "
                    + why);
            return;
        }
        stopEpisode = true;
        worker.execute(this::unload);
        lesson.set(l);
        stage.set(l.finalStage());
        frame.set(null);
        lab.info("opened the lesson " + l.title() + " (" + l.stages().size() + " stages)");
    }

    /** Plays one evaluation episode of the chosen stage at the task's real-time speed. */
    void watch() {
        onStage((l, s, p) -> {
            double secondsPerStep = l.config().actionRepeat() * Tasks.spec(l.config().task()).controlDt();
            long start = System.nanoTime();
            List<EpisodeGif.Frame> played = new ArrayList<>();
            p.episode((f, a, k, r, done) -> {
                played.add(new EpisodeGif.Frame(f, a, r));
                Image image = FrameImages.toImage(f);
                String text = String.format(Locale.ROOT, "stage %s (%,d env steps): step %d, return %.1f%s", s.name(),
                        s.envSteps(), k, r, done ? ", episode over" : "");
                Platform.runLater(() -> {
                    frame.set(image);
                    caption.set(text);
                });
                long wait = start + (long) (k * secondsPerStep * 1e9) - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
                return !stopEpisode;
            });
            String label = "stage " + s.name() + String.format(Locale.ROOT, " (%,d env steps)", s.envSteps());
            return () -> watched.set(new WatchedEpisode(label, List.copyOf(played)));
        });
    }

    /** The frames of the episode watched last, with what to call them. */
    record WatchedEpisode(String label, List<EpisodeGif.Frame> frames) {
    }

    /** The episode watched last (null before one is watched), for export. */
    ReadOnlyObjectProperty<WatchedEpisode> watchedProperty() {
        return watched.getReadOnlyProperty();
    }

    /** Writes the episode watched last as an animated GIF: its frames with step counter, action and return. */
    void exportEpisodeGif(Path gif) {
        WatchedEpisode e = watched.get();
        if (e != null) {
            worker.run(() -> {
                EpisodeGif.write(gif, e.label(), e.frames(), 3);
                return () -> lab.info("wrote " + gif + ": " + e.frames().size() + " frames");
            });
        }
    }

    /** Stops the episode being watched after its current step. */
    void stopWatching() {
        stopEpisode = true;
    }

    /**
     * Draws truth, posterior, prior and conditional-prior rows from the chosen stage's model on a sequence of an
     * episode its policy plays (the model getting sharper from stage to stage).
     */
    void drawRollouts() {
        onStage((l, s, p) -> {
            int steps = l.config().sequenceLength();
            List<List<byte[]>> rows = p.rollouts(steps);
            if (rows.isEmpty()) {
                p.episode((f, a, k, r, done) -> !stopEpisode);
                rows = p.rollouts(steps);
            }
            List<List<Image>> images = new ArrayList<>();
            for (List<byte[]> row : rows) {
                images.add(row.stream().map(FrameImages::toImage).toList());
            }
            RolloutSet set = new RolloutSet(Evaluation.ROW_LABELS, images, String.format(Locale.ROOT,
                    "stage %s (%,d env steps): a sequence of %d steps from an episode of its policy", s.name(),
                    s.envSteps(), steps));
            return () -> rollouts.set(set);
        });
    }

    /**
     * Continues training from the final stage in a new run folder under the lab's runs folder, for {@code envSteps}
     * more environment steps; the lab's other panes follow it as any run.
     */
    void continueTraining(long envSteps) {
        Lesson l = lesson.get();
        if (l == null) {
            return;
        }
        if (lab.isBusy()) {
            lab.error("a run is training: stop it before continuing a lesson");
            return;
        }
        Lesson.Stage last = l.finalStage();
        String stamp = LabModel.folderStamp();
        Path dir = lab.runsRoot().resolve(l.config().task() + "-lesson-" + stamp);
        stopEpisode = true;
        worker.run(() -> {
            unload();
            LessonContinuation.start(l, last, dir, last.envSteps() + envSteps);
            return () -> lab.continueRun(dir);
        });
    }

    /** Frees the loaded stage; the worker ends with the window. */
    void dispose() {
        stopEpisode = true;
        worker.execute(this::unload);
        worker.shutdown();
    }

    /** Work on the chosen stage, loaded, on the worker thread; ends with an action on the FX thread. */
    private interface StageJob {
        Runnable call(Lesson lesson, Lesson.Stage stage, LessonPlayer player) throws IOException;
    }

    private void onStage(StageJob job) {
        Lesson.Stage s = stage.get();
        Lesson l = lesson.get();
        if (l == null || s == null) {
            return;
        }
        stopEpisode = false;
        worker.run(() -> job.call(l, s, load(l, s)));
    }

    /** The player of {@code s}, loading it (and freeing another stage's) when needed; worker thread only. */
    private LessonPlayer load(Lesson l, Lesson.Stage s) throws IOException {
        if (player != null && player.lesson() == l && player.stage().equals(s)) {
            return player;
        }
        unload();
        player = LessonPlayer.open(l, s, SEED);
        return player;
    }

    private void unload() {
        if (player != null) {
            player.close();
            player = null;
        }
    }
}
