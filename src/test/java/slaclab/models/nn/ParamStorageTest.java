package slaclab.models.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each storage of a parameter group keeps: checkpoints exactly, half precision and 8 bits within their bounds. */
class ParamStorageTest {
    /** A group with an MLP (2 x 256 hidden) and a scalar, weights spread over several orders of magnitude. */
    private static ParamGroup group(long seed) {
        SameDiff sd = SameDiff.create();
        Layers layers = new Layers(sd);
        ParamGroup g = new ParamGroup("g", 1e-3);
        layers.mlp(g, "head", 37, 3);
        layers.parameter(g, "log_alpha", Nd4j.valueArrayOf(new long[]{1}, -2.5f));
        Nd4j.getRandom().setSeed(seed);
        for (var v : g.variables()) {
            INDArray a = v.getArr();
            a.assign(Nd4j.randn(DataType.FLOAT, a.shape()).muli(0.05).addi(Nd4j.rand(DataType.FLOAT, a.shape())
                    .muli(1e-3)));
        }
        return g;
    }

    private static ParamGroup roundTrip(ParamGroup from, ParamGroup.Storage storage, long seed) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            from.save(out, storage);
        }
        ParamGroup to = group(seed);
        to.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        return to;
    }

    @Test
    void halfPrecisionKeepsEachValueToFloat16AndEightBitsToHalfAStepOfItsBlock() throws IOException {
        ParamGroup original = group(1);
        ParamGroup half = roundTrip(original, ParamGroup.Storage.COMPACT, 2);
        ParamGroup q8 = roundTrip(original, ParamGroup.Storage.COMPACT_8BIT, 3);
        ParamGroup exact = roundTrip(original, ParamGroup.Storage.CHECKPOINT, 4);
        for (int i = 0; i < original.variables().size(); i++) {
            float[] o = original.variables().get(i).getArr().dup().data().asFloat();
            float[] h = half.variables().get(i).getArr().dup().data().asFloat();
            float[] q = q8.variables().get(i).getArr().dup().data().asFloat();
            float[] e = exact.variables().get(i).getArr().dup().data().asFloat();
            for (int start = 0; start < o.length; start += Quantised.BLOCK) {
                float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
                int end = Math.min(o.length, start + Quantised.BLOCK);
                for (int j = start; j < end; j++) {
                    min = Math.min(min, o[j]);
                    max = Math.max(max, o[j]);
                }
                float halfStep = (max - min) / 510f;
                for (int j = start; j < end; j++) {
                    assertEquals(o[j], e[j], 0f, "checkpoints are exact");
                    // float16 has an 11-bit significand: relative error at most 2^-11 (normal range)
                    assertEquals(o[j], h[j], Math.abs(o[j]) / 2048f + 1e-7f);
                    assertEquals(o[j], q[j], halfStep * 1.001f + 1e-9f);
                }
            }
        }
        int last = q8.variables().size() - 1;
        assertEquals(original.variables().get(last).getArr().getFloat(0), q8.variables().get(last).getArr()
                .getFloat(0), 0f, "a one-value block (log alpha) is exact");
    }

    @Test
    void compactStoragesAreAHalfAndAQuarterOfFloat32() throws IOException {
        ParamGroup g = group(5);
        long n = g.parameterCount();
        long half = size(g, ParamGroup.Storage.COMPACT);
        long q8 = size(g, ParamGroup.Storage.COMPACT_8BIT);
        assertTrue(half > 2 * n && half < 2 * n * 1.05, half + " bytes for " + n + " values");
        assertTrue(q8 > n && q8 < n * 1.08, q8 + " bytes for " + n + " values");
    }

    @Test
    void aMismatchedShapeIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            group(6).save(out, ParamGroup.Storage.COMPACT_8BIT);
        }
        SameDiff sd = SameDiff.create();
        ParamGroup other = new ParamGroup("g", 1e-3);
        new Layers(sd).mlp(other, "head", 38, 3);
        new Layers(sd).parameter(other, "log_alpha", Nd4j.valueArrayOf(new long[]{1}, 0f));
        assertThrows(ParamShapeException.class,
                () -> other.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
    }

    private static long size(ParamGroup g, ParamGroup.Storage storage) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            g.save(out, storage);
        }
        return bytes.size();
    }
}
