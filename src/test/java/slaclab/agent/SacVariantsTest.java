package slaclab.agent;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import slaclab.models.nn.Backend;
import slaclab.models.nn.Layers;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published state-SAC code's choices a preset can ask for (issue 16: finding why the state baseline stays below
 * pytorch_sac's returns): ReLU hidden layers, the log-std squashed into [-5, 2] by tanh, and target critics that move
 * on every n-th update. Each is checked against its closed form; the defaults stay the paper's.
 */
class SacVariantsTest {
    private static final int A = 2;
    private static final int S = 5;

    @BeforeAll
    static void backend() {
        Backend.selectNativeBuild();
    }

    private static AgentConfig config(Layers.Activation f, LogStdBounds b, int targetEvery) {
        return new AgentConfig(A, 3, 0.99, 0.1, 1e-3, 0.0, 256, 3, f, b, targetEvery, Layers.Init.GLOROT);
    }

    @Test
    void theDefaultsAreThePapers() {
        AgentConfig paper = AgentConfig.paper(A, 1);
        assertEquals(Layers.Activation.LEAKY_RELU, paper.activation());
        assertEquals(LogStdBounds.CLIP, paper.logStd());
        assertEquals(1, paper.targetUpdateEvery());
        assertThrows(IllegalArgumentException.class, () -> config(Layers.Activation.RELU, LogStdBounds.CLIP, 0));
    }

    /** A 2-2-2-1 MLP with fixed weights on inputs whose hidden units are negative and positive. */
    @Test
    void reluAndLeakyReluHiddenLayersMatchTheirClosedForms() {
        float[][] w0 = {{1, -1}, {0.5f, 2}}, w1 = {{1, -2}, {-1, 0.5f}}, w2 = {{1}, {-3}};
        float[] x = {1, -1};
        for (Layers.Activation f : Layers.Activation.values()) {
            SameDiff g = SameDiff.create();
            Layers layers = new Layers(g);
            Layers.Mlp mlp = new Layers.Mlp(dense(g, w0), dense(g, w1), dense(g, w2), f);
            SDVariable in = g.placeHolder("x", DataType.FLOAT, -1, 2);
            mlp.apply(layers, in).rename("y");
            double y = g.output(Map.of("x", Nd4j.createFromArray(new float[][]{x})), "y").get("y").getDouble(0);
            double slope = f == Layers.Activation.RELU ? 0 : Layers.LEAKY_SLOPE;
            double[] h = act(layer(x, w0), slope);
            h = act(layer(h, w1), slope);
            double expected = layer(h, w2)[0];
            assertEquals(expected, y, 1e-6, f.name());
        }
        assertEquals(Layers.Activation.RELU, Layers.Activation.of("relu"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Layers.Activation.of("gelu")).getMessage()
                .contains("choose leaky_relu (the paper's) or relu"));
    }

    private static Layers.Dense dense(SameDiff g, float[][] w) {
        return new Layers.Dense(g.constant(Nd4j.createFromArray(w)), g.constant(Nd4j.zeros(DataType.FLOAT, w[0].length)));
    }

    private static double[] layer(float[] x, float[][] w) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return layer(d, w);
    }

    private static double[] layer(double[] x, float[][] w) {
        double[] y = new double[w[0].length];
        for (int j = 0; j < y.length; j++) {
            for (int i = 0; i < x.length; i++) {
                y[j] += x[i] * w[i][j];
            }
        }
        return y;
    }

    private static double[] act(double[] v, double slope) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] > 0 ? v[i] : slope * v[i];
        }
        return out;
    }

    @Test
    void tanhBoundsSquashTheLogStdIntoMinusFiveToTwoAndTheLogProbUsesIt() {
        float[] raw = {-100, 100, 0, 0.7f};
        for (LogStdBounds b : LogStdBounds.values()) {
            SameDiff g = SameDiff.create();
            Layers layers = new Layers(g);
            Layers.Dense zero = new Layers.Dense(g.constant(Nd4j.zeros(DataType.FLOAT, 1, 1)),
                    g.constant(Nd4j.zeros(DataType.FLOAT, 1)));
            float[] bias = {0.3f, -0.2f, raw[0], raw[1]};
            Layers.Dense head = new Layers.Dense(g.constant(Nd4j.zeros(DataType.FLOAT, 1, 4)),
                    g.constant(Nd4j.createFromArray(bias)));
            SDVariable input = g.placeHolder("input", DataType.FLOAT, -1, 1);
            SDVariable eps = g.placeHolder("eps", DataType.FLOAT, -1, A);
            SquashedGaussian.Policy p = SquashedGaussian.policy(layers, new Layers.Mlp(zero, zero, head), input, eps, A, b);
            p.logStd().rename("log_std");
            p.logProb().rename("log_prob");
            float[] e = {0.5f, -0.25f};
            Map<String, INDArray> out = g.output(Map.of("input", Nd4j.zeros(DataType.FLOAT, 1, 1),
                    "eps", Nd4j.createFromArray(new float[][]{e})), "log_std", "log_prob");
            double[] logStd = b == LogStdBounds.CLIP ? new double[]{-20, 2}
                    : new double[]{-5 + 3.5 * (Math.tanh(raw[0]) + 1), -5 + 3.5 * (Math.tanh(raw[1]) + 1)};
            double ref = 0;
            for (int i = 0; i < A; i++) {
                assertEquals(logStd[i], out.get("log_std").getDouble(0, i), 1e-5, b.name() + " log std " + i);
                double u = bias[i] + Math.exp(logStd[i]) * e[i];
                ref += -0.5 * e[i] * e[i] - logStd[i] - 0.5 * Math.log(2 * Math.PI) - Math.log(1 - Math.pow(Math.tanh(u), 2));
            }
            assertEquals(ref, out.get("log_prob").getDouble(0), 1e-4 * Math.abs(ref), b.name() + " log pi");
        }
        // the squash is smooth inside the range: raw 0 is the middle, -1.5; raw 0.7 is tanh-scaled, not clipped
        SameDiff g = SameDiff.create();
        SDVariable r = g.constant(Nd4j.createFromArray(0f, 0.7f));
        LogStdBounds.TANH.apply(g, r).rename("s");
        INDArray s = g.output(Map.of(), "s").get("s");
        assertEquals(-1.5, s.getDouble(0), 1e-6);
        assertEquals(-5 + 3.5 * (Math.tanh(0.7) + 1), s.getDouble(1), 1e-6);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LogStdBounds.of("softplus")).getMessage()
                .contains("choose clip"));
    }

    @Test
    void targetCriticsMoveOnTheFirstAndThenEveryNthUpdate() {
        try (StateSacAgent agent = new StateSacAgent(config(Layers.Activation.RELU, LogStdBounds.TANH, 2), S)) {
            boolean[] moves = new boolean[5];
            for (int i = 0; i < moves.length; i++) {
                var target = SacBaselinesTest.snapshot(agent.targetGroup());
                var critic = SacBaselinesTest.snapshot(agent.criticGroup());
                SacLosses l = agent.updateActorCritic(SacBaselinesTest.data(1, false, i), SacBaselinesTest.states(1, i));
                assertTrue(Double.isFinite(l.critic()) && Double.isFinite(l.actor()), l.toString());
                assertTrue(SacBaselinesTest.moved(agent.criticGroup(), critic), "the critics learn at every update");
                moves[i] = SacBaselinesTest.moved(agent.targetGroup(), target);
            }
            assertTrue(moves[0] && moves[2] && moves[4], "targets move on updates 1, 3, 5");
            assertFalse(moves[1] || moves[3], "and stay between them");
        }
    }

    /**
     * pytorch_sac's orthogonal initialisation: every weight of the actor and the critics has orthonormal columns
     * (in >= out) or rows (in < out), biases start at zero, the targets start as the critics, and a seed draws the
     * same weights again. The default (Glorot uniform, bounded by sqrt(6 / (in + out))) is not orthogonal.
     */
    @Test
    void orthogonalInitialisationGivesOrthonormalWeightsAndGlorotStaysTheDefault() {
        AgentConfig orthogonal = new AgentConfig(A, 3, 0.99, 0.1, 1e-3, 0.0, 64, 3, Layers.Activation.RELU,
                LogStdBounds.TANH, 2, Layers.Init.ORTHOGONAL);
        try (StateSacAgent agent = new StateSacAgent(orthogonal, S);
             StateSacAgent again = new StateSacAgent(orthogonal, S);
             StateSacAgent glorot = new StateSacAgent(config(Layers.Activation.RELU, LogStdBounds.TANH, 2), S)) {
            int weights = 0;
            for (var group : java.util.List.of(agent.actorGroup(), agent.criticGroup())) {
                for (SDVariable v : group.variables()) {
                    INDArray w = v.getArr();
                    if (w.rank() == 1) {
                        assertEquals(0.0, w.amaxNumber().doubleValue(), 0.0, v.name() + " starts at zero");
                        continue;
                    }
                    weights++;
                    INDArray gram = w.rows() >= w.columns() ? w.transpose().mmul(w) : w.mmul(w.transpose());
                    INDArray eye = Nd4j.eye(gram.rows()).castTo(DataType.FLOAT);
                    assertEquals(0.0, gram.sub(eye).amaxNumber().doubleValue(), 1e-5, v.name() + " is orthonormal");
                }
            }
            assertEquals(3 * 3, weights, "three layers each in the actor and both critics");
            for (int i = 0; i < agent.criticGroup().variables().size(); i++) {
                assertEquals(agent.criticGroup().variables().get(i).getArr(), agent.targetGroup().variables().get(i).getArr(),
                        "the targets start as the critics");
            }
            for (int i = 0; i < agent.actorGroup().variables().size(); i++) {
                assertEquals(agent.actorGroup().variables().get(i).getArr(), again.actorGroup().variables().get(i).getArr(),
                        "a seed draws the same weights");
            }
            INDArray w = glorot.actorGroup().variables().get(2).getArr(); // the 256 x 256 hidden layer
            assertTrue(w.amaxNumber().doubleValue() <= Math.sqrt(6.0 / (256 + 256)), "Glorot-uniform bound");
            assertTrue(w.transpose().mmul(w).sub(Nd4j.eye(256).castTo(DataType.FLOAT)).amaxNumber().doubleValue() > 0.1,
                    "the default is not orthogonal");
        }
        assertEquals(Layers.Init.ORTHOGONAL, Layers.Init.of("orthogonal"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Layers.Init.of("he")).getMessage()
                .contains("choose glorot (uniform, the paper's) or orthogonal"));
    }
}
