package slaclab.agent;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import slaclab.models.SequenceData;
import slaclab.models.nn.Backend;
import slaclab.models.nn.ParamGroup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SAC baselines at small sizes: finite losses, updates move what they should, each loss reaches only its own
 * parameters (the actor loss never moves a critic or the encoder; the encoder learns from the critic only), the
 * targets are Polyak averages, and a checkpoint round trip restores actions and the next update exactly.
 */
class SacBaselinesTest {
    private static final int A = 2;
    private static final int S = 5;
    private static final int H = 3;   // pixel SAC: 3 history frames, sequences of 3 steps
    private static final int B = 4;

    @BeforeAll
    static void backend() {
        Backend.selectNativeBuild();
    }

    static AgentConfig config(long seed) {
        return new AgentConfig(A, H, 0.99, 0.1, 1e-3, 0.0, 256, seed);
    }

    /** B sequences of l steps: random frames (or none), actions, rewards; states [B, l + 1, S]. */
    static SequenceData data(int l, boolean frames, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return new SequenceData(frames ? Nd4j.rand(DataType.FLOAT, (long) B * (l + 1), 3, 64, 64) : null,
                Nd4j.rand(DataType.FLOAT, B, l, A).muli(2).subi(1), Nd4j.rand(DataType.FLOAT, B, l),
                Nd4j.ones(DataType.FLOAT, B, l));
    }

    static INDArray states(int l, long seed) {
        Nd4j.getRandom().setSeed(seed + 100);
        return Nd4j.randn(DataType.FLOAT, B, l + 1, S);
    }

    static Map<String, INDArray> snapshot(ParamGroup g) {
        Map<String, INDArray> m = new HashMap<>();
        g.variables().forEach(v -> m.put(v.name(), v.getArr().dup()));
        return m;
    }

    static boolean moved(ParamGroup g, Map<String, INDArray> before) {
        return g.variables().stream().anyMatch(v -> !v.getArr().equals(before.get(v.name())));
    }

    @Test
    void stateSacLossesAreFiniteAndUpdatesMoveActorCriticAlphaAndTargets() {
        try (StateSacAgent agent = new StateSacAgent(config(1), S)) {
            assertEquals(Agent.Input.STATE, agent.input());
            assertEquals(1, agent.sequenceLength());
            assertFalse(agent.hasModel());
            var critic = snapshot(agent.criticGroup());
            var target = snapshot(agent.targetGroup());
            var actor = snapshot(agent.actorGroup());
            double alpha = agent.alphaValue();
            for (int i = 0; i < 3; i++) {
                SacLosses l = agent.updateActorCritic(data(1, false, i), states(1, i));
                for (double v : new double[]{l.critic(), l.actor(), l.alphaLoss(), l.alpha(), l.entropy(), l.q()}) {
                    assertTrue(Double.isFinite(v), l.toString());
                }
            }
            assertTrue(moved(agent.criticGroup(), critic) && moved(agent.actorGroup(), actor)
                    && moved(agent.targetGroup(), target));
            assertTrue(agent.alphaValue() != alpha, "alpha learns");
            float[] a = agent.act(new ActorInput(null, new float[0], new float[]{0.1f, 1, 0, 0.2f, -0.3f}), false);
            assertEquals(A, a.length);
            for (float x : a) {
                assertTrue(x > -1 && x < 1);
            }
        }
    }

    @Test
    void pixelSacLossesAreFiniteAndUpdatesMoveEncoderCriticsActor() {
        try (PixelSacAgent agent = new PixelSacAgent(config(2), 16)) {
            assertEquals(Agent.Input.PIXELS, agent.input());
            assertEquals(H, agent.sequenceLength());
            var critic = snapshot(agent.criticGroup());
            var actor = snapshot(agent.actorGroup());
            SacLosses l = agent.updateActorCritic(data(H, true, 3), null);
            assertTrue(Double.isFinite(l.critic()) && Double.isFinite(l.actor()) && Double.isFinite(l.alphaLoss()), l.toString());
            assertTrue(moved(agent.criticGroup(), critic) && moved(agent.actorGroup(), actor));
            var encoder = agent.criticGroup().variables().stream().filter(v -> v.name().startsWith("encoder/")).toList();
            assertFalse(encoder.isEmpty());
            assertTrue(encoder.stream().anyMatch(v -> !v.getArr().equals(critic.get(v.name()))), "the critic trains the encoder");
            Nd4j.getRandom().setSeed(4);
            float[] a = agent.act(new ActorInput(Nd4j.rand(DataType.FLOAT, H, 3, 64, 64), new float[(H - 1) * A], null), false);
            assertEquals(A, a.length);
        }
    }

    /** Gradients of each loss alone: only its own parameters get any. */
    static void assertEachLossReachesOnlyItsOwn(SacBaseline agent, Map<String, INDArray> in) {
        in.put("eps", Nd4j.randn(DataType.FLOAT, B, A));
        in.put("eps_next", Nd4j.randn(DataType.FLOAT, B, A));
        SameDiff sd = agent.graph();
        List<String> critic = agent.criticGroup().names(), target = agent.targetGroup().names();
        List<String> actor = agent.actorGroup().names(), alpha = agent.alphaGroup().names();
        List<String> all = new ArrayList<>(critic);
        all.addAll(target);
        all.addAll(actor);
        all.addAll(alpha);
        Map<String, List<String>> reaches = Map.of("critic_loss", critic, "actor_loss", actor, "alpha_loss", alpha);
        try {
            for (String loss : List.of("critic_loss", "actor_loss", "alpha_loss")) {
                sd.setLossVariables(loss);
                Map<String, INDArray> g = sd.calculateGradients(in, all);
                for (String v : all) {
                    INDArray gv = g.get(v);
                    double size = gv == null ? 0 : gv.amaxNumber().doubleValue();
                    if (reaches.get(loss).contains(v)) {
                        assertNotNull(gv, loss + " gives no gradient to " + v);
                        assertTrue(size > 0, loss + " gives a zero gradient to " + v);
                    } else {
                        assertEquals(0.0, size, 0.0, loss + " leaks a gradient into " + v);
                    }
                }
            }
        } finally {
            sd.setLossVariables("total_loss");
        }
    }

    @Test
    void hiddenUnitsSetsTheWidthOfActorAndCritics() {
        AgentConfig narrow = config(1);
        AgentConfig wide = new AgentConfig(A, H, 0.99, 0.1, 1e-3, 0.0, 1024, 1);
        try (StateSacAgent a = new StateSacAgent(narrow, S); StateSacAgent b = new StateSacAgent(wide, S)) {
            // 2 critics (S + A -> h -> h -> 1) and the actor (S -> h -> h -> 2A), biases included, plus log alpha.
            for (var c : new Object[][]{{a, 256}, {b, 1024}}) {
                long h = (int) c[1];
                long critic = (S + A) * h + h + h * h + h + h + 1;
                long actor = S * h + h + h * h + h + h * 2 * A + 2 * A;
                assertEquals(2 * critic + actor + 1, ((StateSacAgent) c[0]).parameterCount(), "width " + h);
            }
            assertEquals(A, b.act(new ActorInput(null, new float[0], new float[]{0.1f, 1, 0, 0.2f, -0.3f}), true).length);
        }
    }

    @Test
    void eachLossReachesOnlyItsOwnParametersFromState() {
        try (StateSacAgent agent = new StateSacAgent(config(5), S)) {
            Nd4j.getRandom().setSeed(5);
            Map<String, INDArray> in = new HashMap<>();
            in.put("obs", Nd4j.randn(DataType.FLOAT, B, S));
            in.put("next_obs", Nd4j.randn(DataType.FLOAT, B, S));
            in.put("act", Nd4j.rand(DataType.FLOAT, B, A));
            in.put("rew", Nd4j.rand(DataType.FLOAT, B, 1));
            in.put("mask", Nd4j.ones(DataType.FLOAT, B, 1));
            assertEachLossReachesOnlyItsOwn(agent, in);
        }
    }

    @Test
    void eachLossReachesOnlyItsOwnParametersFromPixels() {
        try (PixelSacAgent agent = new PixelSacAgent(config(6), 16)) {
            SequenceData d = data(H, true, 6);
            Map<String, INDArray> in = new HashMap<>();
            in.put("frames", d.frames());
            in.put("actions", d.actions());
            in.put("rewards", d.rewards());
            in.put("not_done", d.notDone());
            assertEachLossReachesOnlyItsOwn(agent, in);
        }
    }

    @Test
    void targetsArePolyakAveragesOfTheUpdatedCritics() {
        try (StateSacAgent agent = new StateSacAgent(config(7), S)) {
            var target = snapshot(agent.targetGroup());
            agent.updateActorCritic(data(1, false, 7), states(1, 7));
            var src = agent.criticGroup().variables();
            var dst = agent.targetGroup().variables();
            for (int i = 0; i < src.size(); i++) {
                INDArray expected = target.get(dst.get(i).name()).mul(0.9).add(src.get(i).getArr().mul(0.1));
                assertTrue(expected.equalsWithEps(dst.get(i).getArr(), 1e-6), dst.get(i).name());
            }
        }
    }

    static byte[] save(Agent a) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            a.save(out);
        }
        return bytes.toByteArray();
    }

    @Test
    void checkpointRoundTrip() throws IOException {
        try (PixelSacAgent a = new PixelSacAgent(config(8), 16); PixelSacAgent b = new PixelSacAgent(config(9), 16)) {
            SequenceData d = data(H, true, 8);
            a.updateActorCritic(d, null);
            b.updateActorCritic(data(H, true, 9), null);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(save(a)))) {
                b.load(in);
            }
            Nd4j.getRandom().setSeed(10);
            ActorInput obs = new ActorInput(Nd4j.rand(DataType.FLOAT, H, 3, 64, 64), new float[(H - 1) * A], null);
            assertArrayEquals(a.act(obs, true), b.act(obs, true), "same deterministic action after load");
            a.reseedNoise(11);
            b.reseedNoise(11);
            assertEquals(a.updateActorCritic(d, null), b.updateActorCritic(d, null), "same next update");
        }
        try (StateSacAgent a = new StateSacAgent(config(12), S); StateSacAgent b = new StateSacAgent(config(13), S)) {
            a.updateActorCritic(data(1, false, 12), states(1, 12));
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(save(a)))) {
                b.load(in);
            }
            ActorInput obs = new ActorInput(null, new float[0], new float[]{1, 2, 3, 4, 5});
            assertArrayEquals(a.act(obs, true), b.act(obs, true));
            a.reseedNoise(14);
            b.reseedNoise(14);
            assertEquals(a.updateActorCritic(data(1, false, 15), states(1, 15)),
                    b.updateActorCritic(data(1, false, 15), states(1, 15)));
        }
    }

    @Test
    void aStateBaselineSavedForAnotherStateWidthIsRefusedNamingBothWidths() throws IOException {
        try (StateSacAgent a = new StateSacAgent(config(16), S);
             StateSacAgent b = new StateSacAgent(config(17), S - 1)) {
            byte[] saved = save(a);
            StateWidthException e = assertThrows(StateWidthException.class, () -> {
                try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved))) {
                    b.load(in);
                }
            });
            assertEquals(S, e.saved());
            assertEquals(S - 1, e.now());
        }
    }
}
