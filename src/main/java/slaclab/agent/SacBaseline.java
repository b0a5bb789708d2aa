package slaclab.agent;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import slaclab.models.nn.Inference;
import slaclab.models.nn.Initialisation;
import slaclab.models.nn.Layers;
import slaclab.models.nn.Noise;
import slaclab.models.nn.OffHeap;
import slaclab.models.nn.ParamGroup;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Soft actor-critic without a latent model (Haarnoja et al. 2018, as the paper's baselines): twin critics with EMA
 * targets, a tanh-squashed Gaussian actor and the automatic temperature, each with its own Adam. A subclass builds
 * the inputs (state vectors, or encoder features of frame histories) and hands them to {@link #losses}; one backward
 * pass of the summed losses gives every gradient, stop-gradients route each loss to its own parameters only.
 * <p>
 * Unlike SLAC's critic (which learns at tau+1's successor only) the actor and alpha losses are taken at the current
 * input and the Bellman target at the next, as in standard SAC; they use independent noise.
 */
abstract class SacBaseline implements Agent {
    protected final AgentConfig config;
    protected final ParamGroup actor;
    protected final ParamGroup alpha;
    /** Critics (and, for pixels, the encoder they train). */
    protected final ParamGroup critic;
    /** EMA copies of {@link #critic}, variable by variable in the same order. */
    protected final ParamGroup target = new ParamGroup("target-critics", 0);
    private final Noise noise;
    private final OffHeap offHeap;
    /** Updates made since this agent was built or loaded (the target critics move on every targetUpdateEvery-th). */
    private long updates;
    protected SameDiff sd;

    /**
     * @param offHeapSlackBytes growth of the process's native memory between two collections ({@link OffHeap}): 0 for
     *                          updates that drop large arrays each time (the graph's), more for ones that keep their
     *                          buffers and collect only when small garbage has added up
     */
    SacBaseline(AgentConfig config, long offHeapSlackBytes) {
        this.config = config;
        this.offHeap = new OffHeap(offHeapSlackBytes);
        this.actor = new ParamGroup("actor", config.learningRate());
        this.alpha = new ParamGroup("alpha", config.learningRate());
        this.critic = new ParamGroup("critic", config.learningRate());
        this.noise = new Noise(config.seed() * 131 + 17);
    }

    /** Builds the graph (seeded) and starts the targets as copies of the critics; call at the end of a constructor. */
    protected final void init() {
        this.sd = Initialisation.seeded(config.seed() + 1, this::build);
        updateTargets(1.0);
    }

    /** The whole graph: acting outputs "action" and "action_mean", the update's losses through {@link #losses}. */
    protected abstract SameDiff build();

    /** Twin critics, their targets, the actor and log alpha, all reading inputs of {@code inputSize} values. */
    protected SacHeads heads(Layers layers, int inputSize) {
        return SacHeads.build(layers, config, critic, target, actor, alpha, inputSize, inputSize);
    }

    /** The acting outputs "action" (sampled with placeholder "action_eps") and "action_mean" for {@code input}. */
    protected void acting(Layers layers, SacHeads h, SDVariable input) {
        SameDiff g = layers.sd();
        SDVariable eps = g.placeHolder("action_eps", org.nd4j.linalg.api.buffer.DataType.FLOAT, -1, config.actionDim());
        SquashedGaussian.Policy p = SquashedGaussian.policy(layers, h.pi(), input, eps, config.actionDim(), config.logStd());
        g.identity("action", p.action());
        g.identity("action_mean", g.math().tanh(p.mean()));
    }

    /**
     * The three losses, named critic_loss, actor_loss, alpha_loss (plus entropy, q_mean, total_loss).
     *
     * @param criticIn    critic input at tau (gradients flow into it: the pixel encoder learns from J_Q)
     * @param targetIn    target critics' input at tau+1
     * @param actorIn     actor input at tau, no gradient attached
     * @param actorNextIn actor input at tau+1, no gradient attached
     * @param action      a_tau [B, A]; reward, notDone [B, 1]
     */
    protected void losses(Layers layers, SacHeads h, SDVariable criticIn, SDVariable targetIn, SDVariable actorIn,
                          SDVariable actorNextIn, SDVariable action, SDVariable reward, SDVariable notDone) {
        SameDiff g = layers.sd();
        int a = config.actionDim();
        SDVariable eps = g.placeHolder("eps", org.nd4j.linalg.api.buffer.DataType.FLOAT, -1, a);
        SDVariable epsNext = g.placeHolder("eps_next", org.nd4j.linalg.api.buffer.DataType.FLOAT, -1, a);
        SDVariable alphaConst = layers.stopGradient(g.math().exp(h.logAlpha()));

        // J_Q: y = r + gamma * notDone * (min_i Qbar_i(s', a') - alpha log pi(a' | s')), a' ~ pi(. | s').
        SquashedGaussian.Policy next = SquashedGaussian.policy(layers, h.pi(), actorNextIn, epsNext, a, config.logStd());
        SDVariable nextIn = g.concat(1, targetIn, next.action());
        SDVariable minTarget = g.math().min(h.q1Target().apply(layers, nextIn), h.q2Target().apply(layers, nextIn));
        SDVariable softValue = minTarget.sub(alphaConst.mul(next.logProb()));
        SDVariable y = layers.stopGradient(reward.add(notDone.mul(softValue).mul(config.discount())));
        SDVariable qIn = g.concat(1, criticIn, action);
        SDVariable q1v = h.q1().apply(layers, qIn);
        SDVariable q2v = h.q2().apply(layers, qIn);
        SDVariable criticLoss = g.math().square(q1v.sub(y)).mean().mul(0.5)
                .add(g.math().square(q2v.sub(y)).mean().mul(0.5)).rename("critic_loss");
        g.identity("q_mean", q1v.add(q2v).mul(0.5).mean());

        // J_pi = E[alpha log pi(a | s) - min_i Q_i(s, a)], a ~ pi(. | s), critics frozen.
        SquashedGaussian.Policy now = SquashedGaussian.policy(layers, h.pi(), actorIn, eps, a, config.logStd());
        SDVariable piIn = g.concat(1, actorIn, now.action());
        SDVariable minQ = g.math().min(h.q1().frozen(layers).apply(layers, piIn),
                h.q2().frozen(layers).apply(layers, piIn));
        SDVariable actorLoss = alphaConst.mul(now.logProb()).sub(minQ).mean().rename("actor_loss");

        // J(alpha) = E[-log alpha (log pi + target entropy)].
        SDVariable lp = layers.stopGradient(now.logProb());
        SDVariable alphaLoss = h.logAlpha().mul(lp.add(config.targetEntropy())).mean().neg().rename("alpha_loss");
        g.identity("entropy", now.logProb().mean().neg());

        criticLoss.add(actorLoss).add(alphaLoss).rename("total_loss");
        g.setLossVariables("total_loss");
        Initialisation.createGradients(g);
    }

    /** One update from filled placeholders: gradients, an Adam step per group, then the EMA of the targets. */
    protected SacLosses step(Map<String, INDArray> in, long batch) {
        addNoise(in, batch);
        boolean moveTargets = updates++ % config.targetUpdateEvery() == 0;
        SacLosses losses = SacUpdate.step(sd, in, critic, actor, alpha, target, config.targetTau(), moveTargets);
        offHeap.reclaimIfGrown();
        return losses;
    }

    /** The same update with losses and gradients computed by {@code dense} instead of the graph's executor. */
    protected SacLosses step(Map<String, INDArray> in, long batch, DenseSacStep dense) {
        addNoise(in, batch);
        boolean moveTargets = updates++ % config.targetUpdateEvery() == 0;
        DenseSacStep.Result r = dense.run(in);
        SacLosses losses = SacUpdate.apply(sd, r.outputs(), r.gradients(), critic, actor, alpha, target,
                config.targetTau(), moveTargets);
        offHeap.reclaimIfGrown();
        return losses;
    }

    /** The policy noise of an update: eps for the actor's loss at tau, eps_next for the Bellman target's action. */
    private void addNoise(Map<String, INDArray> in, long batch) {
        in.put("eps", noise.normal(batch, config.actionDim()));
        in.put("eps_next", noise.normal(batch, config.actionDim()));
    }

    /** Runs the acting path on filled placeholders (all but the noise). */
    protected float[] actFrom(Map<String, INDArray> in, boolean mean) {
        Map<String, INDArray> m = new HashMap<>(in);
        m.put("action_eps", actionNoise());
        String out = mean ? "action_mean" : "action";
        return Inference.output(sd, m, out).get(out).toFloatVector();
    }

    /** The policy noise of one action [1, A] (drawn for the mean action too, so the stream does not depend on it). */
    protected INDArray actionNoise() {
        return noise.normal(1, config.actionDim());
    }

    public double alphaValue() {
        return SacUpdate.alpha(sd);
    }

    /** theta_bar <- tau theta + (1 - tau) theta_bar. */
    void updateTargets(double tau) {
        target.moveTowards(critic, tau);
    }

    SameDiff graph() {
        return sd;
    }

    ParamGroup criticGroup() {
        return critic;
    }

    ParamGroup targetGroup() {
        return target;
    }

    ParamGroup actorGroup() {
        return actor;
    }

    ParamGroup alphaGroup() {
        return alpha;
    }

    void reseedNoise(long seed) {
        noise.reseed(seed);
    }

    @Override
    public boolean hasModel() {
        return false;
    }

    @Override
    public long parameterCount() {
        return critic.parameterCount() + actor.parameterCount() + alpha.parameterCount();
    }

    @Override
    public void save(DataOutputStream out, ParamGroup.Storage storage) throws IOException {
        critic.save(out, storage);
        target.save(out, storage);
        actor.save(out, storage);
        alpha.save(out, storage);
    }

    @Override
    public void load(DataInputStream in) throws IOException {
        critic.load(in);
        target.load(in);
        actor.load(in);
        alpha.load(in);
    }

    @Override
    public void close() {
        noise.close();
    }
}
