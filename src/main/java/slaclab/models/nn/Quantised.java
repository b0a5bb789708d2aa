package slaclab.models.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Arrays stored in 8 bits a value: the values in order, in blocks of {@link #BLOCK}, each block with its own minimum
 * and step (max - min) / 255, each value rounded to the nearest of the block's 256 levels. Layout: rank, shape, then
 * per block min (float), step (float) and its bytes.
 */
final class Quantised {
    static final int BLOCK = 256;

    private Quantised() {
    }

    static void write(INDArray array, DataOutputStream out) throws IOException {
        float[] v = array.castTo(DataType.FLOAT).dup().data().asFloat();
        long[] shape = array.shape();
        out.writeInt(shape.length);
        for (long d : shape) {
            out.writeLong(d);
        }
        byte[] block = new byte[BLOCK];
        for (int start = 0; start < v.length; start += BLOCK) {
            int n = Math.min(BLOCK, v.length - start);
            float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                min = Math.min(min, v[start + i]);
                max = Math.max(max, v[start + i]);
            }
            float step = (max - min) / 255f;
            out.writeFloat(min);
            out.writeFloat(step);
            for (int i = 0; i < n; i++) {
                block[i] = (byte) (step == 0 ? 0 : Math.round((v[start + i] - min) / step));
            }
            out.write(block, 0, n);
        }
    }

    static INDArray read(DataInputStream in, String what) throws IOException {
        int rank = in.readInt();
        if (rank < 0 || rank > 8) {
            throw new IOException("checkpoint is truncated or corrupt at " + what + " (rank " + rank + ")");
        }
        long[] shape = new long[rank];
        long length = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = in.readLong();
            length *= shape[i];
            if (shape[i] < 0 || length > Integer.MAX_VALUE) {
                throw new IOException("checkpoint is truncated or corrupt at " + what);
            }
        }
        float[] v = new float[(int) length];
        byte[] block = new byte[BLOCK];
        for (int start = 0; start < v.length; start += BLOCK) {
            int n = Math.min(BLOCK, v.length - start);
            float min = in.readFloat();
            float step = in.readFloat();
            in.readFully(block, 0, n);
            for (int i = 0; i < n; i++) {
                v[start + i] = min + step * (block[i] & 0xff);
            }
        }
        return Nd4j.create(v, shape, 'c');
    }
}
