package slaclab.engine;

/**
 * How a run ended.
 *
 * @param status   FINISHED, STOPPED (asked to stop; saved) or DIVERGED (a loss became NaN; the last good state is saved)
 * @param envSteps environment steps reached
 * @param message  a sentence for the user
 */
public record Outcome(Status status, long envSteps, String message) {
    public enum Status { FINISHED, STOPPED, DIVERGED }
}
