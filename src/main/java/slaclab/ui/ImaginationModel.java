package slaclab.ui;

import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.image.Image;
import slaclab.engine.ImaginationGif;
import slaclab.engine.ImaginedFrame;
import slaclab.engine.Imagination;
import slaclab.engine.LatentDirections;
import slaclab.engine.Lesson;
import slaclab.engine.SavedAgent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Imagine pane's state and commands: which model is loaded, the newest imagined and real frames, the latent
 * explorer's directions and frame. The engine's {@link Imagination} runs on one worker thread; the pane only renders
 * these properties and forwards input here.
 */
final class ImaginationModel {
    /** Seed of the imagination's real episodes and the prior's noise. */
    static final long SEED = 11;
    /** Directions per latent part the explorer offers. */
    static final int DIRECTIONS = 3;
    /** Agent steps of the episode whose posterior samples give the explorer's directions. */
    static final int EXPLORER_STEPS = 200;
    /** The policy's pace when it acts: at most this many imagined frames per second. */
    static final int POLICY_FPS = 10;

    private final LabModel lab;
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper("no model loaded");
    private final ReadOnlyIntegerWrapper actionDim = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyObjectWrapper<Image> dream = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Image> truth = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("open a run or a lesson's stage, then"
            + " drive its model with the arrow keys or the sliders");
    private final ReadOnlyObjectWrapper<ImaginedFrame> last = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<LatentDirections> directions = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Image> explored = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty showTruth = new SimpleBooleanProperty(true);
    private final BooleanProperty policyActs = new SimpleBooleanProperty(false);
    private final FxWorker worker;
    /** Steps waiting on the worker: key repeat beyond two is dropped, so the dream never lags the keys by more. */
    private final AtomicInteger pendingSteps = new AtomicInteger();
    /** The newest explorer offsets asked for; the worker decodes only the newest. */
    private final AtomicReference<double[]> pendingExplore = new AtomicReference<>();
    /** Worker thread only. */
    private Imagination imagination;
    private volatile boolean loaded;

    ImaginationModel(LabModel lab) {
        this.lab = lab;
        this.worker = new FxWorker("imagination", lab);
        policyActs.addListener((o, was, on) -> {
            if (on) {
                worker.execute(this::policyLoop);
            }
        });
    }

    ReadOnlyStringProperty sourceProperty() {
        return source.getReadOnlyProperty();
    }

    ReadOnlyIntegerProperty actionDimProperty() {
        return actionDim.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Image> dreamProperty() {
        return dream.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Image> truthProperty() {
        return truth.getReadOnlyProperty();
    }

    ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /** The newest imagined frame (step, action, dream, truth, error). */
    ReadOnlyObjectProperty<ImaginedFrame> lastProperty() {
        return last.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<LatentDirections> directionsProperty() {
        return directions.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Image> exploredProperty() {
        return explored.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty busyProperty() {
        return worker.busyProperty();
    }

    /** Whether the real environment and the image error are shown beside the dream. */
    BooleanProperty showTruthProperty() {
        return showTruth;
    }

    /** While true, the policy chooses the actions, on what it sees of its own dream. */
    BooleanProperty policyActsProperty() {
        return policyActs;
    }

    /** Loads the newest checkpoint of a run folder (or a lesson folder, or a shipped lesson's name). */
    void openRun(Path dir) {
        open(dir.getFileName().toString(), () -> SavedAgent.load(dir.toString(), null, SEED, lab::info));
    }

    /** Loads a lesson's stage. */
    void openLesson(Lesson lesson, Lesson.Stage stage) {
        open(lesson.name() + ", stage " + stage.name(), () -> SavedAgent.load(lesson, stage, SEED));
    }

    private interface Loader {
        SavedAgent load() throws IOException;
    }

    private void open(String name, Loader loader) {
        policyActs.set(false);
        worker.run(() -> {
            close();
            imagination = Imagination.open(loader.load(), SEED);
            loaded = true;
            int width = imagination.actionDim();
            String text = String.format(Locale.ROOT, "%s: %s, model %s", name, imagination.config().task(),
                    imagination.config().model());
            Runnable shown = begin();
            return () -> {
                source.set(text);
                actionDim.set(width);
                directions.set(null);
                explored.set(null);
                shown.run();
            };
        });
    }

    /** A new real episode, the policy warming up for a training sequence's length, and a new start. */
    void restart() {
        if (loaded) {
            policyActs.set(false);
            worker.run(this::begin);
        }
    }

    private Runnable begin() {
        return show(imagination.begin(imagination.config().sequenceLength()));
    }

    /** One imagined step with this action (ignored while two steps already wait). */
    void step(float[] action) {
        if (!loaded || pendingSteps.get() >= 2) {
            return;
        }
        pendingSteps.incrementAndGet();
        worker.run(() -> {
            pendingSteps.decrementAndGet();
            return show(imagination.step(action));
        });
    }

    private void policyLoop() {
        long period = 1_000_000_000L / POLICY_FPS;
        while (policyActs.get() && imagination != null) {
            long start = System.nanoTime();
            try {
                Runnable shown = show(imagination.step(imagination.policyAction()));
                Platform.runLater(shown);
            } catch (RuntimeException e) {
                String message = String.valueOf(e.getMessage());
                Platform.runLater(() -> {
                    policyActs.set(false);
                    lab.error(message);
                });
                return;
            }
            long wait = start + period - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Runnable show(ImaginedFrame f) {
        Image d = FrameImages.toImage(f.dream()), t = FrameImages.toImage(f.truth());
        String text = (f.action() == null ? "start: the posterior's latent state, decoded"
                : "step " + f.step() + ", action " + ImaginationGif.action(f.action()))
                + String.format(Locale.ROOT, "; image error %.4f", f.error()) + (f.ended() ? "; real episode over" : "");
        return () -> {
            dream.set(d);
            truth.set(t);
            caption.set(text);
            last.set(f);
        };
    }

    /** Writes the imagination so far as an animated GIF (with the real frames when they are shown). */
    void exportGif(Path gif) {
        if (!loaded) {
            return;
        }
        boolean withTruth = showTruth.get();
        worker.run(() -> {
            ImaginationGif.write(gif, imagination.frames(), withTruth, 3);
            int n = imagination.frames().size();
            return () -> lab.info("wrote " + gif + ": " + n + " frames");
        });
    }

    /** Finds the leading directions of the latent parts from posterior samples of one policy episode. */
    void findDirections() {
        if (!loaded) {
            return;
        }
        worker.run(() -> {
            LatentDirections d = imagination.directions(DIRECTIONS, EXPLORER_STEPS);
            Image atOrigin = FrameImages.toImage(imagination.decode(d.latentAt(new double[d.directions().size()])));
            return () -> {
                directions.set(d);
                explored.set(atOrigin);
            };
        });
    }

    /** Decodes the explorer's origin moved by these offsets (standard deviations along each direction). */
    void explore(double[] offsets) {
        LatentDirections d = directions.get();
        if (d == null || pendingExplore.getAndSet(offsets.clone()) != null) {
            return;                                    // the worker takes the newest offsets when it gets there
        }
        worker.execute(() -> {
            double[] newest = pendingExplore.getAndSet(null);
            if (newest == null || imagination == null) {
                return;
            }
            Image image = FrameImages.toImage(imagination.decode(d.latentAt(newest)));
            Platform.runLater(() -> explored.set(image));
        });
    }

    private void close() {
        loaded = false;
        if (imagination != null) {
            imagination.close();
            imagination = null;
        }
    }

    /** Frees the loaded model; the worker ends with the window. */
    void dispose() {
        policyActs.set(false);
        worker.execute(this::close);
        worker.shutdown();
    }
}
