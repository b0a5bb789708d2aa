package slaclab.engine;

/**
 * How a run ended.
 *
 * @param status   FINISHED, STOPPED (asked to stop; saved), DIVERGED (a loss became NaN; the last good state is saved)
 *                 or FAILED (an error such as an unreadable file ended it; the message names it)
 * @param envSteps environment steps reached
 * @param message  a sentence for the user
 */
public record Outcome(Status status, long envSteps, String message) {
    public enum Status { FINISHED, STOPPED, DIVERGED, FAILED }
}
