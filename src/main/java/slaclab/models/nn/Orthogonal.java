package slaclab.models.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Orthogonal initial weights (Saxe et al. 2014), as PyTorch's {@code nn.init.orthogonal_} draws them and pytorch_sac
 * (the published state-SAC code) uses for every linear layer: a standard Gaussian matrix G of [max(in, out),
 * min(in, out)], its QR factors with R's diagonal made positive, and Q (or Q transposed) as the weight [in, out].
 * The result has orthonormal columns when in >= out, orthonormal rows otherwise. G comes from ND4J's process-wide
 * generator, so a seeded build ({@link Initialisation#seeded}) draws the same weights.
 */
final class Orthogonal {
    private Orthogonal() {
    }

    /** A float weight [in, out] with orthonormal columns (in >= out) or rows (in < out). */
    static INDArray weight(int in, int out) {
        int rows = Math.max(in, out);
        int cols = Math.min(in, out);
        double[][] q = Nd4j.randn(DataType.DOUBLE, cols, rows).toDoubleMatrix(); // q[j]: column j of G
        gramSchmidt(q);
        float[] w = new float[in * out]; // row-major [in, out]
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                // in >= out: W = Q [in, out]; else W = Q^T with Q [out, in]
                w[in >= out ? i * out + j : j * out + i] = (float) q[j][i];
            }
        }
        return Nd4j.create(w, new long[]{in, out}, 'c');
    }

    /**
     * Orthonormalises the columns {@code q[0..]} in place by modified Gram-Schmidt. Their loss of orthogonality is
     * about the float64 epsilon times the condition number of the Gaussian draw (some thousands at 1024 x 1024),
     * far below float32's resolution. Each column keeps a positive component along its own direction: this is the Q
     * of the QR factorisation whose R has a positive diagonal, PyTorch's sign convention.
     */
    static void gramSchmidt(double[][] q) {
        for (int j = 0; j < q.length; j++) {
            double[] v = q[j];
            for (int k = 0; k < j; k++) {
                double[] u = q[k];
                double dot = 0;
                for (int i = 0; i < v.length; i++) {
                    dot += u[i] * v[i];
                }
                for (int i = 0; i < v.length; i++) {
                    v[i] -= dot * u[i];
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
    }
}
