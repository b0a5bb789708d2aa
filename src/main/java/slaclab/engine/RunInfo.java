package slaclab.engine;

import java.nio.file.Path;

/**
 * Facts about a run at its start.
 *
 * @param config       the resolved preset
 * @param runDir       the run folder
 * @param backend      where the networks run, e.g. "CPU (onednn-avx512)" or "CUDA: NVIDIA RTX 4090"
 * @param parameters   trainable parameters of model and agent
 * @param resumedAtEnvSteps env steps restored from a checkpoint (0 for a new run)
 */
public record RunInfo(RunConfig config, Path runDir, String backend, long parameters, long resumedAtEnvSteps) {
}
