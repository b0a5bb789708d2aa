package slaclab.agent;

import java.io.IOException;

/**
 * A saved state baseline was built for states of another width than the task's state has now (the task's state
 * layout changed since: MODELS.md "State layouts"). Its networks cannot be continued.
 */
public final class StateWidthException extends IOException {
    private final int saved;
    private final int now;

    /** @param saved the saved networks' state width, or -1 when the checkpoint does not tell */
    public StateWidthException(int saved, int now, Throwable cause) {
        super("the checkpoint's sac-state networks read states of " + (saved > 0 ? saved + " values" : "another width")
                + ", the task's state has " + now, cause);
        this.saved = saved;
        this.now = now;
    }

    /** The saved networks' state width, or -1 when unknown. */
    public int saved() {
        return saved;
    }

    public int now() {
        return now;
    }
}
