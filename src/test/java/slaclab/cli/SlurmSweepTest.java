package slaclab.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slaclab.engine.Trainer;
import slaclab.engine.slurm.SlurmQueue;
import slaclab.engine.slurm.SlurmTools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * `ablate --slurm` on a real Slurm cluster (CI starts a single-node one with .ci/local-slurm; skipped where none
 * answers): a sweep submitted, run by Slurm and gathered into a comparison; a task cancelled mid-run and submitted
 * again continues from its checkpoint.
 */
@Tag("slurm")
class SlurmSweepTest {
    /** A generous bound for waiting on the queue, so a broken cluster fails the test instead of hanging CI. */
    private static final long PATIENCE_SECONDS = 900;

    private static String[] sweep(Path preset, Path out, String variants, int seeds, long envSteps) {
        return new String[]{"--slurm", "--preset", preset.toString(), "--variants", variants, "--seeds",
                Integer.toString(seeds), "--env-steps", Long.toString(envSteps), "--out", out.toString(), "--cpus", "1",
                "--time", "30"};
    }

    private static String submit(String[] args) throws Exception {
        String said = TrainCommandTest.stdoutOf(() -> new AblateCommand().run(args), 0);
        Matcher m = Pattern.compile("submitted Slurm job (\\d+): ").matcher(said);
        assertTrue(m.find(), said);
        return m.group(1);
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    private static boolean queued(String job) throws Exception {
        return SlurmQueue.query(SlurmTools.onPath(System.getenv("PATH")), List.of(job)).tasks().values().stream()
                .anyMatch(SlurmQueue.Task::queued);
    }

    private static void await(String what, BooleanSupplier done) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("waited " + PATIENCE_SECONDS + " s for " + what + "; squeue:\n" + run("squeue"));
            }
            Thread.sleep(500);
        }
    }

    private static BooleanSupplier leftTheQueue(String job) {
        return () -> {
            try {
                return !queued(job);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static String gather(Path out) throws Exception {
        return TrainCommandTest.stdoutOf(() -> new AblateCommand().run(new String[]{"--gather", out.toString()}), 0);
    }

    @Test
    void aSweepRunsAsAJobArrayAndIsGatheredIntoAComparison(@TempDir Path dir) throws Exception {
        SlurmAssumptions.assumeCluster();
        Path preset = Files.writeString(dir.resolve("tiny.json"), AblateCommandTest.TINY);
        Path out = dir.resolve("sweep");
        String job = submit(sweep(preset, out, "sac-state,sac-pixels", 2, 400));
        List<String> jobs = new ArrayList<>(List.of(job));
        try {
            String squeue = run("squeue", "-r", "-j", job);
            System.out.println("squeue -r -j " + job + " after submitting:\n" + squeue);
            await("the sweep's tasks to end", leftTheQueue(job));

            String gathered = gather(out);
            System.out.println(gathered);
            assertTrue(gathered.contains("4 runs: 4 finished"), gathered);
            for (String run : List.of("sac-state-seed0", "sac-state-seed1", "sac-pixels-seed0", "sac-pixels-seed1")) {
                assertEquals(400, Trainer.checkpointEnvSteps(out.resolve(run)), run);
                assertTrue(Files.readString(out.resolve(run).resolve("slurm.log")).contains(job + "_"), run);
            }
            List<String> csv = Files.readAllLines(out.resolve("comparison.csv"));
            System.out.println(String.join("\n", csv));
            assertEquals("variant,env_steps,mean,std,min,max,n", csv.get(0));
            for (String point : List.of("sac-pixels,200,", "sac-pixels,400,", "sac-state,200,", "sac-state,400,")) {
                assertTrue(csv.stream().anyMatch(l -> l.startsWith(point) && l.endsWith(",2")), point + " over both"
                        + " seeds in\n" + String.join("\n", csv));
            }
            assertTrue(Files.size(out.resolve("comparison.png")) > 0);

            String again = TrainCommandTest.stdoutOf(() -> new AblateCommand().run(sweep(preset, out,
                    "sac-state,sac-pixels", 2, 400)), 0);
            assertTrue(again.contains("nothing to submit"), "finished runs are not submitted again: " + again);
        } finally {
            run("scancel", String.join(",", jobs));
        }
    }

    @Test
    void aCancelledTaskSubmittedAgainContinuesFromItsCheckpoint(@TempDir Path dir) throws Exception {
        SlurmAssumptions.assumeCluster();
        Path preset = Files.writeString(dir.resolve("tiny.json"), AblateCommandTest.TINY);
        Path out = dir.resolve("sweep");
        Path run = out.resolve("sac-state-seed0");
        List<String> jobs = new ArrayList<>();
        try {
            // 10 evaluations (and checkpoints), every 200 env steps: cancel it once it has saved the first.
            jobs.add(submit(sweep(preset, out, "sac-state", 1, 2000)));
            await("the first checkpoint", () -> {
                try {
                    return Trainer.checkpointEnvSteps(run) >= 200;
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            run("scancel", jobs.get(0));
            await("the cancelled task to end", leftTheQueue(jobs.get(0)));
            long saved = Trainer.checkpointEnvSteps(run);
            assertTrue(saved >= 200 && saved < 2000, "stopped midway with its checkpoint: " + saved);
            String stopped = gather(out);
            assertTrue(stopped.contains("1 run: 1 stopped") && stopped.contains("cancelled"), stopped);

            jobs.add(submit(sweep(preset, out, "sac-state", 1, 2000)));
            await("the resubmitted task to end", leftTheQueue(jobs.get(1)));
            assertEquals(2000, Trainer.checkpointEnvSteps(run));
            String log = Files.readString(run.resolve("train.log"));
            assertTrue(log.contains("resumed at environment step " + saved), log);
            List<Double> evals = AblateCommandTest.evalSteps(run);
            assertEquals(10, evals.size(), "every evaluation once, none redone: " + evals);
            assertTrue(gather(out).contains("1 run: 1 finished"));
        } finally {
            run("scancel", String.join(",", jobs));
        }
    }
}
