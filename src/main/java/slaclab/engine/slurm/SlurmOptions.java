package slaclab.engine.slurm;

import java.util.List;
import java.util.Optional;

/**
 * What a sweep asks Slurm for, per array task (one run each), and how a task starts the app.
 *
 * @param partition  the partition, or empty for the cluster's default
 * @param time       the time limit per task in a Slurm time format ("90", "4:00:00", "1-12"), or empty for the
 *                   partition's default
 * @param cpus       cores per task; the trainer's ND4J threads follow them (OMP_NUM_THREADS)
 * @param mem        memory per task ("16G"), or empty for the partition's default
 * @param gpus       GPUs per task, or empty for none
 * @param sbatchArgs further sbatch options, each written as one {@code #SBATCH} line after the others (so it wins)
 * @param app        the command that starts this app on the cluster's nodes, e.g. {@code java -jar /x/slac-lab.jar}
 */
public record SlurmOptions(Optional<String> partition, Optional<String> time, int cpus, Optional<String> mem,
                           Optional<String> gpus, List<String> sbatchArgs, List<String> app) {
    public SlurmOptions {
        sbatchArgs = List.copyOf(sbatchArgs);
        app = List.copyOf(app);
        if (cpus < 1) {
            throw new IllegalArgumentException("--cpus must be at least 1");
        }
        if (app.isEmpty()) {
            throw new IllegalArgumentException("the app's command on the cluster is empty");
        }
    }
}
