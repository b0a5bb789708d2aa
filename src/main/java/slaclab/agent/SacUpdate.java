package slaclab.agent;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import slaclab.models.NonFiniteLossException;
import slaclab.models.nn.ParamGroup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The soft actor-critic step shared by SLAC's latent actor-critic and the SAC baselines: one backward pass through a
 * graph whose outputs are critic_loss (Eq. 10), actor_loss (Eq. 11), alpha_loss, entropy and q_mean and whose
 * log_alpha variable is the temperature; an Adam step per group; then the EMA of the target critics.
 */
final class SacUpdate {
    /** The graph's scalar outputs a step reports. */
    static final List<String> OUTPUTS = List.of("critic_loss", "actor_loss", "alpha_loss", "entropy", "q_mean");

    private SacUpdate() {
    }

    /**
     * @param in          every placeholder filled, noise included
     * @param moveTargets whether this update ends with the EMA step of the targets (every update unless a preset's
     *                    targetUpdateEvery says otherwise)
     */
    static SacLosses step(SameDiff sd, Map<String, INDArray> in, ParamGroup critic, ParamGroup actor, ParamGroup alpha,
                          ParamGroup target, double tau, boolean moveTargets) {
        List<String> vars = new ArrayList<>(critic.names());
        vars.addAll(actor.names());
        vars.addAll(alpha.names());
        OutAndGrad og = sd.calculateGradientsAndOutputs(in, OUTPUTS, vars);
        Map<String, Double> outputs = new HashMap<>();
        for (String name : OUTPUTS) {
            outputs.put(name, og.getOutputs().get(name).getDouble(0));
        }
        return apply(sd, outputs, og.getGradients(), critic, actor, alpha, target, tau, moveTargets);
    }

    /**
     * The rest of a step once the losses and gradients are known (from the graph or from {@link DenseSacStep}): refuses
     * non-finite losses, steps each group's Adam, moves the targets.
     *
     * @param outputs   critic_loss, actor_loss, alpha_loss, entropy and q_mean
     * @param gradients every trained variable's gradient by name (consumed)
     */
    static SacLosses apply(SameDiff sd, Map<String, Double> outputs, Map<String, INDArray> gradients, ParamGroup critic,
                           ParamGroup actor, ParamGroup alpha, ParamGroup target, double tau, boolean moveTargets) {
        double criticLoss = outputs.get("critic_loss");
        double actorLoss = outputs.get("actor_loss");
        if (!Double.isFinite(criticLoss) || !Double.isFinite(actorLoss)) {
            throw new NonFiniteLossException("actor-critic loss is not finite (critic " + criticLoss + ", actor "
                    + actorLoss + ")");
        }
        critic.step(gradients);
        actor.step(gradients);
        alpha.step(gradients);
        if (moveTargets) {
            target.moveTowards(critic, tau);
        }
        return new SacLosses(criticLoss, actorLoss, outputs.get("alpha_loss"), alpha(sd), outputs.get("entropy"),
                outputs.get("q_mean"));
    }

    /** The entropy temperature exp(log_alpha). */
    static double alpha(SameDiff sd) {
        return Math.exp(sd.getArrForVarName("log_alpha").getDouble(0));
    }
}
