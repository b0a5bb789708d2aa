package slaclab.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.NoOpMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import slaclab.models.nn.Backend;

/**
 * The actor's tanh-squashed Gaussian (acting branch of {@link LatentActorCritic}): a = tanh(u), u = m + exp(log_std) eps,
 * and log pi(a) is the density of a, checked against the change of variables N(atanh a; m, s) / (1 - a^2) and against
 * a finite difference of the probability of a small interval around a computed from the Gaussian CDF.
 */
class TanhGaussianTest {
    private static final int A = 2;
    private static final int FEATURES = 8;
    private static final int HISTORY = 3;
    private static final int N = 12;
    private static LatentActorCritic ac;
    private static int histLen;

    @BeforeAll
    static void build() {
        Backend.selectNativeBuild();
        AgentConfig cfg = new AgentConfig(A, HISTORY, 0.99, 0.005, 3e-4, 0.0, 256, 4);
        ac = new LatentActorCritic(cfg, FEATURES, 6);
        histLen = cfg.historyLength(FEATURES);
        assertEquals(HISTORY * FEATURES + (HISTORY - 1) * A, histLen);
    }

    @AfterAll
    static void close() {
        ac.close();
    }

    // ---- reference maths in double precision ----

    /** erf by the everywhere-positive series erf x = 2/sqrt(pi) e^{-x^2} sum_n 2^n x^{2n+1} / (2n+1)!!. */
    static double erf(double x) {
        if (Math.abs(x) > 6) {
            return Math.signum(x);
        }
        double term = x, sum = x;
        for (int n = 1; n < 500; n++) {
            term *= 2 * x * x / (2 * n + 1);
            sum += term;
            if (Math.abs(term) < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x) * sum;
    }

    static double normalCdf(double z) {
        return 0.5 * (1 + erf(z / Math.sqrt(2)));
    }

    static double atanh(double a) {
        return 0.5 * Math.log((1 + a) / (1 - a));
    }

    static double logNormal(double x, double m, double s) {
        double z = (x - m) / s;
        return -0.5 * z * z - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
    }

    /** log(1 - tanh(u)^2) without cancellation for large |u|. */
    static double logOneMinusTanh2(double u) {
        double au = Math.abs(u);
        return 2 * (Math.log(2) - au - Math.log1p(Math.exp(-2 * au)));
    }

    @Test
    void erfReferenceIsAccurate() {
        // known values (Abramowitz-Stegun table 7.1, and erf(1) to 16 digits)
        assertEquals(0.8427007929497149, erf(1.0), 1e-15);
        assertEquals(0.9953222650189527, erf(2.0), 1e-15);
        assertEquals(0.5204998778130465, erf(0.5), 1e-15);
        assertEquals(-0.8427007929497149, erf(-1.0), 1e-15);
        assertEquals(0.975, normalCdf(1.959963984540054), 1e-13);
    }

    // ---- graph access ----

    /**
     * Evaluates the acting branch of the shared instance. The evaluation uses a non-recycling memory manager:
     * SameDiff 1.0.0-M2.1's default inference memory manager returns wrong values with the oneDNN builds (see
     * {@link #actOfAFreshInstanceIsTanhOfTheActorMean}, which checks the public path), and the tests here are about
     * the maths of the branch.
     */
    private static Map<String, INDArray> run(INDArray history, INDArray eps) {
        SameDiff sd = ac.graph();
        InferenceSession s = sd.getSessions().computeIfAbsent(Thread.currentThread().getId(),
                k -> new InferenceSession(sd));
        if (!(s.getMmgr() instanceof NoOpMemoryMgr)) {
            s.setMmgr(new NoOpMemoryMgr());
        }
        return sd.output(Map.of("history", history, "action_eps", eps),
                "action", "action_pre_tanh_mean", "action_log_std", "action_log_prob", "action_mean");
    }

    private static INDArray randomHistory(Random r, int n) {
        INDArray h = Nd4j.zeros(DataType.FLOAT, n, histLen);
        for (long i = 0; i < h.length(); i++) {
            h.putScalar(i, r.nextGaussian());
        }
        return h;
    }

    private static INDArray clippedNoise(Random r, int n) {
        INDArray e = Nd4j.zeros(DataType.FLOAT, n, A);
        for (long i = 0; i < e.length(); i++) {
            e.putScalar(i, Math.max(-2.5, Math.min(2.5, r.nextGaussian())));
        }
        return e;
    }

    private static INDArray biasOfLogStd(double value) {
        INDArray b = ac.graph().getArrForVarName("actor/2/b");
        INDArray saved = b.dup();
        for (int j = 0; j < A; j++) {
            b.putScalar(A + j, value);
        }
        return saved;
    }

    /** Checks action = tanh(m + s eps) and log_prob = sum[log N(u; m, s) - log(1 - tanh^2 u)], returns u. */
    private static double[][] checkAnalytic(Map<String, INDArray> out, INDArray eps, double tol) {
        INDArray m = out.get("action_pre_tanh_mean"), ls = out.get("action_log_std");
        INDArray act = out.get("action"), lp = out.get("action_log_prob");
        assertEquals(N, lp.length(), "one log-probability per row");
        double[][] us = new double[N][A];
        for (int i = 0; i < N; i++) {
            double ref = 0;
            for (int j = 0; j < A; j++) {
                double s = Math.exp(ls.getDouble(i, j));
                double u = m.getDouble(i, j) + s * eps.getDouble(i, j);
                us[i][j] = u;
                assertEquals(Math.tanh(u), act.getDouble(i, j), 1e-6, "action = tanh(u)");
                assertEquals(Math.tanh(m.getDouble(i, j)), out.get("action_mean").getDouble(i, j), 1e-6,
                        "deterministic action = tanh(mean)");
                ref += logNormal(u, m.getDouble(i, j), s) - logOneMinusTanh2(u);
            }
            assertEquals(ref, lp.getDouble(i), tol * Math.max(1, Math.abs(ref)), "log pi row " + i);
        }
        return us;
    }

    @Test
    void logProbIsDensityOfSquashedAction() {
        Random r = new Random(31);
        INDArray hist = randomHistory(r, N);
        INDArray eps = clippedNoise(r, N);
        Map<String, INDArray> out = run(hist, eps);
        double[][] us = checkAnalytic(out, eps, 1e-5);
        INDArray m = out.get("action_pre_tanh_mean"), ls = out.get("action_log_std");
        INDArray lp = out.get("action_log_prob");
        for (int i = 0; i < N; i++) {
            double viaAtanh = 0, viaCdf = 0;
            for (int j = 0; j < A; j++) {
                double mean = m.getDouble(i, j), s = Math.exp(ls.getDouble(i, j));
                double a = Math.tanh(us[i][j]);
                assertTrue(a > -1 && a < 1, "action strictly inside (-1, 1)");
                assertTrue(Math.abs(out.get("action").getDouble(i, j)) < 1, "graph action strictly inside (-1, 1)");
                // change of variables with the inverse map
                viaAtanh += logNormal(atanh(a), mean, s) - Math.log(1 - a * a);
                // P(a - d < tanh(U) < a + d) / 2d from the Gaussian CDF at the atanh of the interval's ends
                double d = 1e-5 * (1 - a * a);
                double p = normalCdf((atanh(a + d) - mean) / s) - normalCdf((atanh(a - d) - mean) / s);
                viaCdf += Math.log(p / (2 * d));
            }
            assertEquals(viaAtanh, lp.getDouble(i), 1e-4 * Math.max(1, Math.abs(viaAtanh)), "change of variables, row " + i);
            // relative 1e-3 on the density is 1e-3 on its logarithm
            assertEquals(viaCdf, lp.getDouble(i), 1e-3, "CDF finite difference, row " + i);
        }
    }

    @Test
    void logStdIsClippedAtTwo() {
        INDArray saved = biasOfLogStd(50);
        try {
            Random r = new Random(32);
            INDArray eps = Nd4j.randn(DataType.FLOAT, N, A);
            Map<String, INDArray> out = run(randomHistory(r, N), eps);
            INDArray ls = out.get("action_log_std");
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < A; j++) {
                    assertEquals(2.0, ls.getDouble(i, j), 0.0, "log std clipped to 2");
                    double a = out.get("action").getDouble(i, j);
                    assertTrue(a >= -1 && a <= 1, "action within [-1, 1] even with std e^2: " + a);
                }
                assertTrue(Double.isFinite(out.get("action_log_prob").getDouble(i)), "finite log pi");
            }
            // log pi uses the clipped std and a saturation-safe log(1 - tanh^2)
            checkAnalytic(out, eps, 1e-5);
        } finally {
            ac.graph().getArrForVarName("actor/2/b").assign(saved);
        }
    }

    @Test
    void logStdIsClippedAtMinusTwenty() {
        INDArray saved = biasOfLogStd(-50);
        try {
            Random r = new Random(33);
            INDArray eps = clippedNoise(r, N);
            Map<String, INDArray> out = run(randomHistory(r, N), eps);
            INDArray ls = out.get("action_log_std");
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < A; j++) {
                    assertEquals(-20.0, ls.getDouble(i, j), 0.0, "log std clipped to -20");
                    assertEquals(Math.tanh(out.get("action_pre_tanh_mean").getDouble(i, j)),
                            out.get("action").getDouble(i, j), 1e-6, "std e^-20: the action is tanh(mean)");
                }
            }
            checkAnalytic(out, eps, 1e-5);
        } finally {
            ac.graph().getArrForVarName("actor/2/b").assign(saved);
        }
    }

    @Test
    void unclippedLogStdPassesThrough() {
        INDArray saved = biasOfLogStd(0.75);
        try {
            Random r = new Random(34);
            Map<String, INDArray> out = run(randomHistory(r, N), clippedNoise(r, N));
            INDArray ls = out.get("action_log_std");
            boolean someAwayFromBounds = false;
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < A; j++) {
                    double v = ls.getDouble(i, j);
                    assertTrue(v > -20 && v < 2, "inside the clip range");
                    someAwayFromBounds |= Math.abs(v - 0.75) > 1e-3;
                }
            }
            assertTrue(someAwayFromBounds, "log std depends on the history, not just on the bias");
        } finally {
            ac.graph().getArrForVarName("actor/2/b").assign(saved);
        }
    }

    /** The actor MLP evaluated with plain ND4J array maths: [N, 2A] = (mean, unclipped log std). */
    private static INDArray actorByHand(LatentActorCritic owner, INDArray history) {
        SameDiff sd = owner.graph();
        INDArray x = history;
        for (int l = 0; l < 3; l++) {
            x = x.mmul(sd.getArrForVarName("actor/" + l + "/w")).addRowVector(sd.getArrForVarName("actor/" + l + "/b"));
            if (l < 2) {
                x = org.nd4j.linalg.ops.transforms.Transforms.leakyRelu(x, 0.2);
            }
        }
        return x;
    }

    @Test
    void actingBranchIsTheActorMlpOfTheHistory() {
        // the branch's mean is the first half of the actor's output, its log std the clipped second half (3 calls)
        Random r = new Random(36);
        INDArray hist = randomHistory(r, N);
        INDArray eps = clippedNoise(r, N);
        INDArray raw = actorByHand(ac, hist);
        for (int call = 0; call < 3; call++) {
            Map<String, INDArray> out = run(hist, eps);
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < A; j++) {
                    assertEquals(raw.getDouble(i, j), out.get("action_pre_tanh_mean").getDouble(i, j), 1e-4,
                            "call " + call + ": pre-tanh mean [" + i + "," + j + "]");
                    assertEquals(Math.max(-20, Math.min(2, raw.getDouble(i, A + j))),
                            out.get("action_log_std").getDouble(i, j), 1e-4,
                            "call " + call + ": log std [" + i + "," + j + "]");
                }
            }
        }
    }

    @Test
    void actOfAFreshInstanceIsTanhOfTheActorMean() {
        // the public path, through SameDiff's default inference session, on every call
        try (LatentActorCritic other = new LatentActorCritic(new AgentConfig(A, HISTORY, 0.99, 0.005, 3e-4, 0.0, 256, 9),
                FEATURES, 6)) {
            Random r = new Random(37);
            INDArray hist = randomHistory(r, N);
            INDArray raw = actorByHand(other, hist);
            for (int call = 0; call < 3; call++) {
                INDArray mean = other.act(hist, true);
                for (int i = 0; i < N; i++) {
                    for (int j = 0; j < A; j++) {
                        assertEquals(Math.tanh(raw.getDouble(i, j)), mean.getDouble(i, j), 1e-4,
                                "call " + call + ": act(history, true) = tanh(mean) [" + i + "," + j + "]");
                    }
                }
                // sampled actions: tanh(mean + std eps) lies between tanh(mean - 6 std) and tanh(mean + 6 std)
                INDArray sample = other.act(hist, false);
                for (int i = 0; i < N; i++) {
                    for (int j = 0; j < A; j++) {
                        double s = Math.exp(Math.max(-20, Math.min(2, raw.getDouble(i, A + j))));
                        double m = raw.getDouble(i, j), a = sample.getDouble(i, j);
                        assertTrue(a >= Math.tanh(m - 6 * s) - 1e-6 && a <= Math.tanh(m + 6 * s) + 1e-6,
                                "call " + call + ": sampled action " + a + " far outside N(" + m + ", " + s + ")");
                    }
                }
            }
        }
    }

    @Test
    void actSamplesInsideTheCubeAndMeanIsDeterministic() {
        Random r = new Random(35);
        INDArray hist = randomHistory(r, N);
        INDArray a1 = ac.act(hist, false), a2 = ac.act(hist, false);
        assertEquals(N * A, a1.length());
        for (long i = 0; i < a1.length(); i++) {
            assertTrue(Math.abs(a1.getDouble(i)) < 1 && Math.abs(a2.getDouble(i)) < 1);
        }
        assertTrue(a1.sub(a2).amaxNumber().doubleValue() > 0, "stochastic actions use fresh noise");
        assertEquals(ac.act(hist, true), ac.act(hist, true), "mean action is deterministic");
    }
}
