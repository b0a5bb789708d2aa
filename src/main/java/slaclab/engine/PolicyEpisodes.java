package slaclab.engine;

import slaclab.agent.ActorInput;
import slaclab.agent.Agent;
import slaclab.environments.Environment;
import slaclab.environments.Step;

import java.io.IOException;

/**
 * Evaluation episodes of an agent's policy, as training evaluates it (Appendix C): the stochastic policy acts from
 * its history of frames and actions (or the true state, for sac-state), each action repeated {@code actionRepeat}
 * times. Used by {@link Trainer}'s evaluations and by {@link PolicyEvaluation}.
 */
final class PolicyEpisodes {
    /** Called before each agent step; the trainer serves its requests there (and may unwind to stop). */
    interface BeforeStep {
        void run() throws IOException;
    }

    private final Agent agent;
    private final int historyFrames;
    private final int actionDim;
    private final int actionRepeat;
    private final boolean greedy;

    /** Episodes of the stochastic policy, as training evaluates (Appendix C). */
    PolicyEpisodes(Agent agent, int historyFrames, int actionDim, int actionRepeat) {
        this(agent, historyFrames, actionDim, actionRepeat, false);
    }

    /**
     * @param greedy act with the mean action tanh(mu) instead of a sample, as published state-SAC implementations
     *               evaluate (the paper evaluates with the stochastic policy)
     */
    PolicyEpisodes(Agent agent, int historyFrames, int actionDim, int actionRepeat, boolean greedy) {
        this.agent = agent;
        this.historyFrames = historyFrames;
        this.actionDim = actionDim;
        this.actionRepeat = actionRepeat;
        this.greedy = greedy;
    }

    /** Resets {@code env}, runs one episode to its end and returns its return. */
    double run(Environment env, BeforeStep beforeStep) throws IOException {
        ActorHistory h = new ActorHistory(historyFrames, actionDim, Environment.IMAGE_SIZE);
        byte[] f = new byte[Environment.IMAGE_SIZE * Environment.IMAGE_SIZE * 3];
        double[] cmd = new double[actionDim];
        env.reset();
        env.render(f);
        h.reset(f, env.state());
        double ret = 0;
        boolean done = false;
        while (!done) {
            beforeStep.run();
            float[] act = agent.act(input(agent, h), greedy);
            for (int i = 0; i < actionDim; i++) {
                cmd[i] = act[i];
            }
            for (int k = 0; k < actionRepeat && !done; k++) {
                Step s = env.step(cmd);
                ret += s.reward();
                done = s.done();
            }
            env.render(f);
            h.push(act, f, env.state());
        }
        return ret;
    }

    /** What {@code agent} reads from a history: frames only if it learns from pixels. */
    static ActorInput input(Agent agent, ActorHistory h) {
        return new ActorInput(agent.input() == Agent.Input.PIXELS ? h.frameArray() : null, h.actions(), h.state());
    }
}
