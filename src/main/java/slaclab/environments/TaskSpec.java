package slaclab.environments;

/**
 * What a task is, independent of any instance of it.
 *
 * @param name               command-line name, e.g. "cartpole-swingup"
 * @param source             where its physics comes from: "pure Java" or "MuJoCo"
 * @param actionDim          number of action components, each in [-1, 1]
 * @param defaultActionRepeat the paper's action repeat for this task
 * @param episodeSteps       control steps in one episode (before action repeat)
 * @param controlDt          seconds of simulated time per control step
 * @param stateDim           length of {@link Environment#state()}
 */
public record TaskSpec(String name, String source, int actionDim, int defaultActionRepeat,
                       int episodeSteps, double controlDt, int stateDim) {
}
