package slaclab.agent;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.factory.Nd4j;
import slaclab.models.nn.Layers;
import slaclab.models.nn.ParamGroup;

/**
 * SAC's networks, as SLAC's latent actor-critic and the baselines build them: twin critics Q_1, Q_2 on
 * [critic input, a], their EMA targets, the actor (mean and log-std of 2|A| outputs) and log alpha. Built in this
 * order, so that a seeded graph draws the same initial weights whoever builds it.
 */
record SacHeads(Layers.Mlp q1, Layers.Mlp q2, Layers.Mlp q1Target, Layers.Mlp q2Target, Layers.Mlp pi,
                SDVariable logAlpha) {

    /**
     * @param criticInput values the critics read besides the action (a latent sample, a state, encoder features)
     * @param actorInput  values the actor reads
     */
    static SacHeads build(Layers layers, AgentConfig config, ParamGroup critic, ParamGroup target, ParamGroup actor,
                          ParamGroup alpha, int criticInput, int actorInput) {
        int a = config.actionDim();
        int units = config.hiddenUnits();
        Layers.Activation f = config.activation();
        Layers.Init init = config.weightInit();
        Layers.Mlp q1 = layers.mlp(critic, "critic1", criticInput + a, 1, units, f, init);
        Layers.Mlp q2 = layers.mlp(critic, "critic2", criticInput + a, 1, units, f, init);
        Layers.Mlp q1t = layers.mlp(target, "target_critic1", criticInput + a, 1, units, f, init);
        Layers.Mlp q2t = layers.mlp(target, "target_critic2", criticInput + a, 1, units, f, init);
        Layers.Mlp pi = layers.mlp(actor, "actor", actorInput, 2 * a, units, f, init);
        SDVariable logAlpha = layers.parameter(alpha, "log_alpha",
                Nd4j.valueArrayOf(new long[]{1}, (float) config.initialLogAlpha()));
        return new SacHeads(q1, q2, q1t, q2t, pi, logAlpha);
    }
}
