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

    TrainingListener NONE = new TrainingListener() {
    };
}
