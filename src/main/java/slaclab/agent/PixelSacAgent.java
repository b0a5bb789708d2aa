package slaclab.agent;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import slaclab.models.ConvNets;
import slaclab.models.SequenceData;
import slaclab.models.nn.Layers;

import java.util.HashMap;
import java.util.Map;

/**
 * The paper's "SAC from pixels" baseline: no latent model and no pre-training; SLAC's convolutional encoder (Appendix
 * B) is trained end to end by the critic loss only. Actor and critics read the same input as SLAC's actor: encoder
 * features of the last H frames and the H - 1 actions between them (a single frame would hide the velocities). The
 * actor reads the features detached (as SAC-AE and DrQ do); the target critics have their own EMA copy of the
 * encoder. The encoder learns at the actor-critic rate (3e-4).
 */
public final class PixelSacAgent extends SacBaseline {
    private final int featureDim;

    public PixelSacAgent(AgentConfig config, int featureDim) {
        super(config, 0);
        this.featureDim = featureDim;
        init();
    }

    @Override
    protected SameDiff build() {
        SameDiff g = SameDiff.create();
        Layers layers = new Layers(g);
        int a = config.actionDim(), h = config.historyFrames(), t = h + 1, l = h, f = featureDim;
        int histLen = config.historyLength(f);
        // Encoders first, so critic and target groups list their variables in the same order.
        ConvNets.Encoder enc = ConvNets.Encoder.create(layers, critic, "encoder", f);
        ConvNets.Encoder targetEnc = ConvNets.Encoder.create(layers, target, "target_encoder", f);
        SacHeads heads = heads(layers, histLen);

        // Acting: one history of H frames [H, 3, 64, 64] and its actions [1, (H - 1) A].
        SDVariable actFrames = g.placeHolder("act_frames", DataType.FLOAT, -1, 3, 64, 64);
        SDVariable actActions = g.placeHolder("act_actions", DataType.FLOAT, -1, (h - 1) * a);
        SDVariable actFeat = g.reshape(enc.apply(layers, actFrames), -1, h * f);
        acting(layers, heads, layers.stopGradient(g.concat(1, actFeat, actActions)));

        // Update: frames [B*T, 3, 64, 64], actions [B, L, A], rewards and masks [B, L].
        SDVariable frames = g.placeHolder("frames", DataType.FLOAT, -1, 3, 64, 64);
        SDVariable act = g.placeHolder("actions", DataType.FLOAT, -1, l, a);
        SDVariable rew = g.placeHolder("rewards", DataType.FLOAT, -1, l);
        SDVariable notDone = g.placeHolder("not_done", DataType.FLOAT, -1, l);
        SDVariable feat = g.reshape(enc.apply(layers, frames), -1, t, f);
        SDVariable targetFeat = g.reshape(targetEnc.apply(layers, frames), -1, t, f);
        // History at tau: frames 1..H with actions 1..H-1; at tau+1: frames 2..T with actions 2..L.
        SDVariable actNow = g.reshape(act.get(SDIndex.all(), SDIndex.interval(0, l - 1), SDIndex.all()), -1, (h - 1) * a);
        SDVariable actNext = g.reshape(act.get(SDIndex.all(), SDIndex.interval(1, l), SDIndex.all()), -1, (h - 1) * a);
        SDVariable histNow = g.concat(1, g.reshape(feat.get(SDIndex.all(), SDIndex.interval(0, h), SDIndex.all()), -1,
                h * f), actNow);
        SDVariable histNext = g.concat(1, g.reshape(feat.get(SDIndex.all(), SDIndex.interval(1, t), SDIndex.all()), -1,
                h * f), actNext);
        SDVariable targetNext = g.concat(1, g.reshape(targetFeat.get(SDIndex.all(), SDIndex.interval(1, t),
                SDIndex.all()), -1, h * f), actNext);
        SDVariable aTau = g.reshape(act.get(SDIndex.all(), SDIndex.point(l - 1), SDIndex.all()), -1, a);
        SDVariable rTau = g.reshape(rew.get(SDIndex.all(), SDIndex.point(l - 1)), -1, 1);
        SDVariable mTau = g.reshape(notDone.get(SDIndex.all(), SDIndex.point(l - 1)), -1, 1);
        losses(layers, heads, histNow, targetNext, layers.stopGradient(histNow), layers.stopGradient(histNext),
                aTau, rTau, mTau);
        return g;
    }

    @Override
    public Input input() {
        return Input.PIXELS;
    }

    @Override
    public int sequenceLength() {
        return config.historyFrames();
    }

    @Override
    public SacLosses updateActorCritic(SequenceData data, INDArray states) {
        if (data.steps() != config.historyFrames()) {
            throw new IllegalArgumentException("pixel SAC learns on sequences of " + config.historyFrames()
                    + " steps, got " + data.steps());
        }
        Map<String, INDArray> in = new HashMap<>();
        in.put("frames", data.frames());
        in.put("actions", data.actions());
        in.put("rewards", data.rewards());
        in.put("not_done", data.notDone());
        return step(in, data.batchSize());
    }

    @Override
    public float[] act(ActorInput input, boolean mean) {
        Map<String, INDArray> in = new HashMap<>();
        in.put("act_frames", input.frames());
        in.put("act_actions", Nd4j.create(input.actions(), new long[]{1, input.actions().length}, DataType.FLOAT));
        return actFrom(in, mean);
    }
}
