package slaclab.ui;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;
import javafx.util.Duration;
import slaclab.engine.Evaluation;
import slaclab.engine.Observation;
import slaclab.engine.Outcome;
import slaclab.engine.Phase;
import slaclab.engine.PresetCatalogue;
import slaclab.engine.Progress;
import slaclab.engine.RolloutView;
import slaclab.engine.RunConfig;
import slaclab.engine.RunControl;
import slaclab.engine.RunControl.RolloutSource;
import slaclab.engine.RunInfo;
import slaclab.engine.RunRecord;
import slaclab.engine.SystemStats;
import slaclab.engine.TaskPreview;
import slaclab.engine.TrainingSession;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lab's state and commands, on the FX thread: read-only properties the panes bind to, and command methods the
 * toolbar and panes call. It owns at most one {@link TrainingSession} and polls its {@link EngineBridge} a few times a
 * second, so the training thread never waits for the window and redraws stay throttled.
 */
public final class LabModel {
    /** What the window is showing. */
    public enum State {
        /** No run yet: pick a preset and start. */
        IDLE,
        /** A run trains on its thread. */
        RUNNING,
        /** A run holds at a pause (or was loaded to be inspected). */
        PAUSED,
        /** A stop was asked for; the run saves and ends. */
        STOPPING,
        /** Looking at a run folder (opened, or a run that ended); no training thread. */
        BROWSING
    }

    /** A message for the user; errors name the problem and the fix. */
    public record Notice(String text, boolean error) {
    }

    static final Duration POLL = Duration.millis(200);

    private final LabSettings settings;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ObservableList<PresetCatalogue.Entry> presets = FXCollections.observableArrayList();
    private final ObjectProperty<PresetCatalogue.Entry> preset = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Notice> notice = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper runTitle = new ReadOnlyStringWrapper("no run");
    private final ReadOnlyObjectWrapper<Path> runDir = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RunConfig> runConfig = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RunRecord> openedRun = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper backend = new ReadOnlyStringWrapper("chosen when a run starts");
    private final ReadOnlyObjectWrapper<Progress> progress = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyLongWrapper residentBytes = new ReadOnlyLongWrapper(SystemStats.residentBytes());
    private final ReadOnlyObjectWrapper<Image> frame = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper frameCaption = new ReadOnlyStringWrapper("no episode yet");
    private final ReadOnlyBooleanWrapper watching = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyLongWrapper observationsSeen = new ReadOnlyLongWrapper();
    private final ReadOnlyObjectWrapper<RolloutSet> rollouts = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper rolloutStatus = new ReadOnlyStringWrapper("rollouts appear at each evaluation,"
            + " or press Refresh");
    private final ObservableList<Path> storedRollouts = FXCollections.observableArrayList();
    private final ObservableList<Map<String, Double>> rows = FXCollections.observableArrayList();
    private final ObservableList<RunRecord> compared = FXCollections.observableArrayList();
    private final IntegerProperty rolloutSteps = new SimpleIntegerProperty(8);
    private final ObjectProperty<RolloutSource> rolloutSource = new SimpleObjectProperty<>(RolloutSource.REPLAY);
    private final LongProperty rolloutSequence = new SimpleLongProperty(0);
    private final BooleanProperty rolloutsAtEvaluation = new SimpleBooleanProperty(true);
    /** Most pre-training updates between automatic rollouts (about a minute on two cores at the classroom's sizes). */
    static final long PRETRAIN_ROLLOUTS_EVERY = 250;
    private long lastPretrainRollouts;
    // One read-only view per list: a view holds its backing list's listener weakly, so views made per call would
    // silently stop notifying once collected.
    private final ObservableList<PresetCatalogue.Entry> presetsView = FXCollections.unmodifiableObservableList(presets);
    private final ObservableList<Path> storedRolloutsView = FXCollections.unmodifiableObservableList(storedRollouts);
    private final ObservableList<Map<String, Double>> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<RunRecord> comparedView = FXCollections.unmodifiableObservableList(compared);
    private final ResponsivenessProbe probe = new ResponsivenessProbe();
    private final Timeline poll;

    private final AblationModel ablation = new AblationModel(this);

    private volatile TrainingSession session;
    private EngineBridge bridge;
    private long lastMemoryPoll;
    private boolean saveAsked;

    public LabModel(LabSettings settings) {
        this.settings = settings;
        reloadPresets();
        preset.addListener((o, a, e) -> previewPreset(e));
        previewPreset(preset.get());
        poll = new Timeline(new KeyFrame(POLL, e -> pollEngine()));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
        probe.start(() -> state.get() == State.RUNNING);
    }

    // ---- read-only state ----

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State getState() {
        return state.get();
    }

    public ObservableList<PresetCatalogue.Entry> presets() {
        return presetsView;
    }

    /** The preset a new run starts from (writable: the toolbar's choice). */
    public ObjectProperty<PresetCatalogue.Entry> presetProperty() {
        return preset;
    }

    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty runTitleProperty() {
        return runTitle.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> runDirProperty() {
        return runDir.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunConfig> runConfigProperty() {
        return runConfig.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunRecord> openedRunProperty() {
        return openedRun.getReadOnlyProperty();
    }

    /** Where new runs and ablations get their folders. */
    public Path runsRoot() {
        return settings.runsRoot();
    }

    public ReadOnlyStringProperty backendProperty() {
        return backend.getReadOnlyProperty();
    }

    /** The newest snapshot of the run's counters, or null before the first step. */
    public ReadOnlyObjectProperty<Progress> progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty residentBytesProperty() {
        return residentBytes.getReadOnlyProperty();
    }

    /** The agent's newest 64x64 observation (training, or a watched evaluation episode). */
    public ReadOnlyObjectProperty<Image> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty frameCaptionProperty() {
        return frameCaption.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty watchingProperty() {
        return watching.getReadOnlyProperty();
    }

    /** Observations received from the engine so far (shown frames are the newest at each poll). */
    public ReadOnlyLongProperty observationsSeenProperty() {
        return observationsSeen.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RolloutSet> rolloutsProperty() {
        return rollouts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rolloutStatusProperty() {
        return rolloutStatus.getReadOnlyProperty();
    }

    /** Rollout figures stored in the run folder, oldest first (for browsing a run). */
    public ObservableList<Path> storedRollouts() {
        return storedRolloutsView;
    }

    /** Every metrics row of the current run, in order (grows while it trains). */
    public ObservableList<Map<String, Double>> rows() {
        return rowsView;
    }

    /** Runs on the comparison pane. */
    public ObservableList<RunRecord> compared() {
        return comparedView;
    }

    public IntegerProperty rolloutStepsProperty() {
        return rolloutSteps;
    }

    public ObjectProperty<RolloutSource> rolloutSourceProperty() {
        return rolloutSource;
    }

    public LongProperty rolloutSequenceProperty() {
        return rolloutSequence;
    }

    public BooleanProperty rolloutsAtEvaluationProperty() {
        return rolloutsAtEvaluation;
    }

    public ResponsivenessProbe probe() {
        return probe;
    }

    /** What the start button does now: "Start", "Continue run" or "Start new run". */
    public StringBinding startLabel() {
        return Bindings.createStringBinding(() -> switch (state.get()) {
            case BROWSING -> canContinue() ? "Continue run" : "Start new run";
            default -> "Start";
        }, state, openedRun);
    }

    /** Whether live requests (rollouts on demand, watching) can be served: a run is loaded or can be. */
    public boolean canInspectLive() {
        return session != null || (openedRun.get() != null && openedRun.get().hasCheckpoint());
    }

    /** Whether closing now would end a training thread (the window asks first). */
    public boolean isTraining() {
        return session != null && session.isAlive();
    }

    /** The Ablations pane's queue and shown folder. */
    public AblationModel ablation() {
        return ablation;
    }

    /** A run is training, paused or stopping. */
    public boolean isBusy() {
        State s = state.get();
        return s == State.RUNNING || s == State.PAUSED || s == State.STOPPING;
    }

    // ---- commands ----

    public void reloadPresets() {
        String wanted = preset.get() != null ? preset.get().name() : settings.preset();
        presets.setAll(PresetCatalogue.list(settings.presetsFolder()));
        preset.set(presets.stream().filter(e -> e.name().equals(wanted)).findFirst()
                .orElse(presets.stream().filter(PresetCatalogue.Entry::usable).findFirst().orElse(null)));
    }

    /** Before a run: the chosen preset's task as the agent will see it. */
    private void previewPreset(PresetCatalogue.Entry e) {
        if (state.get() != State.IDLE || e == null || e.config() == null) {
            return;
        }
        byte[] rgb = TaskPreview.firstFrame(e.config().task(), e.config().seed());
        frame.set(rgb == null ? null : FrameImages.toImage(rgb));
        frameCaption.set(rgb == null ? e.config().task() + " cannot run here"
                : e.config().task() + " \u2014 first frame; press Start to train");
    }

    /** Adds a preset file chosen by the user and selects it. */
    public void addPresetFile(Path file) {
        PresetCatalogue.Entry e = PresetCatalogue.fromFile(file);
        if (!e.usable()) {
            error(e.problem());
            return;
        }
        presets.removeIf(p -> p.name().equals(e.name()));
        presets.add(e);
        preset.set(e);
    }

    /** Start, resume or continue, as {@link #startLabel()} says. */
    public void start() {
        switch (state.get()) {
            case PAUSED -> resume();
            case RUNNING, STOPPING -> {
            }
            case BROWSING -> {
                if (canContinue()) {
                    RunRecord r = openedRun.get();
                    launch(r.config(), r.folder().dir(), true, false);
                } else {
                    startNew();
                }
            }
            default -> startNew();
        }
    }

    private void startNew() {
        PresetCatalogue.Entry e = preset.get();
        if (e == null) {
            error("no preset chosen: pick one in the toolbar, or open a preset file");
            return;
        }
        if (!e.usable()) {
            error(e.problem());
            return;
        }
        RunConfig c = e.config();
        String stamp = folderStamp();
        Path dir = settings.runsRoot().resolve(c.task() + "-seed" + c.seed() + "-" + stamp);
        rolloutSteps.set(c.sequenceLength());
        launchFresh(c, dir, false);
    }

    /** Trains a run the panes have not shown yet (a new one, or an ablation's): what they showed is cleared first. */
    void launchFresh(RunConfig c, Path dir, boolean resume) {
        rows.clear();
        storedRollouts.clear();
        rollouts.set(null);
        openedRun.set(null);
        launch(c, dir, resume, false);
    }

    private void launch(RunConfig c, Path dir, boolean resume, boolean paused) {
        EngineBridge b = new EngineBridge();
        TrainingSession s;
        try {
            s = new TrainingSession(c, dir, resume, paused, b);
        } catch (IllegalArgumentException ex) {
            error(ex.getMessage());
            return;
        }
        bridge = b;
        session = s;
        lastPretrainRollouts = 0;
        runConfig.set(c);
        runDir.set(dir);
        runTitle.set(c.task() + " \u2014 " + dir.getFileName());
        state.set(paused ? State.PAUSED : State.RUNNING);
        info(resume ? (paused ? "loading " + dir + " to inspect it" : "continuing " + dir) : "training into " + dir);
        s.start();
    }

    public void pause() {
        if (state.get() == State.RUNNING && session != null) {
            session.control().pause();
            info("pausing after the current update\u2026");
        }
    }

    public void resume() {
        if (state.get() == State.PAUSED && session != null) {
            session.control().resume();
            state.set(State.RUNNING);
            info("running");
        }
    }

    /** Pause when running, resume when paused. */
    public void togglePause() {
        if (state.get() == State.RUNNING) {
            pause();
        } else if (state.get() == State.PAUSED) {
            resume();
        }
    }

    /** While paused: one more agent step (with its updates), then hold again. */
    public void stepOnce() {
        if (state.get() == State.PAUSED && session != null) {
            session.control().stepOnce();
        }
    }

    /** Save a checkpoint and end the run; it can be continued later. */
    public void stop() {
        if (session != null && (state.get() == State.RUNNING || state.get() == State.PAUSED)) {
            session.control().requestStop();
            state.set(State.STOPPING);
            info("saving a checkpoint and stopping\u2026");
        }
    }

    /** Write a checkpoint now, without stopping. */
    public void save() {
        if (session != null && session.isAlive()) {
            session.control().submit(new RunControl.SaveRequest());
            saveAsked = true;
            info("saving a checkpoint\u2026");
        } else if (runDir.get() != null) {
            info("nothing to save: the run in " + runDir.get() + " is not training; its files are already on disk");
        }
    }

    /** Opens a run folder for browsing; a broken folder gives a notice naming the problem and the fix. */
    public boolean openRun(Path dir) {
        if (isTraining()) {
            error("a run is training: stop it before opening another run folder");
            return false;
        }
        RunRecord r;
        try {
            r = RunRecord.open(dir);
        } catch (IllegalArgumentException e) {
            error(e.getMessage());
            return false;
        }
        session = null;
        bridge = null;
        openedRun.set(r);
        runConfig.set(r.config());
        runDir.set(dir);
        runTitle.set(r.config().task() + " \u2014 " + dir.getFileName());
        rows.setAll(r.rows());
        storedRollouts.setAll(r.rolloutPngs());
        rollouts.set(null);
        progress.set(null);
        frame.set(null);
        frameCaption.set(r.hasCheckpoint() ? "press Watch to play an evaluation episode of this run's agent"
                : "this run has no checkpoint, so its agent cannot be shown");
        rolloutSteps.set(r.config().sequenceLength());
        rolloutStatus.set(r.rolloutPngs().isEmpty() ? "no rollout figures stored"
                : r.rolloutPngs().size() + " rollout figures stored; Refresh draws new ones from the checkpoint");
        state.set(State.BROWSING);
        info("opened " + dir + " (" + r.config().task() + ", " + String.format("%,d", r.envSteps()) + " of "
                + String.format("%,d", r.config().envSteps()) + " env steps" + (r.finished() ? ", finished)" : ")"));
        return true;
    }

    /** Opens a run folder and continues training it (a run just made from a lesson's stage). */
    public void continueRun(Path dir) {
        if (openRun(dir)) {
            start();
        }
    }

    /** Decoded rollouts of the chosen length and source, served by the training thread at its next safe point. */
    public void refreshRollouts() {
        if (!ensureLive()) {
            return;
        }
        session.control().submit(new RunControl.RolloutRequest(rolloutSteps.get(), rolloutSource.get(),
                rolloutSequence.get()));
        rolloutStatus.set("drawing rollouts\u2026");
    }

    /** Plays one evaluation episode at real-time speed in the frames pane. */
    public void watchEvaluationEpisode() {
        if (!ensureLive()) {
            return;
        }
        session.control().submit(new RunControl.WatchRequest());
        watching.set(true);
        frameCaption.set("evaluation episode starting\u2026");
    }

    private boolean ensureLive() {
        if (session != null && session.isAlive()) {
            return true;
        }
        RunRecord r = openedRun.get();
        if (r == null) {
            error("no run yet: start one, or open a run folder");
            return false;
        }
        if (!r.hasCheckpoint()) {
            error(r.folder().dir() + " has no checkpoint.bin, so its networks cannot be loaded (a run writes one at"
                    + " each evaluation)");
            return false;
        }
        launch(r.config(), r.folder().dir(), true, true);
        return true;
    }

    public void addCompared(Path dir) {
        try {
            RunRecord r = RunRecord.open(dir);
            compared.removeIf(x -> x.folder().dir().toAbsolutePath().equals(dir.toAbsolutePath()));
            compared.add(r);
        } catch (IllegalArgumentException e) {
            error(e.getMessage());
        }
    }

    public void removeCompared(RunRecord r) {
        compared.remove(r);
    }

    /** Re-reads every compared run from disk (runs still training have grown). */
    public void reloadCompared() {
        List<RunRecord> fresh = new ArrayList<>();
        for (RunRecord r : compared) {
            try {
                fresh.add(RunRecord.open(r.folder().dir()));
            } catch (IllegalArgumentException e) {
                error(e.getMessage());
                fresh.add(r);
            }
        }
        compared.setAll(fresh);
    }

    public void dismissNotice() {
        notice.set(null);
    }

    /** Asks a training run to save and stop, then runs {@code then} on the FX thread once it has ended. */
    public void stopThen(Runnable then) {
        TrainingSession s = session;
        if (s == null || !s.isAlive()) {
            then.run();
            return;
        }
        stop();
        Thread waiter = new Thread(() -> {
            try {
                s.stopAndWait(600_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Platform.runLater(then);
        }, "lab-close");
        waiter.setDaemon(true);
        waiter.start();
    }

    /**
     * For a JVM shutdown (SIGTERM, logout) with the window still open: asks a training run to save and waits for it
     * (up to two minutes), so a run is never lost. Safe from any thread.
     */
    public void saveOnShutdown() {
        TrainingSession s = session;
        if (s != null && s.isAlive()) {
            try {
                s.stopAndWait(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops polling and probing (the window closes). */
    public void dispose() {
        poll.stop();
        probe.stop();
        ablation.dispose();
    }

    // ---- engine events ----

    private void pollEngine() {
        long now = System.nanoTime();
        if (now - lastMemoryPoll > 1_000_000_000L) {
            residentBytes.set(SystemStats.residentBytes());
            lastMemoryPoll = now;
        }
        EngineBridge b = bridge;
        if (b == null) {
            return;
        }
        EngineBridge.Batch e = b.drain();
        if (e.isEmpty()) {
            return;
        }
        if (e.started != null) {
            started(e.started, e.initialRows);
        }
        if (!e.rows.isEmpty()) {
            rows.addAll(e.rows);
        }
        if (e.progress != null) {
            progress.set(e.progress);
            rolloutsWhilePretraining(e.progress);
        }
        if (e.observation != null) {
            observed(e.observation, e.observations);
        }
        if (e.evaluation != null) {
            evaluated(e.evaluation);
        }
        for (RolloutView r : e.rollouts) {
            showRollouts(r);
        }
        if (e.paused != null && session != null && state.get() != State.STOPPING) {
            if (e.paused) {
                state.set(State.PAUSED);
                Progress p = e.pausedAt;
                info("paused at " + String.format("%,d", p.envSteps()) + " env steps; Step runs one agent step");
            } else if (state.get() == State.PAUSED && !session.control().isPaused()) {
                state.set(State.RUNNING);
            }
        }
        if (e.notice != null) {
            info(e.notice);
        }
        if (e.saved != null && saveAsked) {
            saveAsked = false;
            info("checkpoint saved: " + e.saved);
        }
        if (e.ended != null) {
            ended(e.ended);
        }
    }

    private void started(RunInfo info, List<Map<String, Double>> initialRows) {
        backend.set(info.backend());
        if (initialRows != null) {
            rows.setAll(initialRows);
        }
    }

    private void observed(Observation o, int count) {
        frame.set(FrameImages.toImage(o.frame()));
        observationsSeen.set(observationsSeen.get() + count);
        if (o.evaluation()) {
            watching.set(!o.episodeDone());
            frameCaption.set(String.format("evaluation, real time \u2014 step %d \u2014 return %.1f%s",
                    o.episodeStep(), o.episodeReturn(), o.episodeDone() ? " \u2014 done" : ""));
        } else {
            watching.set(false);
            frameCaption.set(String.format("training episode \u2014 step %d \u2014 return %.1f", o.episodeStep(),
                    o.episodeReturn()));
        }
    }

    private void evaluated(Evaluation ev) {
        ablation.runEvaluated();
        if (ev.rolloutPng() != null && !storedRollouts.contains(ev.rolloutPng())) {
            storedRollouts.add(ev.rolloutPng());
        }
        if (!rolloutsAtEvaluation.get()) {
            return;
        }
        RunConfig c = runConfig.get();
        boolean asTrained = c != null && rolloutSteps.get() == c.sequenceLength()
                && rolloutSource.get() == RolloutSource.REPLAY;
        if (asTrained && !ev.rolloutRows().isEmpty()) {
            rollouts.set(toSet(ev.rolloutRows(), String.format("replay sequence, %d steps, at evaluation (%,d env steps)",
                    c.sequenceLength(), ev.envSteps())));
            rolloutStatus.set("refreshed at the evaluation at " + String.format("%,d", ev.envSteps()) + " env steps");
        } else if (!asTrained && session != null) {
            refreshRollouts();
        }
    }

    /**
     * While the model pre-trains (no evaluations, so no rollouts for many minutes), redraws the rollouts when they
     * refresh automatically: at least 20 times over the pre-training and at least every {@link #PRETRAIN_ROLLOUTS_EVERY}
     * updates, so the class watches the posterior learn.
     */
    private void rolloutsWhilePretraining(Progress p) {
        if (p.phase() != Phase.PRETRAIN || !rolloutsAtEvaluation.get() || session == null) {
            return;
        }
        long mark = p.pretrainDone() / pretrainRolloutsEvery(p.pretrainTotal());
        if (mark > 0 && mark != lastPretrainRollouts) {
            lastPretrainRollouts = mark;
            refreshRollouts();
        }
    }

    static long pretrainRolloutsEvery(long pretrainTotal) {
        return Math.max(1, Math.min(PRETRAIN_ROLLOUTS_EVERY, pretrainTotal / 20));
    }

    private void showRollouts(RolloutView r) {
        if (r.problem() != null) {
            rolloutStatus.set("no rollouts: " + r.problem());
            return;
        }
        String source = r.request().source() == RolloutSource.REPLAY
                ? "replay sequence " + r.request().sequence() : "current episode";
        rollouts.set(toSet(r.rows(), String.format("%s, %d steps, at %,d env steps", source, r.request().steps(),
                r.envSteps())));
        Progress p = progress.get();
        rolloutStatus.set("drawn at " + String.format("%,d", r.envSteps()) + " env steps"
                + (p != null && p.phase() == Phase.PRETRAIN
                ? String.format(", after %,d pre-training updates", p.pretrainDone()) : ""));
    }

    private static RolloutSet toSet(List<List<byte[]>> rows, String caption) {
        List<List<Image>> images = new ArrayList<>();
        for (List<byte[]> row : rows) {
            List<Image> r = new ArrayList<>();
            for (byte[] f : row) {
                r.add(FrameImages.toImage(f));
            }
            images.add(r);
        }
        return new RolloutSet(Evaluation.ROW_LABELS, images, caption);
    }

    private void ended(Outcome o) {
        session = null;
        bridge = null;
        watching.set(false);
        boolean bad = o.status() == Outcome.Status.DIVERGED || o.status() == Outcome.Status.FAILED;
        Path dir = runDir.get();
        RunRecord r = null;
        if (dir != null) {
            try {
                r = RunRecord.open(dir);
            } catch (IllegalArgumentException ex) {
                r = null;
            }
        }
        openedRun.set(r);
        if (r != null) {
            storedRollouts.setAll(r.rolloutPngs());
        }
        state.set(r != null ? State.BROWSING : State.IDLE);
        notice.set(new Notice(o.message(), bad));
        ablation.runEnded(o);
    }

    private boolean canContinue() {
        RunRecord r = openedRun.get();
        return r != null && r.hasCheckpoint() && !r.finished();
    }

    /** The time stamp in the names of run and ablation folders made here: yyyyMMdd-HHmmss, local time. */
    static String folderStamp() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }

    void info(String text) {
        notice.set(new Notice(text, false));
    }

    void error(String text) {
        notice.set(new Notice(text, true));
    }
}
