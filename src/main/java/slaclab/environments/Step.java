package slaclab.environments;

/**
 * Outcome of one control step.
 *
 * @param reward     reward of this control step
 * @param terminated the episode ended in a terminal state (a Gym failure, a diverged simulation): no bootstrap
 * @param truncated  the episode hit its time limit: bootstrap as usual
 */
public record Step(double reward, boolean terminated, boolean truncated) {
    public boolean done() {
        return terminated || truncated;
    }
}
