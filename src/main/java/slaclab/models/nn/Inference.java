package slaclab.models.nn;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.AbstractMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * SameDiff.output with this project's memory manager for inference sessions ({@link RecyclingMemoryMgr}).
 * <p>
 * In 1.0.0-M2.1 the inference session's default ArrayCacheMemoryMgr hands the oneDNN kernels recycled arrays that are
 * views of larger ones, and with the onednn builds chained ops (linear -> activation -> linear) then return wrong,
 * call-dependent values. The training session is unaffected.
 */
public final class Inference {
    private Inference() {
    }

    public static Map<String, INDArray> output(SameDiff sd, Map<String, INDArray> placeholders, String... outputs) {
        recycle(sd);
        return sd.output(placeholders, outputs);
    }

    /** Makes this thread's session of {@code sd} allocate through a {@link RecyclingMemoryMgr}. */
    private static void recycle(SameDiff sd) {
        InferenceSession s = sd.getSessions().computeIfAbsent(Thread.currentThread().getId(),
                k -> new InferenceSession(sd));
        if (!(s.getMmgr() instanceof RecyclingMemoryMgr)) {
            s.setMmgr(new RecyclingMemoryMgr(RecyclingMemoryMgr.DEFAULT_CAPACITY));
        }
    }

    /**
     * Hands a released array's memory to the next op that asks for exactly as many elements of the same type, as a
     * fresh, contiguous 'c'-order array of the asked shape over the whole buffer (never a view of a larger array).
     * <p>
     * ND4J frees array memory only when the garbage collector finds the array unreachable ({@code close()} does
     * not return it to malloc in M2.1), so an allocating session touches fresh pages for every activation: on the
     * actor-critic update's posterior pass over 2,304 frames that was gigabytes of page faults per update. The
     * same graph run on the same batch size asks for the same sizes every time, so after the first run nothing new
     * is allocated. Arrays returned to the caller (detached) are never recycled; the pool keeps at most
     * {@code capacityBytes}, beyond that released arrays are left to the collector.
     */
    static final class RecyclingMemoryMgr extends AbstractMemoryMgr {
        static final long DEFAULT_CAPACITY = 3L << 29;

        private final long capacityBytes;
        private final Map<Long, ArrayDeque<INDArray>> free = new HashMap<>();
        private long pooledBytes;

        RecyclingMemoryMgr(long capacityBytes) {
            this.capacityBytes = capacityBytes;
        }

        private static long key(DataType type, long length) {
            return length * 64 + type.ordinal();
        }

        @Override
        public synchronized INDArray allocate(boolean detached, DataType dataType, long... shape) {
            long length = 1;
            for (long s : shape) {
                length *= s;
            }
            if (!detached && length > 0) {
                ArrayDeque<INDArray> q = free.get(key(dataType, length));
                if (q != null && !q.isEmpty()) {
                    INDArray a = q.pop();
                    pooledBytes -= length * dataType.width();
                    return Nd4j.create(a.data(), shape);
                }
            }
            return Nd4j.createUninitialized(dataType, shape);
        }

        @Override
        public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
            return allocate(detached, descriptor.dataType(), descriptor.getShape());
        }

        @Override
        public synchronized void release(INDArray array) {
            if (array == null || array.isEmpty() || array.isView() || array.wasClosed() || !array.closeable()
                    || array.data().length() != array.length() || array.data().offset() != 0) {
                return;
            }
            long bytes = array.length() * array.dataType().width();
            if (pooledBytes + bytes > capacityBytes) {
                return;
            }
            free.computeIfAbsent(key(array.dataType(), array.length()), k -> new ArrayDeque<>()).push(array);
            pooledBytes += bytes;
        }

        @Override
        public synchronized void close() {
            free.clear();
            pooledBytes = 0;
        }
    }
}
