package slaclab.models;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import slaclab.models.nn.Backend;

/**
 * Not a test: times one model update of each variant at the paper's sizes (32 sequences of 9 frames, 6 actions) on
 * random data and prints its parameter count. Run with the test class path:
 * {@code java -cp target/test-classes:target/classes:<deps> slaclab.models.VariantBench [runs] [variant...]}.
 */
public final class VariantBench {
    private VariantBench() {
    }

    public static void main(String[] args) {
        Backend.selectNativeBuild();
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        java.util.List<String> names = args.length > 1
                ? java.util.Arrays.asList(args).subList(1, args.length) : LatentModels.NAMES;
        int b = 32, l = 8, a = 6;
        INDArray frames = Nd4j.rand(DataType.FLOAT, b * (l + 1), 3, 64, 64);
        INDArray actions = Nd4j.rand(DataType.FLOAT, b, l, a).muli(2).subi(1);
        SequenceData d = new SequenceData(frames, actions, Nd4j.rand(DataType.FLOAT, b, l), Nd4j.ones(DataType.FLOAT, b, l));
        for (String n : names) {
            long t0 = System.nanoTime();
            try (LatentModel m = LatentModels.create(n, ModelConfig.paper(a, 0))) {
                double build = (System.nanoTime() - t0) / 1e9;
                m.update(d); // warm-up
                double[] times = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long s = System.nanoTime();
                    m.update(d);
                    times[i] = (System.nanoTime() - s) / 1e9;
                }
                long s = System.nanoTime();
                m.posterior(d);
                double post = (System.nanoTime() - s) / 1e9;
                System.out.printf("variant=%s latent_dim=%d params=%d build_s=%.1f update_s=%s posterior32_s=%.2f%n", n,
                        m.latentDim(), m.parameterCount(), build, java.util.Arrays.toString(times), post);
            }
        }
    }
}
