package slaclab.engine;

/**
 * What the agent sees after one agent step: its 64x64 observation and where it is in its episode.
 *
 * @param frame         64x64x3 RGB, row-major height-width-channel, one unsigned byte per channel (a copy)
 * @param envSteps      training environment steps so far
 * @param episodeStep   agent steps into this episode
 * @param episodeReturn reward summed over this episode so far
 * @param evaluation    true for a watched evaluation episode, false for the training episode
 * @param episodeDone   true on the episode's last frame
 */
public record Observation(byte[] frame, long envSteps, long episodeStep, double episodeReturn, boolean evaluation,
                          boolean episodeDone) {
}
