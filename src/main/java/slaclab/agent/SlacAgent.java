package slaclab.agent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import slaclab.models.LatentLosses;
import slaclab.models.LatentModel;
import slaclab.models.Posterior;
import slaclab.models.Rollouts;
import slaclab.models.SequenceData;
import slaclab.models.nn.OffHeap;

import slaclab.models.nn.ParamGroup;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * SLAC: a latent model and an actor-critic that learns on its posterior samples. The actor reads encoder features
 * (no gradient reaches the encoder from the actor) of the last {@code historyFrames} frames and the actions between them.
 */
public final class SlacAgent implements Agent {
    private final LatentModel model;
    private final LatentActorCritic actorCritic;
    private final OffHeap offHeap = new OffHeap(0);

    public SlacAgent(LatentModel model, AgentConfig config) {
        this.model = model;
        this.actorCritic = new LatentActorCritic(config, model.featureDim(), model.latentDim());
    }

    public LatentModel model() {
        return model;
    }

    public LatentActorCritic actorCritic() {
        return actorCritic;
    }

    @Override
    public Input input() {
        return Input.PIXELS;
    }

    @Override
    public int sequenceLength() {
        return actorCritic.config().historyFrames();
    }

    @Override
    public boolean hasModel() {
        return true;
    }

    @Override
    public long parameterCount() {
        return model.parameterCount();
    }

    /** One step on J_M (Eq. 9). */
    @Override
    public LatentLosses updateModel(SequenceData data) {
        LatentLosses l = model.update(data);
        offHeap.reclaimIfGrown();
        return l;
    }

    /** Posterior on the sequences (encoder once for both the critic's latents and the actor's features), then Eq. 10-11. */
    public SacLosses updateActorCritic(SequenceData data) {
        Posterior p = model.posterior(data);
        SacLosses l = actorCritic.update(p.features(), p.latents(), data.actions(), data.rewards(), data.notDone());
        offHeap.reclaimIfGrown();
        return l;
    }

    @Override
    public SacLosses updateActorCritic(SequenceData data, INDArray states) {
        return updateActorCritic(data);
    }

    /** Counts where the time of the updates goes in {@code times} from now on ({@code bench}). */
    public void profile(slaclab.models.nn.OpTimes times) {
        model.profile(times);
        actorCritic.profile(times);
    }

    @Override
    public Rollouts rollouts(SequenceData data) {
        return model.rollouts(data);
    }

    /**
     * An action for one environment from its history.
     *
     * @param frames  [H, 3, 64, 64] the last H frames, oldest first
     * @param actions (H - 1) * A actions between them, oldest first
     * @param mean    take tanh(mean) instead of sampling
     */
    public float[] act(INDArray frames, float[] actions, boolean mean) {
        INDArray features = model.encode(frames);                     // [H, F]
        long h = features.size(0);
        INDArray row = Nd4j.concat(1, features.reshape(1, h * features.size(1)),
                Nd4j.create(actions, new long[]{1, actions.length}, DataType.FLOAT));
        return actorCritic.act(row, mean).toFloatVector();
    }

    @Override
    public float[] act(ActorInput input, boolean mean) {
        return act(input.frames(), input.actions(), mean);
    }

    @Override
    public void save(DataOutputStream out, ParamGroup.Storage storage) throws IOException {
        model.save(out, storage);
        actorCritic.save(out, storage);
    }

    @Override
    public void load(DataInputStream in) throws IOException {
        model.load(in);
        actorCritic.load(in);
    }

    @Override
    public void close() {
        model.close();
        actorCritic.close();
    }
}
