package slaclab.ui;

import slaclab.engine.Evaluation;
import slaclab.engine.Observation;
import slaclab.engine.Outcome;
import slaclab.engine.Progress;
import slaclab.engine.RolloutView;
import slaclab.engine.RunInfo;
import slaclab.engine.RunRecord;
import slaclab.engine.TrainingListener;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engine's listener on the training thread. It only records what happened, under one lock and in O(1), and the
 * window takes everything at its own pace with {@link #drain()} on the FX thread: the training thread never waits
 * for the UI, and the UI never redraws more often than it polls.
 */
final class EngineBridge implements TrainingListener {
    /** Everything that happened since the last drain; "latest" fields keep only the newest value. */
    static final class Batch {
        RunInfo started;
        List<Map<String, Double>> initialRows;
        final List<Map<String, Double>> rows = new ArrayList<>();
        Progress progress;
        Observation observation;
        Evaluation evaluation;
        final List<RolloutView> rollouts = new ArrayList<>();
        Boolean paused;
        Progress pausedAt;
        Path saved;
        String notice;
        Outcome ended;
        int observations;

        boolean isEmpty() {
            return started == null && rows.isEmpty() && progress == null && observation == null && evaluation == null
                    && rollouts.isEmpty() && paused == null && saved == null && notice == null && ended == null;
        }
    }

    private Batch pending = new Batch();

    synchronized Batch drain() {
        Batch b = pending;
        pending = new Batch();
        return b;
    }

    @Override
    public void onTrainingStart(RunInfo info) {
        List<Map<String, Double>> rows = null;
        if (info.resumedAtEnvSteps() > 0) {
            try {
                rows = RunRecord.open(info.runDir()).rows();  // the rows kept up to the checkpoint
            } catch (IllegalArgumentException e) {
                rows = List.of();
            }
        }
        synchronized (this) {
            pending.started = info;
            pending.initialRows = rows;
            pending.rows.clear();
        }
    }

    @Override
    public synchronized boolean onStep(Progress progress) {
        pending.progress = progress;
        return true;
    }

    @Override
    public synchronized void onObservation(Observation observation) {
        pending.observation = observation;
        pending.observations++;
    }

    @Override
    public synchronized void onMetrics(Map<String, Double> row) {
        pending.rows.add(row);
    }

    @Override
    public synchronized void onEvaluation(Evaluation evaluation) {
        pending.evaluation = evaluation;
    }

    @Override
    public synchronized void onRollouts(RolloutView rollouts) {
        pending.rollouts.add(rollouts);
    }

    @Override
    public synchronized void onPauseChanged(boolean paused, Progress progress) {
        pending.paused = paused;
        pending.pausedAt = progress;
        pending.progress = progress;
    }

    @Override
    public synchronized void onSaved(Path checkpoint, long envSteps) {
        pending.saved = checkpoint;
    }

    @Override
    public synchronized void onNotice(String message) {
        pending.notice = message;
    }

    @Override
    public synchronized void onTrainingEnd(Outcome outcome) {
        pending.ended = outcome;
    }
}
