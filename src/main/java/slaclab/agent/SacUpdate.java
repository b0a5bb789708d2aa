package slaclab.agent;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import slaclab.models.NonFiniteLossException;
import slaclab.models.nn.ParamGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The soft actor-critic step shared by SLAC's latent actor-critic and the SAC baselines: one backward pass through a
 * graph whose outputs are critic_loss (Eq. 10), actor_loss (Eq. 11), alpha_loss, entropy and q_mean and whose
 * log_alpha variable is the temperature; an Adam step per group; then the EMA of the target critics.
 */
final class SacUpdate {
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
        OutAndGrad og = sd.calculateGradientsAndOutputs(in,
                List.of("critic_loss", "actor_loss", "alpha_loss", "entropy", "q_mean"), vars);
        Map<String, INDArray> o = og.getOutputs();
        double criticLoss = o.get("critic_loss").getDouble(0);
        double actorLoss = o.get("actor_loss").getDouble(0);
        if (!Double.isFinite(criticLoss) || !Double.isFinite(actorLoss)) {
            throw new NonFiniteLossException("actor-critic loss is not finite (critic " + criticLoss + ", actor "
                    + actorLoss + ")");
        }
        critic.step(og.getGradients());
        actor.step(og.getGradients());
        alpha.step(og.getGradients());
        if (moveTargets) {
            target.moveTowards(critic, tau);
        }
        return new SacLosses(criticLoss, actorLoss, o.get("alpha_loss").getDouble(0), alpha(sd),
                o.get("entropy").getDouble(0), o.get("q_mean").getDouble(0));
    }

    /** The entropy temperature exp(log_alpha). */
    static double alpha(SameDiff sd) {
        return Math.exp(sd.getArrForVarName("log_alpha").getDouble(0));
    }
}
