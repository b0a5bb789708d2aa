package slaclab.engine;

/**
 * Observes a run from the training thread (shaped like Stable-Baselines3 callbacks). Implementations must return
 * quickly and must not touch UI toolkits directly: copy what they need and hand it to their own thread.
 */
public interface TrainingListener {
    default void onTrainingStart(RunInfo info) {
    }

    /** Called after every agent step and every pre-training update; return false to stop the run (it is saved). */
    default boolean onStep(Progress progress) {
        return true;
    }

    default void onEpisodeEnd(long envSteps, double episodeReturn) {
    }

    default void onEvaluation(Evaluation evaluation) {
    }

    default void onTrainingEnd(Outcome outcome) {
    }

    /** After every agent step of training, and every step of a watched evaluation episode. */
    default void onObservation(Observation observation) {
    }

    /** Each row the run appends to metrics.csv (column name to value; absent cells are left out). */
    default void onMetrics(java.util.Map<String, Double> row) {
    }

    /** The loop started (true) or stopped (false) holding at a pause; {@code progress} is where it holds. */
    default void onPauseChanged(boolean paused, Progress progress) {
    }

    /** The answer to a {@link RunControl.RolloutRequest} or the rollouts made at an evaluation. */
    default void onRollouts(RolloutView rollouts) {
    }

    /** A checkpoint was written. */
    default void onSaved(java.nio.file.Path checkpoint, long envSteps) {
    }

    /** Something the user should know about the run, in one line (e.g. it resumed from the previous checkpoint). */
    default void onNotice(String message) {
    }

    TrainingListener NONE = new TrainingListener() {
    };
}
