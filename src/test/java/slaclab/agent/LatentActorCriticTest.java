package slaclab.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import slaclab.models.nn.Backend;
import slaclab.models.nn.ParamGroup;

/**
 * LatentActorCritic at a small size (features 8, latents 6, |A| 2, 3 history frames, batch 16): target critics and
 * their Polyak averaging, learning of the critic on a fixed batch, the sign of the temperature step, which loss
 * reaches which parameters, and checkpoints.
 */
class LatentActorCriticTest {
    private static final int A = 2;
    private static final int H = 3;
    private static final int T = H + 1;
    private static final int F = 8;
    private static final int Z = 6;
    private static final int B = 16;
    private static final double TAU = 0.1;
    private static final double LR = 1e-3;

    @BeforeAll
    static void backend() {
        Backend.selectNativeBuild();
    }

    static AgentConfig config(long seed) {
        return new AgentConfig(A, H, 0.99, TAU, LR, 0.0, 256, seed);
    }

    /** features [B, T, F], latents [B, T, Z], actions [B, L, A], rewards [B, L], notDone [B, L]. */
    record Batch(INDArray features, INDArray latents, INDArray actions, INDArray rewards, INDArray notDone) {
        SacLosses update(LatentActorCritic ac) {
            return ac.update(features, latents, actions, rewards, notDone);
        }
    }

    static Batch batch(long seed) {
        Random r = new Random(seed);
        INDArray f = Nd4j.zeros(DataType.FLOAT, B, T, F), z = Nd4j.zeros(DataType.FLOAT, B, T, Z);
        INDArray a = Nd4j.zeros(DataType.FLOAT, B, H, A), rew = Nd4j.zeros(DataType.FLOAT, B, H);
        for (long i = 0; i < f.length(); i++) {
            f.putScalar(i, Math.abs(r.nextGaussian()));
        }
        for (long i = 0; i < z.length(); i++) {
            z.putScalar(i, r.nextGaussian());
        }
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, 2 * r.nextDouble() - 1);
        }
        for (long i = 0; i < rew.length(); i++) {
            rew.putScalar(i, r.nextDouble());
        }
        return new Batch(f, z, a, rew, Nd4j.ones(DataType.FLOAT, B, H));
    }


    static List<INDArray> copies(ParamGroup g) {
        List<INDArray> out = new ArrayList<>();
        for (SDVariable v : g.variables()) {
            out.add(v.getArr().dup());
        }
        return out;
    }

    static double logAlpha(LatentActorCritic ac) {
        return ac.graph().getArrForVarName("log_alpha").getDouble(0);
    }

    @Test
    void targetCriticsStartAsCopiesOfTheCritics() {
        try (LatentActorCritic ac = new LatentActorCritic(config(1), F, Z)) {
            List<SDVariable> c = ac.criticGroup().variables(), t = ac.targetGroup().variables();
            assertEquals(12, c.size(), "two critics, three dense layers each, weight and bias");
            assertEquals(c.size(), t.size());
            for (int i = 0; i < c.size(); i++) {
                assertEquals("target_" + c.get(i).name(), t.get(i).name(), "targets pair with critics by position");
                assertEquals(c.get(i).getArr(), t.get(i).getArr(), "initial " + t.get(i).name());
            }
            // the two critics are initialised independently
            assertFalse(ac.graph().getArrForVarName("critic1/0/w").equals(ac.graph().getArrForVarName("critic2/0/w")));
        }
    }

    @Test
    void targetsArePolyakAveragesOfTheUpdatedCritics() {
        Batch d = batch(2);
        try (LatentActorCritic ac = new LatentActorCritic(config(2), F, Z)) {
            for (int i = 0; i < 3; i++) {
                d.update(ac); // let the targets lag behind the critics
            }
            List<INDArray> criticBefore = copies(ac.criticGroup()), targetBefore = copies(ac.targetGroup());
            d.update(ac);
            List<INDArray> criticAfter = copies(ac.criticGroup()), targetAfter = copies(ac.targetGroup());
            double maxCriticStep = 0, maxLag = 0;
            for (int i = 0; i < criticAfter.size(); i++) {
                INDArray expected = criticAfter.get(i).castTo(DataType.DOUBLE).mul(TAU)
                        .add(targetBefore.get(i).castTo(DataType.DOUBLE).mul(1 - TAU));
                double err = expected.sub(targetAfter.get(i).castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
                assertTrue(err < 1e-6, ac.targetGroup().names().get(i) + ": |target - (tau critic_new + (1-tau) "
                        + "target_old)| = " + err);
                maxCriticStep = Math.max(maxCriticStep,
                        criticAfter.get(i).sub(criticBefore.get(i)).amaxNumber().doubleValue());
                maxLag = Math.max(maxLag, criticAfter.get(i).sub(targetBefore.get(i)).amaxNumber().doubleValue());
            }
            // the check above would have noticed averaging with the pre-step critic, or a swapped tau
            assertTrue(TAU * maxCriticStep > 1e-5, "critic step too small to tell old from new: " + maxCriticStep);
            assertTrue((1 - 2 * TAU) * maxLag > 1e-5, "targets do not lag the critics: " + maxLag);
        }
    }

    @Test
    void criticLossFallsOnAFixedBatch() {
        // terminal transitions: y = r, a fixed regression target (with bootstrapping the sampled next actions and
        // alpha log pi keep y noisy, and the loss flattens out at that noise)
        Batch b = batch(3);
        Batch d = new Batch(b.features(), b.latents(), b.actions(), b.rewards(), Nd4j.zeros(DataType.FLOAT, B, H));
        try (LatentActorCritic ac = new LatentActorCritic(config(3), F, Z)) {
            double[] loss = new double[30];
            for (int i = 0; i < loss.length; i++) {
                SacLosses l = d.update(ac);
                assertTrue(Double.isFinite(l.critic()) && Double.isFinite(l.actor()), "update " + i + ": " + l);
                assertTrue(l.critic() >= 0, "critic loss is a squared error");
                loss[i] = l.critic();
            }
            double first = (loss[0] + loss[1] + loss[2] + loss[3] + loss[4]) / 5;
            double last = (loss[25] + loss[26] + loss[27] + loss[28] + loss[29]) / 5;
            assertTrue(last < 0.25 * first, "critic loss did not fall: first five " + first + ", last five " + last);
            assertEquals(30, ac.criticGroup().iteration());
            assertEquals(30, ac.actorGroup().iteration());
        }
    }

    @Test
    void temperatureFallsWhenEntropyIsAboveTarget() {
        try (LatentActorCritic ac = new LatentActorCritic(config(4), F, Z)) {
            assertEquals(0.0, logAlpha(ac), 0.0, "initial log alpha");
            SacLosses l = batch(4).update(ac);
            assertTrue(l.entropy() > ac.config().targetEntropy(),
                    "a fresh policy (std ~ 1) is more random than the target -|A|: " + l.entropy());
            // J(alpha) = -log alpha (log pi - |A|): d/dlog alpha = entropy + |A| > 0, and Adam's first step is ~lr
            assertEquals(-LR, logAlpha(ac), 1e-6, "log alpha after one step");
            assertEquals(Math.exp(logAlpha(ac)), l.alpha(), 1e-9, "reported alpha is the updated one");
            assertEquals(l.alpha(), ac.alphaValue(), 1e-12);
            assertEquals(0.0, l.alphaLoss(), 1e-12, "alpha loss is -log alpha (...) = 0 at log alpha = 0");
        }
    }

    @Test
    void temperatureRisesWhenEntropyIsBelowTarget() {
        try (LatentActorCritic ac = new LatentActorCritic(config(5), F, Z)) {
            INDArray b = ac.graph().getArrForVarName("actor/2/b");
            for (int j = 0; j < A; j++) {
                b.putScalar(A + j, -10.0); // log std ~ -10: a nearly deterministic policy
            }
            SacLosses l = batch(5).update(ac);
            assertTrue(l.entropy() < ac.config().targetEntropy(), "entropy " + l.entropy());
            assertEquals(LR, logAlpha(ac), 1e-6, "log alpha after one step");
        }
    }

    @Test
    void eachLossReachesOnlyItsOwnParameters() {
        Batch d = batch(6);
        Map<String, INDArray> in = new HashMap<>();
        in.put("features", d.features());
        in.put("latents", d.latents());
        in.put("actions", d.actions());
        in.put("rewards", d.rewards());
        in.put("not_done", d.notDone());
        in.put("eps", Nd4j.randn(DataType.FLOAT, B, A));
        try (LatentActorCritic ac = new LatentActorCritic(config(6), F, Z)) {
            SameDiff sd = ac.graph();
            List<String> critic = ac.criticGroup().names(), target = ac.targetGroup().names();
            List<String> actor = ac.actorGroup().names(), alpha = List.of("log_alpha");
            List<String> all = new ArrayList<>(critic);
            all.addAll(target);
            all.addAll(actor);
            all.addAll(alpha);
            Map<String, List<String>> reaches = Map.of(
                    "critic_loss", critic,      // y is a constant: not the actor, not the targets, not alpha
                    "actor_loss", actor,        // critics frozen, alpha a constant
                    "alpha_loss", alpha);       // log pi a constant
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
        }
    }

    static byte[] save(LatentActorCritic ac) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            ac.save(out, slaclab.models.nn.ParamGroup.Storage.CHECKPOINT);
        }
        return bytes.toByteArray();
    }

    static void assertSameParameters(LatentActorCritic x, LatentActorCritic y) {
        for (String name : List.of("critic", "target", "actor")) {
            ParamGroup gx = name.equals("critic") ? x.criticGroup() : name.equals("target") ? x.targetGroup()
                    : x.actorGroup();
            ParamGroup gy = name.equals("critic") ? y.criticGroup() : name.equals("target") ? y.targetGroup()
                    : y.actorGroup();
            assertEquals(gx.iteration(), gy.iteration(), name + " iteration");
            for (int i = 0; i < gx.variables().size(); i++) {
                assertEquals(gx.variables().get(i).getArr(), gy.variables().get(i).getArr(),
                        gx.variables().get(i).name());
            }
        }
        assertEquals(logAlpha(x), logAlpha(y), 0.0, "log alpha");
    }

    @Test
    void saveLoadRoundTrip() throws IOException {
        Batch d = batch(7);
        int histLen = config(7).historyLength(F);
        INDArray hist = Nd4j.randn(new Random(7).nextLong(), new long[]{5, histLen}).castTo(DataType.FLOAT);
        try (LatentActorCritic a = new LatentActorCritic(config(7), F, Z);
             LatentActorCritic b = new LatentActorCritic(config(8), F, Z)) {
            for (int i = 0; i < 3; i++) {
                d.update(a);
            }
            batch(9).update(b); // b has Adam moments and targets of its own, all to be overwritten
            assertFalse(a.act(hist, true).equals(b.act(hist, true)), "different models act differently");
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(save(a)))) {
                b.load(in);
            }
            assertSameParameters(a, b);
            INDArray actA = a.act(hist, true), actB = b.act(hist, true);
            assertEquals(actA, actB, "deterministic actions after load");

            a.reseedNoise(11);
            b.reseedNoise(11);
            assertEquals(d.update(a), d.update(b), "losses of the update after load");
            assertSameParameters(a, b);
        }
    }
}
