package slaclab.agent;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import slaclab.models.nn.Backend;
import slaclab.models.nn.Inference;
import slaclab.models.nn.Layers;
import slaclab.models.nn.ParamGroup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The state baseline's update without the graph's executor gives the graph's losses and every gradient to float32
 * precision on fixed batches, for each activation and log-std bound a preset can choose, with terminal transitions
 * and actions near the squash's saturation; its actions are the graph's; and updates made either way keep the
 * agents' parameters equal.
 */
class DenseSacStepTest {
    private static final int A = 3;
    private static final int S = 7;
    private static final int B = 16;

    @BeforeAll
    static void backend() {
        Backend.selectNativeBuild();
    }

    private static AgentConfig config(Layers.Activation activation, LogStdBounds bounds, double logAlpha, long seed) {
        return new AgentConfig(A, 8, 0.99, 0.005, 3e-4, logAlpha, 32, seed, activation, bounds, 1, Layers.Init.GLOROT);
    }

    /** A fixed batch: states of unit scale (scaled by {@code scale}), actions in (-1, 1), a terminal row, noise. */
    private static Map<String, INDArray> batch(long seed, double scale) {
        Nd4j.getRandom().setSeed(seed);
        Map<String, INDArray> in = new HashMap<>();
        in.put("obs", Nd4j.randn(DataType.FLOAT, B, S).muli(scale));
        in.put("next_obs", Nd4j.randn(DataType.FLOAT, B, S).muli(scale));
        in.put("act", Nd4j.rand(DataType.FLOAT, B, A).muli(1.98).subi(0.99));
        in.put("rew", Nd4j.rand(DataType.FLOAT, B, 1));
        INDArray mask = Nd4j.ones(DataType.FLOAT, B, 1);
        mask.putScalar(3, 0, 0f);
        in.put("mask", mask);
        in.put("eps", Nd4j.randn(DataType.FLOAT, B, A));
        in.put("eps_next", Nd4j.randn(DataType.FLOAT, B, A));
        return in;
    }

    private static void assertSameAsGraph(StateSacAgent agent, DenseSacStep dense, Map<String, INDArray> in) {
        List<String> vars = new ArrayList<>(agent.criticGroup().names());
        vars.addAll(agent.actorGroup().names());
        vars.addAll(agent.alphaGroup().names());
        OutAndGrad graph = agent.graph().calculateGradientsAndOutputs(in, SacUpdate.OUTPUTS, vars);
        DenseSacStep.Result r = dense.run(in);
        for (String name : SacUpdate.OUTPUTS) {
            double expected = graph.getOutputs().get(name).getDouble(0);
            assertEquals(expected, r.outputs().get(name), 1e-5 + 1e-4 * Math.abs(expected), name);
        }
        assertEquals(vars.size(), r.gradients().size(), "one gradient per trained variable");
        for (String v : vars) {
            INDArray expected = graph.getGradients().get(v), actual = r.gradients().get(v);
            assertArrayEquals(expected.shape(), actual.shape(), v);
            double scale = Math.max(expected.norm2Number().doubleValue(), 1e-6);
            double diff = expected.sub(actual).norm2Number().doubleValue();
            assertTrue(diff <= 1e-4 * scale + 1e-7, v + ": relative error " + diff / scale);
        }
    }

    @Test
    void lossesAndGradientsMatchTheGraphForEveryActivationAndLogStdBound() {
        for (Layers.Activation f : Layers.Activation.values()) {
            for (LogStdBounds bounds : LogStdBounds.values()) {
                try (StateSacAgent agent = new StateSacAgent(config(f, bounds, -0.7, 3), S)) {
                    DenseSacStep dense = agent.denseStep();
                    assertSameAsGraph(agent, dense, batch(11, 1.0));
                    // Large states push the actor's means far out: saturated tanh, clipped log-stds.
                    assertSameAsGraph(agent, dense, batch(12, 40.0));
                }
            }
        }
    }

    @Test
    void actionsMatchTheGraphsSampledAndMeanActions() {
        for (LogStdBounds bounds : LogStdBounds.values()) {
            try (StateSacAgent agent = new StateSacAgent(config(Layers.Activation.LEAKY_RELU, bounds, 0.0, 9), S)) {
                Nd4j.getRandom().setSeed(31);
                for (double scale : new double[]{1.0, 40.0}) {
                    INDArray state = Nd4j.randn(DataType.FLOAT, 1, S).muli(scale);
                    INDArray eps = Nd4j.randn(DataType.FLOAT, 1, A);
                    Map<String, INDArray> graph = Inference.output(agent.graph(),
                            Map.of("state", state, "action_eps", eps), "action", "action_mean");
                    assertArrayEquals(graph.get("action").toFloatVector(), agent.denseStep().act(state, eps), 1e-5f);
                    assertArrayEquals(graph.get("action_mean").toFloatVector(),
                            agent.denseStep().act(state, Nd4j.zeros(DataType.FLOAT, 1, A)), 1e-5f);
                }
            }
        }
    }

    @Test
    void updatesThroughEitherPathKeepTheAgentsEqual() {
        AgentConfig config = config(Layers.Activation.LEAKY_RELU, LogStdBounds.CLIP, 0.0, 5);
        try (StateSacAgent viaGraph = new StateSacAgent(config, S); StateSacAgent viaDense = new StateSacAgent(config, S)) {
            for (int i = 0; i < 5; i++) {
                SacLosses g = viaGraph.step(batch(20 + i, 1.0), B);
                SacLosses d = viaDense.step(batch(20 + i, 1.0), B, viaDense.denseStep());
                assertEquals(g.critic(), d.critic(), 1e-4 * Math.max(1, Math.abs(g.critic())));
                assertEquals(g.alpha(), d.alpha(), 1e-6);
            }
            assertGroupsClose(viaGraph.criticGroup(), viaDense.criticGroup());
            assertGroupsClose(viaGraph.targetGroup(), viaDense.targetGroup());
            assertGroupsClose(viaGraph.actorGroup(), viaDense.actorGroup());
            assertGroupsClose(viaGraph.alphaGroup(), viaDense.alphaGroup());
        }
    }

    private static void assertGroupsClose(ParamGroup expected, ParamGroup actual) {
        for (int i = 0; i < expected.variables().size(); i++) {
            INDArray e = expected.variables().get(i).getArr(), a = actual.variables().get(i).getArr();
            double diff = e.sub(a).amaxNumber().doubleValue();
            assertTrue(diff < 1e-5, expected.variables().get(i).name() + " differs by " + diff);
        }
    }
}
