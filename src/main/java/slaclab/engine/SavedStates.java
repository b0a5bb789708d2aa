package slaclab.engine;

import java.io.IOException;

/**
 * Refuses, in one line, a checkpoint whose true states have another width than the task's state has now: the
 * replay buffer's stored states, or the input of saved sac-state networks. The task's state layout changed (SLAC Lab
 * 0.2 gives each task its suite's observation), so the run cannot be continued.
 */
final class SavedStates {
    private SavedStates() {
    }

    /** Throws unless the replay's stored state width (0: it stores none) fits the task's. */
    static void checkReplay(String task, int stored, int now) throws IOException {
        if (stored != 0 && stored != now) {
            throw mismatch("the checkpoint's replay states have", stored, task, now, null);
        }
    }

    /** The one-line refusal; {@code saved} -1 when the checkpoint does not tell the old width. */
    static IOException mismatch(String what, int saved, String task, int now, Throwable cause) {
        return new IOException(what + " " + (saved > 0 ? saved + " values" : "another number of values") + ", "
                + task + "'s state now has " + now + " (SLAC Lab 0.2 uses the suite's observation as the state, see"
                + " MODELS.md \"State layouts\"): start a new run", cause);
    }
}
