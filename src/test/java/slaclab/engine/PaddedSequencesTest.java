package slaclab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import slaclab.replay.SequenceBatch;
import slaclab.replay.SequenceReplay;

/**
 * The actor-critic's replay sequences at episode starts (SequenceReplay#samplePadded): a sequence ending at any
 * episode step, the first L-1 included, holds in its last L frames and L-1 actions exactly the history the actor read
 * while acting there ({@link ActorHistory}: first frame repeated, zero actions), and in its first L frames and L-1
 * actions the history of the step before. An episode shorter than L steps (a Gym fall) yields sequences too.
 */
class PaddedSequencesTest {
    private static final int L = 8;
    private static final int A = 2;
    private static final int S = 4;
    private static final int[] EPISODES = {3, 12, 1};   // agent steps; the first and last end terminated

    /** The actor's history (frames [L, 3, S, S] flattened, and L-1 actions) keyed by episode * 1000 + steps taken. */
    private final Map<Integer, float[]> historyFrames = new HashMap<>();
    private final Map<Integer, float[]> historyActions = new HashMap<>();

    private SequenceReplay fill() {
        SequenceReplay replay = new SequenceReplay(100, A, S);
        ActorHistory history = new ActorHistory(L, A, S);
        SplittableRandom rng = new SplittableRandom(5);
        for (int e = 0; e < EPISODES.length; e++) {
            byte[] first = frame(rng);
            replay.startEpisode(first);
            history.reset(first, null);
            remember(history, e, 0);
            for (int k = 0; k < EPISODES[e]; k++) {
                float[] action = {e + 1, k + 1};          // never zero, so padding is recognisable
                byte[] next = frame(rng);
                boolean terminated = e != 1 && k == EPISODES[e] - 1;
                replay.add(action, 10f * e + k, terminated, next);
                history.push(action, next, null);
                remember(history, e, k + 1);
            }
        }
        return replay;
    }

    private void remember(ActorHistory h, int e, int steps) {
        historyFrames.put(e * 1000 + steps, h.frameArray().data().asFloat());
        historyActions.put(e * 1000 + steps, h.actions());
    }

    private static byte[] frame(SplittableRandom rng) {
        byte[] f = new byte[3 * S * S];
        for (int i = 0; i < f.length; i++) {
            f[i] = (byte) rng.nextInt(256);
        }
        return f;
    }

    private static float[] frames(SequenceBatch batch, int b, int from) {
        int n = batch.frameFloats();
        float[] out = new float[L * n];
        System.arraycopy(batch.frames, batch.frameOffset(b, from), out, 0, L * n);
        return out;
    }

    private static float[] actions(SequenceBatch batch, int b, int from) {
        float[] out = new float[(L - 1) * A];
        System.arraycopy(batch.actions, (b * L + from) * A, out, 0, out.length);
        return out;
    }

    @Test
    void paddedSequencesAreTheActorsHistoriesAtEveryEpisodeStep() {
        SequenceReplay replay = fill();
        assertEquals(12 - (L - 1), replay.countSequences(L), "unpadded: only the 12-step episode, from step 8 on");
        assertEquals(3 + 12 + 1, replay.countPaddedSequences(L), "padded: every stored step ends a sequence");

        SequenceBatch batch = new SequenceBatch(64, L, A, S);
        SplittableRandom rng = new SplittableRandom(11);
        Set<Integer> seen = new HashSet<>();
        for (int draw = 0; draw < 10; draw++) {
            replay.samplePadded(batch.batchSize, L, rng, batch);
            for (int b = 0; b < batch.batchSize; b++) {
                // the last action (e + 1, k + 1) names the last, always real, transition: step k of episode e
                int e = Math.round(batch.actions[(b * L + L - 1) * A]) - 1;
                int k = Math.round(batch.actions[(b * L + L - 1) * A + 1]) - 1;
                int key = e * 1000 + k;
                seen.add(key);
                String at = "episode " + e + ", step " + k;
                assertArrayEquals(historyFrames.get(key + 1), frames(batch, b, 1), 0f, "frames 2..T = acting's, " + at);
                assertArrayEquals(historyActions.get(key + 1), actions(batch, b, 1), 0f, "actions 2..L, " + at);
                assertArrayEquals(historyFrames.get(key), frames(batch, b, 0), 0f, "frames 1..L = previous step's, " + at);
                assertArrayEquals(historyActions.get(key), actions(batch, b, 0), 0f, "actions 1..L-1, " + at);
                boolean terminated = e != 1 && k == EPISODES[e] - 1;
                assertEquals(10f * e + k, batch.rewards[b * L + L - 1], 0f, "the last reward is real, " + at);
                assertEquals(terminated ? 0f : 1f, batch.notDone[b * L + L - 1], 0f, "the last mask is real, " + at);
                for (int t = 0; t < L - 1 - k; t++) {
                    assertEquals(0f, batch.rewards[b * L + t], 0f, "padded steps have reward 0, " + at);
                    assertEquals(1f, batch.notDone[b * L + t], 0f, "padded steps are not terminal, " + at);
                }
            }
        }
        assertEquals(16, seen.size(), "every step of every episode was drawn: " + seen);
    }

    @Test
    void unpaddedSamplingStillStartsAtEpisodeStepEight() {
        SequenceReplay replay = fill();
        SequenceBatch batch = new SequenceBatch(64, L, A, S);
        replay.sample(batch.batchSize, L, new SplittableRandom(3), batch);
        for (int b = 0; b < batch.batchSize; b++) {
            assertEquals(2f, batch.actions[(b * L) * A], 0f, "only the 12-step episode");
            assertEquals(true, batch.actions[(b * L) * A + 1] >= 1f, "no padding in the model's sequences");
        }
    }
}
