package slaclab.agent;

import slaclab.models.ConvNets;
import slaclab.models.ModelConfig;
import slaclab.models.nn.Layers.Mlp;

/**
 * The arithmetic of one SLAC step, counted from the network shapes (2 FLOP per multiply-add; a backward pass costs
 * twice its forward pass: the gradients of the inputs and of the weights), for {@code bench}'s efficiency figure.
 * <ul>
 * <li>model update on B_m sequences of T frames: encoder and decoder on B_m T frames, the six MLPs of the
 * recurrence, prior and reward model, forward and backward;</li>
 * <li>actor-critic update on B_s sequences: encoder and filtering posterior forward on B_s T frames, then the actor
 * (forward and backward), the twin critics (forward and backward, and again frozen for the actor loss) and the
 * target critics (forward).</li>
 * </ul>
 * Element-wise work (activations, losses, Adam) is left out: it is memory traffic, not arithmetic.
 */
public record StepFlops(double modelUpdate, double actorCriticUpdate) {
    public static StepFlops of(ModelConfig m, AgentConfig a, int modelBatch, int sacBatch) {
        int t = m.frames(), l = m.sequenceLength(), z1 = m.z1Dim(), z2 = m.z2Dim(), f = m.featureDim();
        int z = m.latentDim(), act = m.actionDim();
        long enc = ConvNets.Encoder.macsPerFrame(f), dec = ConvNets.Decoder.macsPerFrame(z);
        // per sequence: q(z1_1 | x_1), p(z2_1 | z1_1), then per step q(z1_t+1 | ...), p(z2_t+1 | ...)
        long filtering = Mlp.macs(f, 2 * z1) + Mlp.macs(z1, 2 * z2)
                + (long) l * (Mlp.macs(f + z2 + act, 2 * z1) + Mlp.macs(z1 + z2 + act, 2 * z2));
        long priorAndReward = (long) l * (Mlp.macs(z2 + act, 2 * z1) + Mlp.macs(2 * z + act, 2));
        double model = 2.0 * 3 * ((double) modelBatch * t * (enc + dec) + (double) modelBatch * (filtering + priorAndReward));
        long critic = 2 * Mlp.macs(z + act, 1, a.hiddenUnits());
        long actor = Mlp.macs(a.historyLength(f), 2 * act, a.hiddenUnits());
        double heads = 3.0 * actor + 3.0 * critic + critic + 3.0 * critic;
        double sac = 2.0 * ((double) sacBatch * t * enc + (double) sacBatch * filtering + sacBatch * heads);
        return new StepFlops(model, sac);
    }

    /**
     * The arithmetic of one update of the state baseline on {@code batch} transitions: the actor forward at s' (the
     * Bellman target's action) and forward and backward at s, the twin critics forward and backward, the target
     * critics forward, and the frozen critics forward and back to their input only (no weight gradients).
     */
    public static double stateBaseline(AgentConfig a, int stateDim, int batch) {
        int act = a.actionDim();
        long critics = 2 * Mlp.macs(stateDim + act, 1, a.hiddenUnits());
        long actor = Mlp.macs(stateDim, 2 * act, a.hiddenUnits());
        return 2.0 * batch * (4.0 * actor + 3.0 * critics + critics + 2.0 * critics);
    }

    public double step() {
        return modelUpdate + actorCriticUpdate;
    }
}
