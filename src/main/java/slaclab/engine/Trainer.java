package slaclab.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import slaclab.agent.ActorInput;
import slaclab.agent.Agent;
import slaclab.agent.AgentConfig;
import slaclab.agent.Baselines;
import slaclab.agent.SacLosses;
import slaclab.agent.SlacAgent;
import slaclab.agent.StateWidthException;
import slaclab.engine.io.AtomicFiles;
import slaclab.engine.io.MetricsCsv;
import slaclab.engine.io.Plots;
import slaclab.engine.io.RolloutGrid;
import slaclab.engine.io.RunLock;
import slaclab.environments.Environment;
import slaclab.environments.Step;
import slaclab.environments.Tasks;
import slaclab.models.LatentLosses;
import slaclab.models.LatentModels;
import slaclab.models.ModelConfig;
import slaclab.models.NonFiniteLossException;
import slaclab.models.Rollouts;
import slaclab.models.SequenceData;
import slaclab.models.nn.Backend;
import slaclab.replay.SequenceBatch;
import slaclab.replay.SequenceReplay;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The SLAC training loop (Section 5 algorithm; Appendix C): random collection, latent-model pre-training, then per
 * {@code updateEvery} agent steps one model update (Eq. 9) and one actor-critic update (Eq. 10-11); evaluation,
 * figures and an atomic checkpoint every {@code evalEvery} environment steps. Runs on the calling thread.
 * <p>
 * The preset's {@code model} chooses the {@link Agent}: SLAC on a latent-model variant ({@link LatentModels}), or a
 * SAC baseline ({@link Baselines}), which has no model: no pre-training, no model updates, no rollouts.
 */
public final class Trainer {
    /** Encoder features per frame (Appendix B). */
    private static final int FEATURES = 256;
    private static final int PRETRAIN_ROW_EVERY = 100;
    /** Longest rollout a user can ask for. */
    public static final int MAX_ROLLOUT_STEPS = 50;

    private final RunConfig c;
    private final RunFolder folder;
    private final CheckpointFiles checkpoints;
    private final boolean resume;
    private final TrainingListener listener;
    private final RunControl control;

    // Counters, saved in checkpoints.
    private long envSteps;
    private long agentSteps;
    private long modelUpdates;
    private long sacUpdates;
    private long episodes;
    private long pretrainDone;
    private boolean pretrained;
    private long nextEvalAt;
    private double elapsedBefore;
    private double lastEvalReturn = Double.NaN;
    private long savedAtEnvSteps = -1;

    /** How old the last checkpoint may grow between evaluations before the loop writes a new one. */
    static final Duration SAVE_EVERY = Duration.ofMinutes(15);
    private final long saveEveryNanos;
    private long lastSavedNanos = System.nanoTime();
    private final Metrics metrics = new Metrics();
    private double secondsPerUpdate = Double.NaN;
    private long startNanos;

    public Trainer(RunConfig config, Path runDir, boolean resume, TrainingListener listener) {
        this(config, runDir, resume, listener, new RunControl());
    }

    /** A trainer commanded through {@code control} (pause, single step, rollouts, watching, saving). */
    public Trainer(RunConfig config, Path runDir, boolean resume, TrainingListener listener, RunControl control) {
        this(config, runDir, resume, listener, control, SAVE_EVERY);
    }

    /** ... that also checkpoints whenever its last checkpoint is {@code saveEvery} old (besides each evaluation). */
    Trainer(RunConfig config, Path runDir, boolean resume, TrainingListener listener, RunControl control,
            Duration saveEvery) {
        this.saveEveryNanos = saveEvery.toNanos();
        config.validate();
        this.c = config;
        this.folder = new RunFolder(runDir);
        this.checkpoints = new CheckpointFiles(folder);
        this.resume = resume;
        this.listener = listener == null ? TrainingListener.NONE : listener;
        this.control = control;
    }

    public RunFolder folder() {
        return folder;
    }

    /** Asks the loop to stop after the current step; it saves a checkpoint first. Safe from any thread. */
    public void requestStop() {
        control.requestStop();
    }

    public RunControl control() {
        return control;
    }

    public Outcome run() throws IOException {
        c.checkFitsIn(Runtime.getRuntime().maxMemory());
        Files.createDirectories(folder.dir());
        try (RunLock lock = RunLock.acquire(folder.dir())) {
            return runLocked();
        }
    }

    private Outcome runLocked() throws IOException {
        prepareFolder();
        Backend.selectNativeBuild();
        int a = Tasks.spec(c.task()).actionDim();
        try (Environment env = Tasks.create(c.task(), c.seed());
             Environment evalEnv = Tasks.create(c.task(), c.seed() + 1_000_003L);
             Agent agent = createAgent(a, env.state().length)) {
            SequenceReplay replay;
            nextEvalAt = c.evalEvery();
            if (resume) {
                replay = loadCheckpoint(agent, env.state().length);
                MetricsCsv.truncateAfter(folder.metrics(), "env_steps", envSteps);
            } else {
                replay = new SequenceReplay(c.replayCapacity(), a, Environment.IMAGE_SIZE, env.state().length);
                AtomicFiles.writeString(folder.config(), Presets.toJson(c));
            }
            try (MetricsCsv csv = new MetricsCsv(folder.metrics(), Metrics.COLUMNS)) {
                Loop loop = new Loop(env, evalEnv, agent, replay, csv, a);
                listener.onTrainingStart(new RunInfo(c, folder.dir(), Backend.describe(),
                        agent.parameterCount(), envSteps));
                Outcome outcome = loop.run();
                listener.onTrainingEnd(outcome);
                return outcome;
            }
        }
    }

    /** The agent the preset's model names; a latent model comes from {@link LatentModels#create}. */
    private Agent createAgent(int actionDim, int stateDim) {
        return createAgent(c, actionDim, stateDim);
    }

    /** The agent {@code config}'s model names, its initial weights and policy noise seeded with its seed. */
    static Agent createAgent(RunConfig config, int actionDim, int stateDim) {
        AgentConfig agentConfig = new AgentConfig(actionDim, config.sequenceLength(), config.discount(),
                config.targetTau(), config.agentLearningRate(), config.initialLogAlpha(), config.hiddenUnits(),
                config.seed(), config.agentActivation(), config.agentLogStd(), config.targetUpdateEvery(),
                config.agentWeightInit());
        if (config.baseline()) {
            return Baselines.create(config.model(), agentConfig, FEATURES, stateDim);
        }
        return new SlacAgent(LatentModels.create(config.model(), new ModelConfig(actionDim, config.sequenceLength(),
                config.z1Dim(), config.z2Dim(), FEATURES, config.decoderVariance(), config.modelLearningRate(),
                config.seed())), agentConfig);
    }

    /** Pre-training updates of this run: none for an agent without a latent model. */
    private long pretrainTotal(Agent agent) {
        return agent.hasModel() ? c.pretrainUpdates() : 0;
    }

    private void prepareFolder() throws IOException {
        Files.createDirectories(folder.dir());
        if (resume) {
            if (!CheckpointFiles.exists(folder)) {
                throw new IllegalArgumentException("nothing to resume in " + folder.dir() + ": it has no checkpoint.bin"
                        + " (a run writes its first checkpoint at its first evaluation)");
            }
            AtomicFiles.deleteLeftovers(folder.checkpoint());  // of a save that was killed
        } else if (CheckpointFiles.exists(folder) || Files.exists(folder.metrics())) {
            throw new IllegalArgumentException("run folder " + folder.dir() + " already holds a run;"
                    + " pass --resume to continue it, or choose another --out");
        }
        Files.createDirectories(folder.rolloutsDir());
    }

    /** Unwinds the loop to save and stop: a stop was requested, or a listener returned false. */
    private static final class StopSignal extends RuntimeException {
        StopSignal() {
            super(null, null, false, false);
        }
    }

    /** The loop and the objects it works on. */
    private final class Loop implements RunControl.Server {
        private final Environment env;
        private final Environment evalEnv;
        private final Agent agent;
        private final SequenceReplay replay;
        private final MetricsCsv csv;
        private final int actionDim;
        private final SplittableRandom rng;
        private final SequenceBatch batch;
        private final SequenceBatch rolloutBatch;
        private final ActorHistory history;
        private final byte[] frame = new byte[Environment.IMAGE_SIZE * Environment.IMAGE_SIZE * 3];
        private final double[] command;
        private double episodeReturn;
        private long lastEvaluatedAt = -1;
        private Phase phase = Phase.COLLECT;
        private Environment watchEnv;

        Loop(Environment env, Environment evalEnv, Agent agent, SequenceReplay replay, MetricsCsv csv, int a) {
            this.env = env;
            this.evalEnv = evalEnv;
            this.agent = agent;
            this.replay = replay;
            this.csv = csv;
            this.actionDim = a;
            this.rng = new SplittableRandom(c.seed() * 7919 + agentSteps);
            boolean pixels = agent.input() == Agent.Input.PIXELS;
            if (!pixels && replay.stateDim() == 0) {
                throw new IllegalStateException("this run's replay buffer holds no states; " + c.model()
                        + " learns from them");
            }
            this.batch = agent.hasModel()
                    ? new SequenceBatch(Math.max(c.modelBatch(), c.sacBatch()), c.sequenceLength(), a,
                            Environment.IMAGE_SIZE)
                    : new SequenceBatch(c.sacBatch(), agent.sequenceLength(), a, Environment.IMAGE_SIZE,
                            pixels ? 0 : replay.stateDim(), pixels);
            this.rolloutBatch = new SequenceBatch(1, c.sequenceLength(), a, Environment.IMAGE_SIZE);
            this.history = new ActorHistory(c.sequenceLength(), a, Environment.IMAGE_SIZE);
            this.command = new double[a];
        }

        Outcome run() throws IOException {
            startNanos = System.nanoTime();
            boolean finishedBefore = resume && envSteps >= c.envSteps();
            if (finishedBefore) {
                lastEvaluatedAt = envSteps;  // its last checkpoint followed its final evaluation
                phase = Phase.DONE;
            }
            startEpisode();
            try {
                while (envSteps < c.envSteps()) {
                    turn();
                    step();
                    if (!pretrained && agentSteps >= c.initialCollectSteps()
                            && replay.canSample(agent.sequenceLength())) {
                        if (!pretrain()) {
                            return stop();
                        }
                    }
                    if (pretrained && agentSteps % c.updateEvery() == 0 && refilled()) {
                        phase = Phase.TRAIN;
                        update();
                    }
                    if (envSteps >= nextEvalAt) {
                        evaluate();
                        while (nextEvalAt <= envSteps) {
                            nextEvalAt += c.evalEvery();
                        }
                        saveStage(agent);
                        saveCheckpoint(agent, replay);
                    }
                    if (!listener.onStep(progress())) {
                        return stop();
                    }
                }
                // A run opened after it finished serves requests (rollouts, watching) until it is let go.
                control.awaitTurn(this);
                if (lastEvaluatedAt != envSteps) {
                    evaluate();
                    saveStage(agent);
                }
                if (!finishedBefore && savedAtEnvSteps != envSteps) {  // (the final evaluation's save counts)
                    saveCheckpoint(agent, replay);
                }
                phase = Phase.DONE;
                return new Outcome(Outcome.Status.FINISHED, envSteps, "finished " + envSteps + " environment steps; "
                        + "final evaluation return " + fmt(lastEvalReturn) + "; run folder " + folder.dir());
            } catch (StopSignal e) {
                return stop();
            } catch (NonFiniteLossException e) {
                return new Outcome(Outcome.Status.DIVERGED, envSteps, "training diverged at environment step " + envSteps
                        + ": " + e.getMessage() + ". The run folder keeps its last checkpoint; lower modelLearningRate"
                        + " or agentLearningRate in " + folder.config() + " and continue with --resume, or start again"
                        + " with another --seed.");
            } finally {
                if (watchEnv != null) {
                    watchEnv.close();
                }
            }
        }

        /**
         * Whether the replay holds enough to learn from: the random collection's worth of transitions. After a
         * normal collection it always does; a run continued from a lesson's stage starts with an empty replay, which
         * its policy refills first (the phase shows as collection).
         */
        private boolean refilled() {
            boolean enough = replay.size() >= Math.min(c.initialCollectSteps(), c.replayCapacity())
                    && replay.canSample(Math.max(c.sequenceLength(), agent.sequenceLength()));
            if (!enough) {
                phase = Phase.COLLECT;
            }
            return enough;
        }

        /**
         * A safe point: serve requests, hold while paused; unwinds with StopSignal when asked to stop. A checkpoint
         * older than {@link #saveEveryNanos} is renewed here, so a kill (or the kernel's out-of-memory killer) loses
         * at most that much work, pre-training included.
         */
        private void turn() throws IOException {
            if (!control.awaitTurn(this)) {
                throw new StopSignal();
            }
            if (System.nanoTime() - lastSavedNanos >= saveEveryNanos) {
                saveCheckpoint(agent, replay);
            }
        }

        @Override
        public void serve(RunControl.Request request) throws IOException {
            if (request instanceof RunControl.RolloutRequest r) {
                listener.onRollouts(requestedRollouts(r));
            } else if (request instanceof RunControl.WatchRequest) {
                watchEpisode();
            } else if (request instanceof RunControl.SaveRequest) {
                saveCheckpoint(agent, replay);
            }
        }

        @Override
        public void holding(boolean holding) {
            listener.onPauseChanged(holding, progress());
        }

        private Outcome stop() throws IOException {
            saveCheckpoint(agent, replay);
            return new Outcome(Outcome.Status.STOPPED, envSteps, "stopped at environment step " + envSteps
                    + " and saved; continue with: train --resume --out " + folder.dir());
        }

        private void startEpisode() {
            env.reset();
            env.render(frame);
            double[] state = env.state();
            replay.startEpisode(frame, state);
            history.reset(frame, state);
            episodeReturn = 0;
            listener.onObservation(new Observation(frame.clone(), envSteps, 0, 0, false, false));
        }

        /** One agent step: choose, repeat the action, store the transition. */
        private void step() throws IOException {
            float[] action;
            if (agentSteps < c.initialCollectSteps()) {
                phase = Phase.COLLECT;
                action = new float[actionDim];
                for (int i = 0; i < actionDim; i++) {
                    action[i] = (float) (rng.nextDouble() * 2 - 1);
                }
            } else {
                action = agent.act(input(history), false);
            }
            for (int i = 0; i < actionDim; i++) {
                command[i] = action[i];
            }
            double reward = 0;
            Step last = null;
            for (int k = 0; k < c.actionRepeat(); k++) {
                last = env.step(command);
                reward += last.reward();
                envSteps++;
                if (last.done()) {
                    break;
                }
            }
            env.render(frame);
            double[] state = env.state();
            replay.add(action, (float) reward, last.terminated(), frame, state);
            history.push(action, frame, state);
            episodeReturn += reward;
            agentSteps++;
            listener.onObservation(new Observation(frame.clone(), envSteps, replay.episodeStep(), episodeReturn, false,
                    last.done()));
            if (last.done()) {
                episodes++;
                listener.onEpisodeEnd(envSteps, episodeReturn);
                Map<String, Double> row = row();
                row.put("train_return", episodeReturn);
                append(row);
                startEpisode();
            }
        }

        /** Latent-model pre-training on the random data (slac-details.md: 100k updates in the paper's configuration). */
        private boolean pretrain() throws IOException {
            phase = Phase.PRETRAIN;
            while (pretrainDone < pretrainTotal(agent)) {
                turn();
                replay.sample(c.modelBatch(), c.sequenceLength(), rng, batch);
                long t0 = System.nanoTime();
                record(agent.updateModel(data(batch, c.modelBatch())));
                timeUpdate(t0);
                modelUpdates++;
                pretrainDone++;
                if (pretrainDone % PRETRAIN_ROW_EVERY == 0) {
                    append(row());
                }
                if (!listener.onStep(progress())) {
                    return false;
                }
            }
            pretrained = true;
            return true;
        }

        /**
         * One model update on modelBatch sequences and one actor-critic update on sacBatch sequences; an agent without
         * a model only takes the actor-critic update. The actor-critic's sequences may end at any episode step: those
         * ending in the first L-1 steps are padded as acting pads the actor's history (SequenceReplay#samplePadded),
         * so it trains on what the actor meets there. The model's stay unpadded: it learns only real dynamics.
         */
        private void update() {
            SacLosses s;
            long t0;
            if (agent.hasModel()) {
                replay.sample(c.modelBatch(), c.sequenceLength(), rng, batch);
                t0 = System.nanoTime();
                record(agent.updateModel(data(batch, c.modelBatch())));
                modelUpdates++;
                replay.samplePadded(c.sacBatch(), c.sequenceLength(), rng, batch);
                s = agent.updateActorCritic(data(batch, c.sacBatch()), null);
            } else {
                replay.samplePadded(c.sacBatch(), agent.sequenceLength(), rng, batch);
                t0 = System.nanoTime();
                s = agent.updateActorCritic(data(batch, c.sacBatch()), states(batch, c.sacBatch()));
            }
            timeUpdate(t0);
            metrics.add("critic_loss", s.critic());
            metrics.add("actor_loss", s.actor());
            metrics.add("alpha_loss", s.alphaLoss());
            metrics.add("alpha", s.alpha());
            metrics.add("entropy", s.entropy());
            metrics.add("q", s.q());
            sacUpdates++;
        }

        private void record(LatentLosses l) {
            metrics.add("kl", l.kl());
            metrics.add("nll_image", l.imageNll());
            metrics.add("nll_reward", l.rewardNll());
        }

        private void timeUpdate(long t0) {
            double s = (System.nanoTime() - t0) / 1e9;
            secondsPerUpdate = Double.isNaN(secondsPerUpdate) ? s : 0.9 * secondsPerUpdate + 0.1 * s;
        }

        /** Evaluation episodes with the stochastic policy (Appendix C), the rollout figure and the return curve. */
        private void evaluate() throws IOException {
            Phase before = phase;
            phase = Phase.EVALUATE;
            listener.onStep(progress());
            List<Double> returns = new ArrayList<>();
            PolicyEpisodes policy = new PolicyEpisodes(agent, c.sequenceLength(), actionDim, c.actionRepeat());
            for (int e = 0; e < c.evalEpisodes(); e++) {
                returns.add(policy.run(evalEnv, this::turn));
            }
            double mean = returns.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            lastEvalReturn = mean;
            lastEvaluatedAt = envSteps;
            Map<String, Double> row = row();
            row.put("eval_return", mean);
            append(row);
            writeReturnCurve();
            List<List<byte[]>> rows = List.of();
            Path png = null;
            if (agent.hasModel() && replay.canSample(c.sequenceLength())) {
                rows = rollouts();
                png = folder.rolloutPng(envSteps);
                RolloutGrid.write(png, Evaluation.ROW_LABELS, rows, Environment.IMAGE_SIZE, 3);
                Files.copy(png, folder.latestRolloutPng(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            listener.onEvaluation(new Evaluation(envSteps, List.copyOf(returns), mean, rows, png));
            phase = before;
        }

        /** Truth, posterior, prior and conditional-prior frames of one replayed sequence. */
        private List<List<byte[]>> rollouts() {
            replay.sample(1, c.sequenceLength(), rng, rolloutBatch);
            return rolloutRows(rolloutBatch);
        }

        private List<List<byte[]>> rolloutRows(SequenceBatch sequence) {
            return RolloutRows.of(agent, sequence);
        }

        /** Rollouts asked for by the user: any length, from the replay buffer or the current episode. */
        private RolloutView requestedRollouts(RunControl.RolloutRequest r) {
            int steps = r.steps();
            if (steps < 1 || steps > MAX_ROLLOUT_STEPS) {
                return new RolloutView(envSteps, r, List.of(), "rollout length " + steps + " is not in 1.."
                        + MAX_ROLLOUT_STEPS + " steps");
            }
            if (!agent.hasModel()) {
                return new RolloutView(envSteps, r, List.of(), c.model() + " has no latent model: there is nothing to"
                        + " roll out");
            }
            SequenceBatch sequence = new SequenceBatch(1, steps, actionDim, Environment.IMAGE_SIZE);
            if (r.source() == RunControl.RolloutSource.CURRENT_EPISODE) {
                if (!replay.latest(sequence)) {
                    return new RolloutView(envSteps, r, List.of(), "the current episode has " + replay.episodeStep()
                            + " steps so far; a rollout of " + steps + " steps needs " + steps
                            + ". Wait, or take a replay sequence");
                }
            } else if (replay.canSample(steps)) {
                replay.sample(1, steps, new SplittableRandom(r.sequence()), sequence);
            } else {
                return new RolloutView(envSteps, r, List.of(), "the replay buffer holds no complete sequence of "
                        + steps + " steps yet; choose a shorter length or let it collect more");
            }
            return new RolloutView(envSteps, r, rolloutRows(sequence), null);
        }

        /** One evaluation episode at real-time speed (action repeat x control time step per agent step). */
        private void watchEpisode() {
            if (watchEnv == null) {
                watchEnv = Tasks.create(c.task(), c.seed() + 2_000_003L);
            }
            double secondsPerAgentStep = c.actionRepeat() * Tasks.spec(c.task()).controlDt();
            ActorHistory h = new ActorHistory(c.sequenceLength(), actionDim, Environment.IMAGE_SIZE);
            byte[] f = new byte[frame.length];
            double[] cmd = new double[actionDim];
            watchEnv.reset();
            watchEnv.render(f);
            h.reset(f, watchEnv.state());
            listener.onObservation(new Observation(f.clone(), envSteps, 0, 0, true, false));
            long start = System.nanoTime();
            double ret = 0;
            boolean done = false;
            for (long k = 1; !done && !control.stopRequested(); k++) {
                float[] act = agent.act(input(h), false);
                for (int i = 0; i < actionDim; i++) {
                    cmd[i] = act[i];
                }
                for (int j = 0; j < c.actionRepeat() && !done; j++) {
                    Step s = watchEnv.step(cmd);
                    ret += s.reward();
                    done = s.done();
                }
                watchEnv.render(f);
                h.push(act, f, watchEnv.state());
                listener.onObservation(new Observation(f.clone(), envSteps, k, ret, true, done));
                long due = start + (long) (k * secondsPerAgentStep * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }

        /** What the agent reads from a history: frames only if it learns from pixels. */
        private ActorInput input(ActorHistory h) {
            return PolicyEpisodes.input(agent, h);
        }

        private void append(Map<String, Double> row) throws IOException {
            csv.append(row);
            listener.onMetrics(Map.copyOf(row));
        }

        private Map<String, Double> row() {
            Map<String, Double> row = new LinkedHashMap<>(metrics.drainMeans());
            row.put("env_steps", (double) envSteps);
            row.put("agent_steps", (double) agentSteps);
            row.put("model_updates", (double) modelUpdates);
            row.put("sac_updates", (double) sacUpdates);
            row.put("episode", (double) episodes);
            row.put("updates_per_s", updatesPerSecond());
            row.put("elapsed_s", elapsed());
            return row;
        }

        private Progress progress() {
            return new Progress(phase, envSteps, c.envSteps(), agentSteps, modelUpdates, sacUpdates, pretrainDone,
                    pretrainTotal(agent), updatesPerSecond(), elapsed(), lastEvalReturn, metrics.latest());
        }
    }

    private double updatesPerSecond() {
        return Double.isNaN(secondsPerUpdate) || secondsPerUpdate <= 0 ? 0 : 1 / secondsPerUpdate;
    }

    private double elapsed() {
        return elapsedBefore + (System.nanoTime() - startNanos) / 1e9;
    }

    /** Turns the first {@code count} sequences of a sampled batch into ND4J arrays (frames null if it has none). */
    static SequenceData data(SequenceBatch b, int count) {
        int t = b.sequenceLength + 1, l = b.sequenceLength, a = b.actionDim, s = b.imageSize;
        long frameFloats = (long) count * t * 3 * s * s;
        INDArray frames = !b.withFrames ? null : Nd4j.create(Arrays.copyOf(b.frames, (int) frameFloats),
                new long[]{(long) count * t, 3, s, s}, DataType.FLOAT);
        INDArray actions = Nd4j.create(Arrays.copyOf(b.actions, count * l * a), new long[]{count, l, a}, DataType.FLOAT);
        INDArray rewards = Nd4j.create(Arrays.copyOf(b.rewards, count * l), new long[]{count, l}, DataType.FLOAT);
        INDArray notDone = Nd4j.create(Arrays.copyOf(b.notDone, count * l), new long[]{count, l}, DataType.FLOAT);
        return new SequenceData(frames, actions, rewards, notDone);
    }

    /** The true states [count, T, S] of the first {@code count} sequences, or null if the batch has none. */
    static INDArray states(SequenceBatch b, int count) {
        if (b.stateDim == 0) {
            return null;
        }
        int t = b.sequenceLength + 1;
        return Nd4j.create(Arrays.copyOf(b.states, count * t * b.stateDim), new long[]{count, t, b.stateDim},
                DataType.FLOAT);
    }

    private void writeReturnCurve() throws IOException {
        List<Map<String, String>> rows = MetricsCsv.read(folder.metrics());
        List<double[]> train = new ArrayList<>();
        List<double[]> eval = new ArrayList<>();
        for (Map<String, String> r : rows) {
            String tr = r.get("train_return");
            String ev = r.get("eval_return");
            double x = Double.parseDouble(r.get("env_steps"));
            if (tr != null && !tr.isEmpty()) {
                train.add(new double[]{x, Double.parseDouble(tr)});
            }
            if (ev != null && !ev.isEmpty()) {
                eval.add(new double[]{x, Double.parseDouble(ev)});
            }
        }
        String who = c.model().equals(LatentModels.SLAC) ? "" : c.model() + ", ";
        Plots.returnCurve(folder.returnsPng(), c.task() + " (" + who + "seed " + c.seed() + ")", col(train, 0), col(train, 1),
                col(eval, 0), col(eval, 1));
    }

    private static double[] col(List<double[]> rows, int i) {
        return rows.stream().mapToDouble(r -> r[i]).toArray();
    }

    private void saveCheckpoint(Agent agent, SequenceReplay replay) throws IOException {
        double elapsedNow = elapsed();
        checkpoints.write(c.task(), c.model(), out -> {
            counters(elapsedNow).write(out);
            agent.save(out);
            replay.save(out);
        });
        savedAtEnvSteps = envSteps;
        lastSavedNanos = System.nanoTime();
        listener.onSaved(folder.checkpoint(), envSteps);
    }

    /**
     * Keeps the agent as it was just evaluated in stages/ (the checkpoint's counters and agent without the replay
     * buffer), so the run's early and middle policies and models stay available after later checkpoints replace
     * them. A stage that cannot be written is reported and training goes on: the checkpoint still follows.
     */
    private void saveStage(Agent agent) {
        double elapsedNow = elapsed();
        Path file = folder.stageFile(envSteps);
        try {
            Files.createDirectories(file.getParent());
            CheckpointFiles.writeFile(file, null, c.task(), c.model(), out -> {
                counters(elapsedNow).write(out);
                agent.save(out);
            });
        } catch (IOException e) {
            listener.onNotice("could not keep the evaluated agent in " + file + " (" + e.getMessage() + "); training"
                    + " continues and the checkpoint is still written");
        }
    }

    /** The run's counters now, as checkpoints and stages begin. */
    private RunCounters counters(double elapsedNow) {
        return new RunCounters(envSteps, agentSteps, modelUpdates, sacUpdates, episodes, pretrainDone, pretrained,
                nextEvalAt, elapsedNow, lastEvalReturn);
    }

    /** Restores the counters, the agent and the replay buffer from the newest whole checkpoint. */
    private SequenceReplay loadCheckpoint(Agent agent, int stateWidth) throws IOException {
        return checkpoints.read(c.task(), c.model(), in -> {
            RunCounters k = RunCounters.read(in);
            envSteps = k.envSteps();
            agentSteps = k.agentSteps();
            modelUpdates = k.modelUpdates();
            sacUpdates = k.sacUpdates();
            episodes = k.episodes();
            pretrainDone = k.pretrainDone();
            pretrained = k.pretrained();
            nextEvalAt = k.nextEvalAt();
            elapsedBefore = k.elapsed();
            lastEvalReturn = k.lastEvalReturn();
            loadAgent(c, agent, in, stateWidth);
            boolean learnsFromStates = agent.input() == Agent.Input.STATE;
            return SequenceReplay.load(in, (stored, earlier) -> SavedStates.keepReplayStates(c.task(), c.model(),
                    learnsFromStates, stored, earlier, stateWidth, listener::onNotice));
        }, listener::onNotice);
    }

    /**
     * Restores only the agent from the newest whole checkpoint of {@code folder} (checkpoint.prev.bin when
     * checkpoint.bin is missing or damaged, which {@code notice} is told), as a resume would; the replay buffer is not
     * read. Returns the checkpoint's environment steps.
     */
    static long loadAgent(RunFolder folder, RunConfig config, Agent agent, int stateWidth, Consumer<String> notice)
            throws IOException {
        return new CheckpointFiles(folder).read(config.task(), config.model(), in -> {
            RunCounters k = RunCounters.read(in);
            loadAgent(config, agent, in, stateWidth);
            return k.envSteps();
        }, notice);
    }

    private static void loadAgent(RunConfig config, Agent agent, DataInputStream in, int stateWidth)
            throws IOException {
        try {
            agent.load(in);
        } catch (StateWidthException e) {
            throw SavedStates.mismatch("the checkpoint's sac-state networks read states of", e.saved(), config.task(),
                    stateWidth, e);
        }
    }

    /**
     * Environment steps recorded in a run folder's checkpoint (its header only), or -1 when the folder has none;
     * checkpoint.prev.bin counts when checkpoint.bin is missing or cut short, as it does for --resume. A run is
     * complete when this reaches its configured length: the final checkpoint follows the final evaluation.
     */
    public static long checkpointEnvSteps(Path runDir) throws IOException {
        return CheckpointFiles.envSteps(new RunFolder(runDir));
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.1f", v);
    }
}
