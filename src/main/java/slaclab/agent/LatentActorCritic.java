package slaclab.agent;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import slaclab.models.nn.Inference;
import slaclab.models.nn.Initialisation;
import slaclab.models.nn.Layers;
import slaclab.models.nn.Noise;
import slaclab.models.nn.ParamGroup;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * SLAC's actor-critic (Section 5): twin soft Q critics on latent samples [z_t, a_t] with EMA targets, an actor on the
 * history of encoder features and actions with a tanh-squashed Gaussian, and the automatic temperature alpha.
 * <p>
 * One graph computes all three losses; stop-gradients route each loss to its own parameters only (the actor loss
 * reads the critics through frozen copies of their weights, every loss reads alpha as a constant but the alpha loss,
 * the Bellman target is constant), so one backward pass gives the gradients of J_Q, J_pi and J_alpha, and each
 * parameter group takes its own Adam step. Unlike tf-agents the three steps use the same pre-update critic.
 */
public final class LatentActorCritic implements AutoCloseable {
    private final AgentConfig config;
    private final int featureDim;
    private final int latentDim;
    private final SameDiff sd;
    private final ParamGroup actor;
    private final ParamGroup alpha;
    private final ParamGroup criticParams;
    private final ParamGroup targetParams = new ParamGroup("target-critics", 0);
    private final Noise noise;
    /** Updates made since this actor-critic was built or loaded (the targets move on every targetUpdateEvery-th). */
    private long updates;

    public LatentActorCritic(AgentConfig config, int featureDim, int latentDim) {
        this.config = config;
        this.featureDim = featureDim;
        this.latentDim = latentDim;
        this.actor = new ParamGroup("actor", config.learningRate());
        this.alpha = new ParamGroup("alpha", config.learningRate());
        this.criticParams = new ParamGroup("critic", config.learningRate());
        this.noise = new Noise(config.seed() * 131 + 17);
        this.sd = Initialisation.seeded(config.seed() + 1, this::build);
        copyCriticsToTargets();
    }

    public AgentConfig config() {
        return config;
    }

    /** Restarts the sampling noise, so tests can replay the same samples. */
    void reseedNoise(long seed) {
        noise.reseed(seed);
    }

    SameDiff graph() {
        return sd;
    }

    ParamGroup criticGroup() {
        return criticParams;
    }

    ParamGroup targetGroup() {
        return targetParams;
    }

    ParamGroup actorGroup() {
        return actor;
    }

    private SameDiff build() {
        SameDiff g = SameDiff.create();
        Layers layers = new Layers(g);
        int a = config.actionDim(), h = config.historyFrames(), t = h + 1, l = h;
        int histLen = config.historyLength(featureDim);

        SacHeads heads = SacHeads.build(layers, config, criticParams, targetParams, actor, alpha, latentDim, histLen);
        Layers.Mlp q1 = heads.q1(), q2 = heads.q2(), q1Target = heads.q1Target(), q2Target = heads.q2Target();
        Layers.Mlp pi = heads.pi();
        SDVariable logAlpha = heads.logAlpha();

        // Acting: one history row per environment.
        SDVariable histIn = g.placeHolder("history", DataType.FLOAT, -1, histLen);
        SDVariable actEps = g.placeHolder("action_eps", DataType.FLOAT, -1, a);
        SquashedGaussian.Policy acting = policy(layers, pi, histIn, actEps);
        g.identity("action", acting.action());
        g.identity("action_mean", g.math().tanh(acting.mean()));
        g.identity("action_pre_tanh_mean", acting.mean());
        g.identity("action_log_std", acting.logStd());
        g.identity("action_log_prob", acting.logProb());

        // Update: features [B, T, F], latents [B, T, Z], actions [B, L, A], rewards and masks [B, L].
        SDVariable feat = g.placeHolder("features", DataType.FLOAT, -1, t, featureDim);
        SDVariable z = g.placeHolder("latents", DataType.FLOAT, -1, t, latentDim);
        SDVariable act = g.placeHolder("actions", DataType.FLOAT, -1, l, a);
        SDVariable rew = g.placeHolder("rewards", DataType.FLOAT, -1, l);
        SDVariable notDone = g.placeHolder("not_done", DataType.FLOAT, -1, l);
        SDVariable eps = g.placeHolder("eps", DataType.FLOAT, -1, a);

        // The actor's input for step tau+1: features of frames 2..T and actions 2..L (history of x_1:tau+1, a_1:tau).
        SDVariable histFeat = g.reshape(feat.get(SDIndex.all(), SDIndex.interval(1, t), SDIndex.all()), -1, h * featureDim);
        SDVariable histAct = g.reshape(act.get(SDIndex.all(), SDIndex.interval(1, l), SDIndex.all()), -1, (h - 1) * a);
        SquashedGaussian.Policy next = policy(layers, pi, g.concat(1, histFeat, histAct), eps);

        SDVariable zTau = g.reshape(z.get(SDIndex.all(), SDIndex.point(t - 2), SDIndex.all()), -1, latentDim);
        SDVariable zNext = g.reshape(z.get(SDIndex.all(), SDIndex.point(t - 1), SDIndex.all()), -1, latentDim);
        SDVariable aTau = g.reshape(act.get(SDIndex.all(), SDIndex.point(l - 1), SDIndex.all()), -1, a);
        SDVariable rTau = g.reshape(rew.get(SDIndex.all(), SDIndex.point(l - 1)), -1, 1);
        SDVariable mTau = g.reshape(notDone.get(SDIndex.all(), SDIndex.point(l - 1)), -1, 1);
        SDVariable alphaConst = layers.stopGradient(g.math().exp(logAlpha));

        // Eq. 10: y = r_tau + gamma * (min_i Qbar_i(z_tau+1, a_tau+1) - alpha log pi(a_tau+1 | x_1:tau+1, a_1:tau)).
        SDVariable nextIn = g.concat(1, zNext, next.action());
        SDVariable minTarget = g.math().min(q1Target.apply(layers, nextIn), q2Target.apply(layers, nextIn));
        SDVariable softValue = minTarget.sub(alphaConst.mul(next.logProb()));
        SDVariable y = layers.stopGradient(rTau.add(mTau.mul(softValue).mul(config.discount())));
        SDVariable qIn = g.concat(1, zTau, aTau);
        SDVariable q1v = q1.apply(layers, qIn);
        SDVariable q2v = q2.apply(layers, qIn);
        SDVariable criticLoss = g.math().square(q1v.sub(y)).mean().mul(0.5)
                .add(g.math().square(q2v.sub(y)).mean().mul(0.5)).rename("critic_loss");
        g.identity("q_mean", q1v.add(q2v).mul(0.5).mean());

        // Eq. 11: J_pi = E[alpha log pi(a_tau+1 | ...) - min_i Q_i(z_tau+1, a_tau+1)], critics frozen.
        SDVariable piIn = g.concat(1, layers.stopGradient(zNext), next.action());
        SDVariable minQ = g.math().min(q1.frozen(layers).apply(layers, piIn), q2.frozen(layers).apply(layers, piIn));
        SDVariable actorLoss = alphaConst.mul(next.logProb()).sub(minQ).mean().rename("actor_loss");

        // Temperature: J(alpha) = E[-log alpha (log pi + target entropy)].
        SDVariable lp = layers.stopGradient(next.logProb());
        SDVariable alphaLoss = logAlpha.mul(lp.add(config.targetEntropy())).mean().neg().rename("alpha_loss");
        g.identity("entropy", next.logProb().mean().neg());
        g.identity("alpha_value", g.math().exp(logAlpha));

        criticLoss.add(actorLoss).add(alphaLoss).rename("total_loss");
        g.setLossVariables("total_loss");
        Initialisation.createGradients(g);
        return g;
    }

    /** SAC's tanh-squashed Gaussian on {@code history} with noise {@code eps} (see {@link SquashedGaussian}). */
    private SquashedGaussian.Policy policy(Layers layers, Layers.Mlp pi, SDVariable history, SDVariable eps) {
        return SquashedGaussian.policy(layers, pi, history, eps, config.actionDim(), config.logStd());
    }

    /** Samples actions for a batch of histories [N, historyLength]; {@code mean} takes tanh(mean) instead. */
    public INDArray act(INDArray histories, boolean mean) {
        Map<String, INDArray> in = new HashMap<>();
        in.put("history", histories);
        in.put("action_eps", noise.normal(histories.size(0), config.actionDim()));
        String out = mean ? "action_mean" : "action";
        return Inference.output(sd, in, out).get(out);
    }

    /** One update of critics, actor and alpha on posterior samples, then the EMA of the target critics. */
    public SacLosses update(INDArray features, INDArray latents, INDArray actions, INDArray rewards, INDArray notDone) {
        Map<String, INDArray> in = new HashMap<>();
        in.put("features", features);
        in.put("latents", latents);
        in.put("actions", actions);
        in.put("rewards", rewards);
        in.put("not_done", notDone);
        in.put("eps", noise.normal(actions.size(0), config.actionDim()));
        boolean moveTargets = updates++ % config.targetUpdateEvery() == 0;
        return SacUpdate.step(sd, in, criticParams, actor, alpha, targetParams, config.targetTau(), moveTargets);
    }

    /** Counts the time of this graph's ops and of the Adam and target steps in {@code times} ({@code bench}). */
    public void profile(slaclab.models.nn.OpTimes times) {
        sd.addListeners(times.listener(slaclab.models.nn.OpTimes.Part.ACTOR_CRITIC));
        for (ParamGroup g : new ParamGroup[]{actor, alpha, criticParams, targetParams}) {
            g.timeWith(times);
        }
    }

    public double alphaValue() {
        return SacUpdate.alpha(sd);
    }

    /** theta_bar <- tau theta + (1 - tau) theta_bar. */
    void updateTargets(double tau) {
        targetParams.moveTowards(criticParams, tau);
    }

    private void copyCriticsToTargets() {
        updateTargets(1.0);
    }

    public void save(DataOutputStream out, ParamGroup.Storage storage) throws IOException {
        criticParams.save(out, storage);
        targetParams.save(out, storage);
        actor.save(out, storage);
        alpha.save(out, storage);
    }

    public void load(DataInputStream in) throws IOException {
        criticParams.load(in);
        targetParams.load(in);
        actor.load(in);
        alpha.load(in);
    }

    @Override
    public void close() {
        noise.close();
    }
}
