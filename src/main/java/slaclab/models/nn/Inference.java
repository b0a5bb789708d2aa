package slaclab.models.nn;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.NoOpMemoryMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * SameDiff.output with a non-recycling memory manager. In 1.0.0-M2.1 the inference session's default
 * ArrayCacheMemoryMgr hands recycled arrays to the oneDNN kernels, and with the onednn builds chained ops
 * (linear -> activation -> linear) then return wrong, call-dependent values. The training session is unaffected.
 */
public final class Inference {
    private Inference() {
    }

    public static Map<String, INDArray> output(SameDiff sd, Map<String, INDArray> placeholders, String... outputs) {
        InferenceSession s = sd.getSessions().computeIfAbsent(Thread.currentThread().getId(),
                k -> new InferenceSession(sd));
        if (!(s.getMmgr() instanceof FreeingMemoryMgr)) {
            s.setMmgr(new FreeingMemoryMgr());
        }
        return sd.output(placeholders, outputs);
    }

    /**
     * Fresh arrays for every op (NoOpMemoryMgr's allocation), freed as soon as the session releases them, so a batch-256 posterior does not keep
     * all its intermediate activations until the next garbage collection.
     */
    private static final class FreeingMemoryMgr extends NoOpMemoryMgr {
        @Override
        public void release(INDArray array) {
            if (array != null && array.closeable()) {
                array.close();
            }
        }
    }
}
