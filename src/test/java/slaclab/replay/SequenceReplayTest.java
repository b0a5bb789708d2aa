package slaclab.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SequenceReplayTest {
    private static final int A = 2;

    /**
     * Writes synthetic episodes into a replay: frame k of episode e has e in pixel bytes 0-1 and k in bytes 2-3
     * (the rest is a noise pattern); the action of step k is (e, k); the reward is e * 1000 + k.
     */
    private static final class Feeder {
        final SequenceReplay replay;
        final int imageSize;
        final SplittableRandom rng = new SplittableRandom(7);
        /** Global transition index that produced frame k of episode e, key e * 100000 + k. */
        final Map<Long, Long> producedBy = new HashMap<>();
        final Map<Integer, Integer> episodeLength = new HashMap<>();
        final Set<Integer> terminatedEpisodes = new HashSet<>();
        int episodes;

        Feeder(SequenceReplay replay) {
            this.replay = replay;
            this.imageSize = replay.imageSize();
        }

        void episode(int length, boolean terminal) {
            int e = episodes++;
            replay.startEpisode(frame(e, 0));
            for (int k = 0; k < length; k++) {
                boolean term = terminal && k == length - 1;
                producedBy.put(key(e, k + 1), replay.totalAdded());
                replay.add(new float[] {e, k}, e * 1000f + k, term, frame(e, k + 1));
            }
            episodeLength.put(e, length);
            if (terminal) {
                terminatedEpisodes.add(e);
            }
        }

        byte[] frame(int e, int k) {
            byte[] f = new byte[3 * imageSize * imageSize];
            for (int i = 0; i < f.length; i++) {
                f[i] = (byte) rng.nextInt(256);
            }
            f[0] = (byte) e;
            f[1] = (byte) (e >> 8);
            f[2] = (byte) k;
            f[3] = (byte) (k >> 8);
            return f;
        }

        static long key(int e, int k) {
            return e * 100000L + k;
        }
    }

    /** Decodes (episode, step) from the first four HWC bytes, read back at their NCHW float positions. */
    private static int[] decode(SequenceBatch batch, int b, int t) {
        int off = batch.frameOffset(b, t);
        int plane = batch.imageSize * batch.imageSize;
        // HWC bytes 0,1,2 are pixel 0 channels R,G,B; byte 3 is pixel 1 channel R.
        int b0 = Math.round(batch.frames[off] * 255f);
        int b1 = Math.round(batch.frames[off + plane] * 255f);
        int b2 = Math.round(batch.frames[off + 2 * plane] * 255f);
        int b3 = Math.round(batch.frames[off + 1] * 255f);
        return new int[] {b0 | (b1 << 8), b2 | (b3 << 8)};
    }

    private static void checkBatch(Feeder feeder, SequenceBatch batch, int n) {
        int length = batch.sequenceLength;
        long oldest = Math.max(0, feeder.replay.totalAdded() - feeder.replay.capacity());
        for (int b = 0; b < n; b++) {
            int[] first = decode(batch, b, 0);
            int e = first[0];
            int k0 = first[1];
            assertTrue(feeder.episodeLength.get(e) >= length, "short episode sampled");
            for (int t = 0; t <= length; t++) {
                int[] id = decode(batch, b, t);
                assertEquals(e, id[0], "sequence mixes episodes");
                assertEquals(k0 + t, id[1], "steps not consecutive");
            }
            for (int t = 0; t < length; t++) {
                int i = b * length + t;
                assertEquals(e, batch.actions[i * A]);
                assertEquals(k0 + t, batch.actions[i * A + 1], "action t must lead from frame t to t+1");
                assertEquals(e * 1000f + k0 + t, batch.rewards[i]);
                boolean last = k0 + t + 1 == feeder.episodeLength.get(e);
                float expectedMask = last && feeder.terminatedEpisodes.contains(e) ? 0f : 1f;
                assertEquals(expectedMask, batch.notDone[i]);
            }
            // Every frame must still be in the ring: the oldest needed transition is not overwritten.
            long needed = k0 == 0 ? feeder.producedBy.get(Feeder.key(e, 1)) : feeder.producedBy.get(Feeder.key(e, k0));
            assertTrue(needed >= oldest, "sequence uses an overwritten slot");
        }
    }

    @Test
    void emptyBufferCannotSample() {
        SequenceReplay replay = new SequenceReplay(100, A, 4);
        assertFalse(replay.canSample(8));
        assertEquals(0, replay.size());
        assertEquals(0, replay.totalAdded());
        SequenceBatch batch = new SequenceBatch(4, 8, A, 4);
        assertThrows(IllegalStateException.class, () -> replay.sample(4, 8, new SplittableRandom(1), batch));
        replay.startEpisode(new byte[48]);
        assertFalse(replay.canSample(1));
    }

    @Test
    void framesRoundTripExactlyInNchw() {
        int s = 64;
        SequenceReplay replay = new SequenceReplay(50, A, s);
        SplittableRandom rng = new SplittableRandom(3);
        byte[][] frames = new byte[9][3 * s * s];
        for (byte[] f : frames) {
            for (int i = 0; i < f.length; i++) {
                f[i] = (byte) rng.nextInt(256);
            }
        }
        replay.startEpisode(frames[0]);
        for (int k = 1; k < 9; k++) {
            replay.add(new float[] {k, -k}, k, false, frames[k]);
        }
        // Mutating the caller's arrays must not affect the stored copies.
        byte[][] expected = new byte[9][];
        for (int k = 0; k < 9; k++) {
            expected[k] = frames[k].clone();
            frames[k][0]++;
        }
        SequenceBatch batch = new SequenceBatch(3, 8, A, s);
        replay.sample(3, 8, rng, batch);
        for (int b = 0; b < 3; b++) {
            for (int t = 0; t < 9; t++) {
                int off = batch.frameOffset(b, t);
                for (int y = 0; y < s; y++) {
                    for (int x = 0; x < s; x++) {
                        for (int c = 0; c < 3; c++) {
                            int stored = expected[t][(y * s + x) * 3 + c] & 0xFF;
                            assertEquals(stored / 255f, batch.frames[off + (c * s + y) * s + x]);
                        }
                    }
                }
                assertArrayEquals(expected[t], batch.frameBytes(b, t));
            }
        }
    }

    @Test
    void sequencesNeverMixEpisodesIncludingAfterWrapAround() {
        SequenceReplay replay = new SequenceReplay(300, A, 4);
        Feeder feeder = new Feeder(replay);
        SplittableRandom lengths = new SplittableRandom(11);
        SplittableRandom rng = new SplittableRandom(5);
        SequenceBatch batch = new SequenceBatch(64, 8, A, 4);
        int sampled = 0;
        for (int round = 0; round < 120; round++) {
            feeder.episode(1 + lengths.nextInt(40), lengths.nextBoolean());
            if (replay.canSample(8)) {
                for (int rep = 0; rep < 5; rep++) {
                    replay.sample(64, 8, rng, batch);
                    checkBatch(feeder, batch, 64);
                    sampled += 64;
                }
            }
        }
        assertTrue(replay.totalAdded() > 5 * replay.capacity(), "ring should have wrapped several times");
        assertEquals(300, replay.size());
        assertTrue(sampled > 10000);
    }

    /**
     * Padded sampling (the actor-critic's): a sequence ending at step k of an episode holds that episode's frames
     * max(0, k+1-L+t) for t = 0..L, its actions k+1-L+t or zeros before the start, and never an overwritten slot.
     */
    @Test
    void paddedSequencesNeverMixEpisodesIncludingAfterWrapAround() {
        int length = 8;
        SequenceReplay replay = new SequenceReplay(300, A, 4);
        Feeder feeder = new Feeder(replay);
        SplittableRandom lengths = new SplittableRandom(13);
        SplittableRandom rng = new SplittableRandom(6);
        SequenceBatch batch = new SequenceBatch(64, length, A, 4);
        Set<Integer> paddedEnds = new HashSet<>();
        for (int round = 0; round < 120; round++) {
            feeder.episode(1 + lengths.nextInt(40), lengths.nextBoolean());
            long oldest = Math.max(0, replay.totalAdded() - replay.capacity());
            replay.samplePadded(64, length, rng, batch);
            for (int b = 0; b < 64; b++) {
                int[] last = decode(batch, b, length);
                int e = last[0];
                int k = last[1] - 1;  // the last transition is step k of episode e
                if (k < length - 1) {
                    paddedEnds.add(k);
                }
                for (int t = 0; t <= length; t++) {
                    int step = k + 1 - length + t;
                    assertArrayEquals(new int[] {e, Math.max(0, step)}, decode(batch, b, t), "frame " + t);
                }
                for (int t = 0; t < length; t++) {
                    int i = b * length + t;
                    int step = k + 1 - length + t;
                    boolean pad = step < 0;
                    assertEquals(pad ? 0f : e, batch.actions[i * A]);
                    assertEquals(pad ? 0f : step, batch.actions[i * A + 1]);
                    assertEquals(pad ? 0f : e * 1000f + step, batch.rewards[i]);
                    boolean terminal = !pad && step + 1 == feeder.episodeLength.get(e)
                            && feeder.terminatedEpisodes.contains(e);
                    assertEquals(terminal ? 0f : 1f, batch.notDone[i]);
                }
                int firstFrame = Math.max(0, k + 1 - length);
                long needed = feeder.producedBy.get(Feeder.key(e, Math.max(1, firstFrame)));
                assertTrue(needed >= oldest, "sequence uses an overwritten slot");
            }
        }
        assertTrue(replay.totalAdded() > 5 * replay.capacity(), "ring should have wrapped several times");
        assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6), paddedEnds, "sequences end at every early episode step");
    }

    @Test
    void paddedSamplingSkipsEndsWhoseEpisodeStartWasOverwritten() {
        SequenceReplay replay = new SequenceReplay(10, A, 4);
        Feeder feeder = new Feeder(replay);
        feeder.episode(15, false);  // steps 5..14 stored; the first frame (kept with step 0) is gone
        assertEquals(2, replay.countSequences(8), "ends at steps 13 and 14 have all 9 frames stored");
        assertEquals(2, replay.countPaddedSequences(8), "ends at steps 5..7 would need the lost first frame");
        feeder.episode(3, true);    // steps 0..2 of a new episode, its first frame stored
        assertEquals(0, replay.countSequences(8));
        assertEquals(3, replay.countPaddedSequences(8));
    }

    @Test
    void sequenceLengthOneAndMidEpisodeSampling() {
        SequenceReplay replay = new SequenceReplay(37, A, 4);
        Feeder feeder = new Feeder(replay);
        SequenceBatch batch = new SequenceBatch(16, 1, A, 4);
        SplittableRandom rng = new SplittableRandom(9);
        for (int i = 0; i < 30; i++) {
            feeder.episode(1 + i % 7, i % 3 == 0);
            replay.sample(16, 1, rng, batch);
            checkBatch(feeder, batch, 16);
        }
    }

    @Test
    void shortEpisodesAreNeverSampled() {
        SequenceReplay replay = new SequenceReplay(1000, A, 4);
        Feeder feeder = new Feeder(replay);
        for (int i = 0; i < 20; i++) {
            feeder.episode(7, false);
        }
        assertFalse(replay.canSample(8));
        assertTrue(replay.canSample(7));
        assertEquals(20, replay.countSequences(7));
        feeder.episode(9, true); // episode 20: two sequences of 8 steps
        for (int i = 0; i < 20; i++) {
            feeder.episode(3, false);
        }
        assertTrue(replay.canSample(8));
        assertEquals(2, replay.countSequences(8));
        SequenceBatch batch = new SequenceBatch(100, 8, A, 4);
        replay.sample(100, 8, new SplittableRandom(1), batch);
        checkBatch(feeder, batch, 100);
        Set<Integer> starts = new HashSet<>();
        for (int b = 0; b < 100; b++) {
            assertEquals(20, decode(batch, b, 0)[0]);
            starts.add(decode(batch, b, 0)[1]);
        }
        assertEquals(Set.of(0, 1), starts);
    }

    @Test
    void samplingIsUniformOverValidEndPoints() {
        SequenceReplay replay = new SequenceReplay(200, A, 4);
        Feeder feeder = new Feeder(replay);
        int[] lengths = {30, 4, 12, 50, 2, 9, 80, 33};
        for (int n : lengths) {
            feeder.episode(n, false);
        }
        int valid = replay.countSequences(8);
        Map<Long, Integer> hits = new HashMap<>();
        SequenceBatch batch = new SequenceBatch(250, 8, A, 4);
        SplittableRandom rng = new SplittableRandom(2);
        int draws = 0;
        for (int i = 0; i < 200; i++) {
            replay.sample(250, 8, rng, batch);
            checkBatch(feeder, batch, 250);
            for (int b = 0; b < 250; b++) {
                int[] id = decode(batch, b, 0);
                hits.merge(Feeder.key(id[0], id[1]), 1, Integer::sum);
                draws++;
            }
        }
        assertEquals(valid, hits.size(), "every valid end point should be drawn");
        double expected = (double) draws / valid;
        for (int count : hits.values()) {
            assertTrue(Math.abs(count - expected) < 6 * Math.sqrt(expected), "non-uniform: " + count + " vs " + expected);
        }
    }

    @Test
    void fallbackWhenValidSequencesAreRare() {
        SequenceReplay replay = new SequenceReplay(5000, A, 4);
        Feeder feeder = new Feeder(replay);
        feeder.episode(8, false); // the only valid sequence
        for (int i = 0; i < 1000; i++) {
            feeder.episode(4, false);
        }
        assertEquals(1, replay.countSequences(8));
        SequenceBatch batch = new SequenceBatch(32, 8, A, 4);
        replay.sample(32, 8, new SplittableRandom(4), batch);
        checkBatch(feeder, batch, 32);
        for (int b = 0; b < 32; b++) {
            assertEquals(0, decode(batch, b, 0)[0]);
        }
    }

    @Test
    void addRequiresAnOpenEpisode() {
        SequenceReplay replay = new SequenceReplay(10, A, 4);
        assertThrows(IllegalStateException.class, () -> replay.add(new float[A], 0, false, new byte[48]));
        replay.startEpisode(new byte[48]);
        replay.add(new float[A], 0, true, new byte[48]);
        assertThrows(IllegalStateException.class, () -> replay.add(new float[A], 0, false, new byte[48]));
        assertThrows(IllegalArgumentException.class, () -> replay.startEpisode(new byte[47]));
    }

    @Test
    void saveLoadRoundTripGivesIdenticalSamples() throws IOException {
        SequenceReplay replay = new SequenceReplay(150, A, 8);
        Feeder feeder = new Feeder(replay);
        SplittableRandom lengths = new SplittableRandom(13);
        for (int i = 0; i < 25; i++) {
            feeder.episode(1 + lengths.nextInt(30), lengths.nextBoolean());
        }
        // Leave an episode open mid-way, to be continued after loading.
        replay.startEpisode(feeder.frame(999, 0));
        replay.add(new float[] {999, 0}, 5f, false, feeder.frame(999, 1));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        replay.save(out);
        out.writeInt(0xCAFEBABE); // trailing data must be left for the caller
        out.flush();

        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        SequenceReplay loaded = SequenceReplay.load(in);
        assertEquals(0xCAFEBABE, in.readInt());
        assertEquals(replay.totalAdded(), loaded.totalAdded());
        assertEquals(replay.size(), loaded.size());
        assertEquals(replay.capacity(), loaded.capacity());
        assertEquals(replay.episodeStep(), loaded.episodeStep());

        assertSameSamples(replay, loaded, 77);
        // Continue both identically: the open episode goes on, then more episodes wrap the ring.
        for (SequenceReplay r : new SequenceReplay[] {replay, loaded}) {
            SplittableRandom frames = new SplittableRandom(21);
            for (int k = 1; k < 12; k++) {
                r.add(new float[] {999, k}, k, k == 11, randomFrame(frames, 8));
            }
            for (int e = 0; e < 10; e++) {
                r.startEpisode(randomFrame(frames, 8));
                for (int k = 0; k < 20; k++) {
                    r.add(new float[] {e, k}, k, false, randomFrame(frames, 8));
                }
            }
        }
        assertSameSamples(replay, loaded, 78);
    }

    @Test
    void saveLoadOfEmptyBuffer() throws IOException {
        SequenceReplay replay = new SequenceReplay(10, 3, 4);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        replay.save(new DataOutputStream(bytes));
        SequenceReplay loaded = SequenceReplay.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(0, loaded.size());
        assertEquals(3, loaded.actionDim());
        assertFalse(loaded.canSample(1));
        assertThrows(IllegalStateException.class, () -> loaded.add(new float[3], 0, false, new byte[48]));
    }

    @Test
    void loadingKeepsOrDropsTheStoredStatesAsAsked() throws IOException {
        SequenceReplay replay = new SequenceReplay(20, A, 4, 3);
        byte[] frame = new byte[48];
        replay.startEpisode(frame, new double[] {1, 2, 3});
        for (int k = 0; k < 6; k++) {
            replay.add(new float[] {k, -k}, k, false, frame, new double[] {k, k + 0.5, -k});
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        replay.save(out);
        out.writeInt(0xCAFEBABE);
        out.flush();
        List<Integer> asked = new ArrayList<>();
        for (boolean keep : new boolean[] {true, false}) {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
            SequenceReplay loaded = SequenceReplay.load(in, (width, earlier) -> {
                asked.add(width);
                assertFalse(earlier, "written with the suite observations");
                return keep;
            });
            assertEquals(0xCAFEBABE, in.readInt(), "the whole buffer is read either way");
            assertEquals(keep ? 3 : 0, loaded.stateDim());
            assertEquals(replay.size(), loaded.size());
            SequenceBatch a = new SequenceBatch(4, 2, A, 4, 3, true);
            SequenceBatch b = new SequenceBatch(4, 2, A, 4, keep ? 3 : 0, true);
            replay.sample(4, 2, new SplittableRandom(5), a);
            loaded.sample(4, 2, new SplittableRandom(5), b);
            assertArrayEquals(a.actions, b.actions);
            if (keep) {
                assertArrayEquals(a.states, b.states);
            }
            loaded.add(new float[] {9, 9}, 1, false, frame, new double[] {7, 8, 9});   // still takes new steps
        }
        assertEquals(List.of(3, 3), asked);
        byte[] earlier = bytes.toByteArray();
        earlier[7] = 2;   // the format version (bytes 4-7): 2 stored the states before the suite observations
        boolean[] told = new boolean[1];
        SequenceReplay.load(new DataInputStream(new ByteArrayInputStream(earlier)), (width, before) -> {
            told[0] = before;
            return true;
        });
        assertTrue(told[0], "a format 2 buffer's states have the earlier layout");
    }

    private static byte[] randomFrame(SplittableRandom rng, int s) {
        byte[] f = new byte[3 * s * s];
        for (int i = 0; i < f.length; i++) {
            f[i] = (byte) rng.nextInt(256);
        }
        return f;
    }

    private static void assertSameSamples(SequenceReplay a, SequenceReplay b, long seed) {
        SequenceBatch x = new SequenceBatch(64, 8, A, a.imageSize());
        SequenceBatch y = new SequenceBatch(64, 8, A, a.imageSize());
        SplittableRandom rx = new SplittableRandom(seed);
        SplittableRandom ry = new SplittableRandom(seed);
        for (int i = 0; i < 5; i++) {
            a.sample(64, 8, rx, x);
            b.sample(64, 8, ry, y);
            assertArrayEquals(x.frames, y.frames);
            assertArrayEquals(x.actions, y.actions);
            assertArrayEquals(x.rewards, y.rewards);
            assertArrayEquals(x.notDone, y.notDone);
        }
    }
}
