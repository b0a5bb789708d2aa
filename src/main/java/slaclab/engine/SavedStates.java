package slaclab.engine;

import slaclab.environments.mujoco.UserMjcfTask;

import java.io.IOException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A checkpoint whose true states have another width than the task's state has now (its state layout changed: SLAC
 * Lab 0.2 gives each task its suite's observation). A state baseline cannot continue: refused in one line. An agent
 * that learns from pixels never reads the stored states: they are dropped, with a one-line notice, and the run goes
 * on without them.
 */
final class SavedStates {
    private static final String REPLAY = "the checkpoint's replay states have";
    /** Tasks whose state kept its width but changed its meaning (reacher: the target's position became to_target). */
    private static final Set<String> REORDERED = Set.of("reacher-easy");

    private SavedStates() {
    }

    /**
     * Whether the replay keeps the states it stored ({@code stored} values each; {@code earlierLayout}: written
     * before the suite observations); throws for a state-learning model whose states no longer fit, tells
     * {@code notice} when another model's are dropped.
     */
    static boolean keepReplayStates(String task, String model, boolean learnsFromStates, int stored,
                                    boolean earlierLayout, int now, Consumer<String> notice) throws IOException {
        if (stored == now && !(earlierLayout && REORDERED.contains(task))) {
            return true;
        }
        if (learnsFromStates) {
            throw mismatch(REPLAY, stored, task, now, null);
        }
        notice.accept(widths(REPLAY, stored, task, now) + ": " + model + " learns from pixels, so they are dropped and"
                + " the run goes on");
        return false;
    }

    /** The one-line refusal; {@code saved} -1 when the checkpoint does not tell the old width. */
    static IOException mismatch(String what, int saved, String task, int now, Throwable cause) {
        return new IOException(widths(what, saved, task, now) + ": start a new run", cause);
    }

    private static String widths(String what, int saved, String task, int now) {
        String why = UserMjcfTask.isUserModel(task) ? "its MJCF file changed; the state is its qpos then qvel"
                : "SLAC Lab 0.2 uses the suite's observation as the state, see MODELS.md \"State layouts\"";
        return what + " " + (saved > 0 ? saved + " values" : "another number of values") + ", " + task
                + "'s state now has " + now + (saved == now ? " in another order" : "") + " (" + why + ")";
    }
}
