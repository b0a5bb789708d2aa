package slaclab.engine;

import slaclab.agent.Agent;
import slaclab.environments.Environment;
import slaclab.environments.Step;
import slaclab.environments.TaskSpec;
import slaclab.environments.Tasks;
import slaclab.models.nn.Backend;
import slaclab.replay.SequenceBatch;
import slaclab.replay.SequenceReplay;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One stage of a lesson, loaded to act: plays evaluation episodes of its policy (as training evaluates, frame by
 * frame for the lab to show) and draws rollouts of its latent model on sequences of the episodes it played. Not
 * thread-safe: one thread (the lab's worker) uses it.
 */
public final class LessonPlayer implements AutoCloseable {
    /** Receives each observation of an episode and the action that led to it (null at the start); false stops it. */
    public interface FrameSink {
        boolean frame(byte[] frame, float[] action, long agentStep, double episodeReturn, boolean done);
    }

    private final Lesson lesson;
    private final Lesson.Stage stage;
    private final RunConfig config;
    private final Environment env;
    private final Agent agent;
    private final SequenceReplay played;
    private final int actionDim;
    private long rolloutsDrawn;

    private LessonPlayer(Lesson lesson, Lesson.Stage stage, RunConfig config, Environment env, Agent agent) {
        this.lesson = lesson;
        this.stage = stage;
        this.config = config;
        this.env = env;
        this.agent = agent;
        TaskSpec spec = Tasks.spec(config.task());
        this.actionDim = spec.actionDim();
        int agentSteps = (spec.episodeSteps() + config.actionRepeat() - 1) / config.actionRepeat();
        this.played = new SequenceReplay(agentSteps + 1, actionDim, Environment.IMAGE_SIZE, env.state().length);
    }

    /**
     * Loads {@code stage}'s agent; {@code seed} seeds the environment and the policy's noise.
     *
     * @throws IOException naming the stage's file when it is damaged
     */
    public static LessonPlayer open(Lesson lesson, Lesson.Stage stage, long seed) throws IOException {
        Backend.selectNativeBuild();
        RunConfig config = lesson.config().withSeed(seed);
        Environment env = Tasks.create(config.task(), seed);
        Agent agent = null;
        try {
            agent = Trainer.createAgent(config, Tasks.spec(config.task()).actionDim(), env.state().length);
            lesson.loadAgent(stage, agent);
            return new LessonPlayer(lesson, stage, config, env, agent);
        } catch (IOException | RuntimeException e) {
            if (agent != null) {
                agent.close();
            }
            env.close();
            throw e;
        }
    }

    public Lesson lesson() {
        return lesson;
    }

    public Lesson.Stage stage() {
        return stage;
    }

    /** Plays one evaluation episode (the stochastic policy, as the run's evaluations); returns its return. */
    public double episode(FrameSink sink) throws IOException {
        ActorHistory h = new ActorHistory(config.sequenceLength(), actionDim, Environment.IMAGE_SIZE);
        byte[] f = new byte[Environment.IMAGE_SIZE * Environment.IMAGE_SIZE * 3];
        double[] cmd = new double[actionDim];
        env.reset();
        env.render(f);
        h.reset(f, env.state());
        played.startEpisode(f, env.state());
        double ret = 0;
        boolean done = false;
        if (!sink.frame(f.clone(), null, 0, 0, false)) {
            return ret;
        }
        for (long k = 1; !done; k++) {
            float[] act = agent.act(PolicyEpisodes.input(agent, h), false);
            for (int i = 0; i < actionDim; i++) {
                cmd[i] = act[i];
            }
            double reward = 0;
            Step last = null;
            for (int j = 0; j < config.actionRepeat() && !done; j++) {
                last = env.step(cmd);
                reward += last.reward();
                done = last.done();
            }
            ret += reward;
            env.render(f);
            h.push(act, f, env.state());
            played.add(act, (float) reward, last.terminated(), f, env.state());
            if (!sink.frame(f.clone(), act, k, ret, done)) {
                break;
            }
        }
        return ret;
    }

    /**
     * Truth, posterior, prior and conditional-prior rows for a sequence of {@code steps} steps from the episodes
     * played so far (each call takes another); empty when they hold no such sequence yet.
     */
    public List<List<byte[]>> rollouts(int steps) {
        if (!agent.hasModel() || !played.canSample(steps)) {
            return List.of();
        }
        SequenceBatch sequence = new SequenceBatch(1, steps, actionDim, Environment.IMAGE_SIZE);
        played.sample(1, steps, new SplittableRandom(config.seed() * 7919 + rolloutsDrawn++), sequence);
        return RolloutRows.of(agent, sequence);
    }

    @Override
    public void close() {
        agent.close();
        env.close();
    }
}
