package slaclab.models.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.NameScope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import slaclab.models.nn.OpTimes.Part;

/** bench's breakdown: ops are counted for the part whose name scope built them, backward ops as backward. */
class OpTimesTest {
    @Test
    void forwardAndBackwardOpsCountForTheirScope() {
        Backend.selectNativeBuild();
        SameDiff sd = SameDiff.create();
        Layers layers = new Layers(sd);
        ParamGroup g = new ParamGroup("g", 1e-3);
        Layers.Conv conv = layers.conv(g, "encoder/c", 3, 2, 1, 3, 4);
        Layers.Mlp head = layers.mlp(g, "head", 4 * 4 * 4, 2);
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3, 8, 8);
        SDVariable features;
        try (NameScope s = sd.withNameScope(OpTimes.ENCODER)) {
            features = sd.reshape(layers.leaky(conv.conv(sd, x)), -1, 64);
        }
        SDVariable out;
        try (NameScope s = sd.withNameScope(OpTimes.RECURRENCE)) {
            out = head.apply(layers, features);
        }
        sd.math().square(out).sum().rename("loss");
        sd.setLossVariables("loss");
        OpTimes times = new OpTimes();
        sd.addListeners(times.listener(Part.OTHER_OPS));
        g.timeWith(times);
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> grads =
                sd.calculateGradients(Map.of("x", Nd4j.rand(DataType.FLOAT, 2, 3, 8, 8)), g.names());
        g.step(grads);
        Map<Part, Long> ns = times.nanos();
        for (Part p : new Part[]{Part.ENCODER_FORWARD, Part.ENCODER_BACKWARD, Part.RECURRENCE, Part.OPTIMISER}) {
            assertTrue(ns.getOrDefault(p, 0L) > 0, p + " got no time: " + ns);
        }
        assertEquals(0L, ns.getOrDefault(Part.DECODER_FORWARD, 0L), "nothing was built in the decoder's scope");
        assertEquals(0L, ns.getOrDefault(Part.ACTOR_CRITIC, 0L));
        times.reset();
        assertTrue(times.nanos().isEmpty());
    }
}
