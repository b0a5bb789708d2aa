package slaclab.cli;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The machine's best fp32 matrix-multiply rate through ND4J on all its threads: square products of 1024-3072, each
 * the best of several runs, through ND4J's matmul op (the one SameDiff's graphs run; oneDNN's kernel in the onednn
 * builds, measured up to 2.4x faster here than INDArray.mmul's BLAS call). It is the ceiling {@code bench} measures
 * the step's efficiency against.
 */
final class PeakGemm {
    static final int[] SIZES = {1024, 2048, 3072};

    private PeakGemm() {
    }

    /** Measures the rates, prints them in one line and returns the best (GFLOP/s), the peak a bench compares with. */
    static double report(int runs) {
        Map<Integer, Double> gemm = measure(runs);
        System.out.println("peak fp32 matmul (ND4J, " + Runtime.getRuntime().availableProcessors() + " threads, best of "
                + runs + "): " + gemm.entrySet().stream()
                .map(e -> e.getKey() + "^3 " + String.format("%.0f", e.getValue()) + " GFLOP/s")
                .collect(Collectors.joining(", ")));
        return gemm.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** GFLOP/s per size (best of {@code runs} after one warm-up). */
    static Map<Integer, Double> measure(int runs) {
        Map<Integer, Double> rates = new LinkedHashMap<>();
        for (int n : SIZES) {
            Nd4j.getRandom().setSeed(n);
            try (INDArray x = Nd4j.rand(DataType.FLOAT, n, n); INDArray y = Nd4j.rand(DataType.FLOAT, n, n);
                 INDArray z = Nd4j.create(DataType.FLOAT, n, n)) {
                double best = Double.MAX_VALUE;
                for (int i = 0; i <= runs; i++) {
                    long t0 = System.nanoTime();
                    Nd4j.exec(new Mmul(x, y, z, null));
                    double s = (System.nanoTime() - t0) / 1e9;
                    if (i > 0) {
                        best = Math.min(best, s);
                    }
                }
                rates.put(n, 2.0 * n * n * n / best / 1e9);
            }
        }
        return rates;
    }
}
