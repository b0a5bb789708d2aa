package slaclab.ui;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

/** Runs an action on the FX thread at most once per interval, however often it is requested (a redraw). */
final class Throttle {
    private final Duration interval;
    private final Runnable action;
    private final PauseTransition timer;
    private long lastRun;
    private boolean scheduled;

    Throttle(Duration interval, Runnable action) {
        this.interval = interval;
        this.action = action;
        this.timer = new PauseTransition();
        timer.setOnFinished(e -> fire());
    }

    void request() {
        if (scheduled) {
            return;
        }
        long waitMs = (long) interval.toMillis() - (System.currentTimeMillis() - lastRun);
        if (waitMs <= 0) {
            fire();
        } else {
            scheduled = true;
            timer.setDuration(Duration.millis(waitMs));
            timer.playFromStart();
        }
    }

    private void fire() {
        scheduled = false;
        lastRun = System.currentTimeMillis();
        action.run();
    }
}
