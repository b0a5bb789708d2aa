package slaclab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slaclab.engine.Presets;
import slaclab.engine.slurm.SlurmTools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `ablate --slurm` without a cluster: the script a dry run writes (what each array task runs, what it asks Slurm
 * for), the run folders it prepares, and the one-line errors. The sweep on a real cluster is {@link SlurmSweepTest}.
 */
class SlurmAblateTest {
    private static String[] args(Path preset, Path out, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("--slurm", "--preset", preset.toString(), "--variants",
                "sac-state,slac", "--seeds", "2", "--env-steps", "600", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private static AblateCommand withoutSlurm() {
        return new AblateCommand((v, s, p) -> false, SlurmTools.none());
    }

    @Test
    void dryRunWritesOneArrayTaskPerRunAndTheirConfigs(@TempDir Path dir) throws Exception {
        Path preset = dir.resolve("tiny.json");
        Files.writeString(preset, AblateCommandTest.TINY);
        Path out = dir.resolve("sweep");
        Path jar = Files.writeString(dir.resolve("slac-lab.jar"), "");
        String said = TrainCommandTest.stdoutOf(() -> withoutSlurm().run(args(preset, out, "--dry-run",
                "--partition", "gpu", "--time", "4:00:00", "--cpus", "4", "--mem", "16G", "--gpus", "1",
                "--sbatch-arg", "--account=lab", "--sbatch-arg", "--qos=long", "--app", jar.toString())), 0);
        assertTrue(said.contains("sbatch --array=0-3 " + out.resolve("sweep.sbatch")), said);

        String script = Files.readString(out.resolve("sweep.sbatch"));
        for (String line : List.of("#SBATCH --array=0-3", "#SBATCH --requeue", "#SBATCH --cpus-per-task=4",
                "#SBATCH --partition=gpu", "#SBATCH --time=4:00:00", "#SBATCH --mem=16G", "#SBATCH --gpus=1",
                "#SBATCH --signal=B:USR1@300", "#SBATCH --account=lab", "#SBATCH --qos=long",
                "runs=(sac-state-seed0 sac-state-seed1 slac-seed0 slac-seed1)", "env_steps=600",
                "export OMP_NUM_THREADS=${SLURM_CPUS_PER_TASK:-1}")) {
            assertTrue(script.lines().anyMatch(l -> l.equals(line)), line + " in\n" + script);
        }
        assertTrue(script.indexOf("--qos=long") < script.indexOf("\nsweep="), "the passthrough lines are sbatch's");
        assertTrue(script.contains("app=(" + Path.of(System.getProperty("java.home"), "bin", "java") + " -jar "
                + jar + ")"), script);
        assertTrue(script.contains("train --resume --start-if-unsaved --out \"$run\" --env-steps \"$env_steps\""),
                script);
        Process bash = new ProcessBuilder("bash", "-n", out.resolve("sweep.sbatch").toString())
                .redirectErrorStream(true).start();
        assertEquals(0, bash.waitFor(), new String(bash.getInputStream().readAllBytes()));

        for (String run : List.of("sac-state-seed0", "sac-state-seed1", "slac-seed0", "slac-seed1")) {
            var c = Presets.load(out.resolve(run).resolve("config.json"));
            assertEquals(600, c.envSteps(), run);
            assertEquals(run.startsWith("slac") ? "slac" : "sac-state", c.model(), run);
            assertEquals(run.endsWith("1") ? 1 : 0, c.seed(), run);
        }
        assertFalse(Files.exists(out.resolve("sweep-jobs.tsv")), "nothing submitted");

        String gathered = TrainCommandTest.stdoutOf(() -> withoutSlurm().run(new String[]{"--gather", out.toString()}), 0);
        assertTrue(gathered.contains("4 runs: 4 not submitted"), gathered);
        assertTrue(Files.readString(out.resolve("comparison.csv")).startsWith("variant,env_steps,mean,std,min,max,n"));

        // Submitted by hand, its task running on a node: running the sweep here as well is refused.
        slaclab.engine.slurm.SweepJobs.append(out, "41", java.util.Map.of(2, "slac-seed0"), 600);
        Files.writeString(out.resolve("slac-seed0").resolve("slurm.log"),
                "2026-01-01T10:00:00 41_2 node1 start restart=0 cpus=4\n");
        String[] local = {"--preset", preset.toString(), "--variants", "sac-state,slac", "--seeds", "2",
                "--env-steps", "600", "--out", out.toString()};
        String refused = assertThrows(IllegalArgumentException.class, () -> withoutSlurm().run(local)).getMessage();
        assertTrue(refused.contains("slac-seed0 (running, task 41_2)") && refused.contains("scancel"), refused);
    }

    @Test
    void badInputGivesOneClearLine(@TempDir Path dir) throws Exception {
        Path preset = dir.resolve("tiny.json");
        Files.writeString(preset, AblateCommandTest.TINY);
        Path out = dir.resolve("sweep");
        String noSbatch = assertThrows(IllegalArgumentException.class, () -> withoutSlurm().run(args(preset, out)))
                .getMessage();
        assertTrue(noSbatch.contains("sbatch") && noSbatch.contains("not on PATH") && noSbatch.contains("--dry-run"),
                noSbatch);
        assertFalse(Files.exists(out), "nothing written");
        String time = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"ablate", "--slurm", "--dry-run",
                "--preset", preset.toString(), "--variants", "slac", "--out", out.toString(), "--time", "4h"}), 2);
        assertTrue(time.contains("--time '4h'") && time.contains("4:00:00"), time);
        String mem = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"ablate", "--slurm", "--dry-run",
                "--preset", preset.toString(), "--variants", "slac", "--out", out.toString(), "--mem", "lots"}), 2);
        assertTrue(mem.contains("--mem 'lots'") && mem.contains("16G"), mem);
        String app = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"ablate", "--slurm", "--dry-run",
                "--preset", preset.toString(), "--variants", "slac", "--out", out.toString(), "--app",
                dir.resolve("nope.jar").toString()}), 2);
        assertTrue(app.contains("--app") && app.contains("target/slac-lab.jar"), app);
        String local = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"ablate", "--preset", preset.toString(),
                "--variants", "slac", "--out", out.toString(), "--partition", "gpu"}), 2);
        assertTrue(local.contains("--partition goes with --slurm"), local);
        String parallel = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"ablate", "--slurm", "--preset",
                preset.toString(), "--variants", "slac", "--out", out.toString(), "--parallel", "2"}), 2);
        assertTrue(parallel.contains("--parallel") && parallel.contains("--cpus"), parallel);
        String gather = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"ablate", "--gather",
                dir.toString()}), 2);
        assertTrue(gather.contains("holds no ablation runs"), gather);
        String help = TrainCommandTest.stdoutOf(() -> Main.run(new String[]{"ablate", "--help"}), 0);
        for (String option : List.of("--slurm", "--dry-run", "--gather", "--partition", "--time", "--cpus", "--mem",
                "--gpus", "--sbatch-arg", "--app")) {
            assertTrue(help.lines().anyMatch(l -> l.startsWith("  " + option + " ")), option + " in\n" + help);
        }
        String train = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"train", "--start-if-unsaved",
                "--preset", preset.toString()}), 2);
        assertTrue(train.contains("--start-if-unsaved goes with --resume"), train);
    }

    @Test
    void arrayIndicesAsSlurmWritesThem() {
        assertEquals("0-3", SlurmAblate.ranges(List.of(0, 1, 2, 3)));
        assertEquals("0,2-4,7", SlurmAblate.ranges(List.of(0, 2, 3, 4, 7)));
        assertEquals("5", SlurmAblate.ranges(List.of(5)));
    }

    @Test
    void aTaskStartsAnUnsavedFolderAfreshButNeverDeletesACheckpoint(@TempDir Path dir) throws Exception {
        Path unsaved = Files.createDirectories(dir.resolve("slac-seed0").resolve("rollouts"));
        Path run = unsaved.getParent();
        Files.writeString(run.resolve("config.json"), AblateCommandTest.TINY);
        Files.writeString(run.resolve("metrics.csv"), "env_steps,eval_return\n8,-1\n");
        Files.writeString(run.resolve("train.log"), "the killed task's output\n");
        Files.writeString(run.resolve("slurm.log"), "2026-01-01T10:00:00 7_0 node1 start restart=0 cpus=1\n");
        Files.writeString(unsaved.resolve("rollouts-000000008.png"), "png");
        assertTrue(slaclab.engine.Ablation.clearUnsaved(run));
        try (var left = Files.list(run)) {
            assertEquals(List.of("config.json", "slurm.log", "train.log"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(), "the preset and the logs stay");
        }

        Path damaged = Files.createDirectories(dir.resolve("slac-seed1"));
        Files.writeString(damaged.resolve("config.json"), AblateCommandTest.TINY);
        Files.writeString(damaged.resolve("checkpoint.bin"), "cut short");
        Files.writeString(damaged.resolve("metrics.csv"), "env_steps,eval_return\n8,-1\n");
        assertFalse(slaclab.engine.Ablation.clearUnsaved(damaged));
        assertEquals("cut short", Files.readString(damaged.resolve("checkpoint.bin")), "kept: resuming says why not");
        assertTrue(Files.exists(damaged.resolve("metrics.csv")));
    }
}
