package slaclab.engine.slurm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a sweep's runs stand, from what squeue and sacct print, the sweep's submissions and each run's slurm.log:
 * what `ablate --gather` tells a user, and what `ablate --slurm` submits again.
 */
class SweepStatusTest {
    private static final String CONFIG = "{ \"task\": \"cartpole-swingup\", \"model\": \"sac-state\", \"envSteps\": 400 }";

    private static Path run(Path dir, String name, String... slurmLog) throws Exception {
        Path run = Files.createDirectories(dir.resolve(name));
        Files.writeString(run.resolve("config.json"), CONFIG);
        if (slurmLog.length > 0) {
            Files.writeString(run.resolve("slurm.log"), String.join("\n", slurmLog) + "\n");
        }
        return run;
    }

    @Test
    void eachRunStandsWhereTheQueueAndItsFolderSay(@TempDir Path dir) throws Exception {
        List<Path> runs = List.of(
                run(dir, "slac-seed0", "2026-01-01T10:00:00 7_0 node1 start restart=0 cpus=1"),
                run(dir, "slac-seed1"),
                run(dir, "vae-seed0", "2026-01-01T10:00:00 7_2 node1 start restart=0 cpus=1",
                        "2026-01-01T10:05:00 7_2 node1 end code=143 why=cancelled"),
                run(dir, "vae-seed1", "2026-01-01T10:00:00 7_3 node2 start restart=0 cpus=1",
                        "2026-01-01T10:01:00 7_3 node2 end code=1 why=failed"),
                run(dir, "planet-rssm-seed0", "2026-01-01T10:00:00 7_4 node2 start restart=0 cpus=1"),
                run(dir, "planet-rssm-seed1"));
        List<SweepJobs.Entry> ledger = List.of(new SweepJobs.Entry("7", 0, "slac-seed0", 400),
                new SweepJobs.Entry("7", 1, "slac-seed1", 400), new SweepJobs.Entry("7", 2, "vae-seed0", 400),
                new SweepJobs.Entry("7", 3, "vae-seed1", 400), new SweepJobs.Entry("7", 4, "planet-rssm-seed0", 400));
        SlurmQueue.Snapshot queue = new SlurmQueue.Snapshot(true, SlurmQueue.parseSqueue(
                "7_0|RUNNING|None\n7_1|PENDING|Resources\n7_2|CANCELLED|None\n").stream()
                .collect(Collectors.toMap(SlurmQueue.Task::id, t -> t)));

        List<SweepStatus.Run> status = SweepStatus.of(runs, ledger, queue);
        assertEquals(List.of(SweepStatus.State.RUNNING, SweepStatus.State.PENDING, SweepStatus.State.STOPPED,
                SweepStatus.State.FAILED, SweepStatus.State.FAILED, SweepStatus.State.NOT_SUBMITTED),
                status.stream().map(SweepStatus.Run::state).toList());
        assertEquals("Resources", status.get(1).detail());
        assertTrue(status.get(3).detail().contains("exit code 1"), status.get(3).detail());
        assertTrue(status.get(4).detail().contains("ended without a word"), "killed outright: " + status.get(4));
        assertEquals(List.of(false, false, true, true, true, true),
                status.stream().map(SweepStatus.Run::wantsSubmission).toList(), "submitted again: not queued ones");
        assertEquals("6 runs: 1 running, 1 pending, 1 stopped, 2 failed, 1 not submitted", SweepStatus.summary(status));
        assertTrue(SweepStatus.describe(status.get(1)).matches(
                "slac-seed1 +pending +nothing saved yet, 400 env steps to go \\(task 7_1: Resources\\)"),
                SweepStatus.describe(status.get(1)));

        // Without squeue (a copy of the folder, or a machine without Slurm) the folders say what they can.
        List<SweepStatus.Run> offline = SweepStatus.of(runs, ledger, SlurmQueue.Snapshot.unknown());
        assertEquals(List.of(SweepStatus.State.RUNNING, SweepStatus.State.PENDING, SweepStatus.State.STOPPED,
                SweepStatus.State.FAILED, SweepStatus.State.RUNNING, SweepStatus.State.NOT_SUBMITTED),
                offline.stream().map(SweepStatus.Run::state).toList());

        // sacct, where the cluster keeps accounting, tells how a task that never started ended.
        SlurmQueue.Snapshot accounted = new SlurmQueue.Snapshot(true, SlurmQueue.parseSacct(
                "7_0|RUNNING|0:0\n7_1|CANCELLED by 1000|0:0\n7_4|OUT_OF_MEMORY|0:125\n").stream()
                .collect(Collectors.toMap(SlurmQueue.Task::id, t -> t)));
        List<SweepStatus.Run> ended = SweepStatus.of(runs, ledger, accounted);
        assertEquals(SweepStatus.State.STOPPED, ended.get(1).state(), "cancelled while pending");
        assertTrue(ended.get(4).detail().startsWith("OUT_OF_MEMORY"), ended.get(4).detail());
    }

    @Test
    void aNewerSubmissionWinsOverAnOlderLog(@TempDir Path dir) throws Exception {
        Path r = run(dir, "slac-seed0", "2026-01-01T10:00:00 7_0 node1 start restart=0 cpus=1",
                "2026-01-01T10:05:00 7_0 node1 end code=143 why=cancelled");
        List<SweepJobs.Entry> ledger = List.of(new SweepJobs.Entry("7", 0, "slac-seed0", 400),
                new SweepJobs.Entry("12", 0, "slac-seed0", 400));
        SweepStatus.Run s = SweepStatus.of(List.of(r), ledger, new SlurmQueue.Snapshot(true, Map.of("12_0",
                new SlurmQueue.Task("12_0", "PENDING", "Priority", true)))).get(0);
        assertEquals(SweepStatus.State.PENDING, s.state());
        assertEquals("12_0", s.task());
    }

    @Test
    void theSweepsSubmissionsAreKeptInItsFolder(@TempDir Path dir) throws Exception {
        SweepJobs.append(dir, "7", Map.of(0, "slac-seed0"), 400);
        SweepJobs.append(dir, "9", new java.util.TreeMap<>(Map.of(0, "slac-seed0", 3, "vae-seed1")), 800);
        assertEquals("job\ttask\trun\tenv_steps", Files.readAllLines(dir.resolve(SweepJobs.FILE)).get(0));
        Map<String, SweepJobs.Entry> newest = SweepJobs.newestByRun(SweepJobs.read(dir));
        assertEquals("9_0", newest.get("slac-seed0").id());
        assertEquals(800, newest.get("vae-seed1").envSteps());
    }

    @Test
    void slurmTimeLimitsAndTheWarningBeforeThem() {
        assertEquals(90 * 60, SlurmTime.seconds("90"));
        assertEquals(4 * 3600, SlurmTime.seconds("4:00:00"));
        assertEquals(5 * 60 + 30, SlurmTime.seconds("5:30"));
        assertEquals(36 * 3600, SlurmTime.seconds("1-12"));
        assertEquals(86400 + 2 * 3600 + 3 * 60, SlurmTime.seconds("1-2:03"));
        assertThrows(IllegalArgumentException.class, () -> SlurmTime.seconds("4h"));
        assertEquals(300, SlurmTime.warningSeconds(Optional.empty()), "no limit given: the longest warning");
        assertEquals(300, SlurmTime.warningSeconds(Optional.of("1-00")));
        assertEquals(60, SlurmTime.warningSeconds(Optional.of("5")), "at least Slurm's signal resolution");
        assertEquals(120, SlurmTime.warningSeconds(Optional.of("20")));
    }
}
