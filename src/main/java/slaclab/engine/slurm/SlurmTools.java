package slaclab.engine.slurm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Slurm's client commands as found on a PATH (each empty where missing), and a way to run one and read its answer.
 *
 * @param sbatch submits the sweep
 * @param squeue what is queued or running
 * @param sacct  what has ended, where the cluster keeps accounting
 */
public record SlurmTools(Optional<Path> sbatch, Optional<Path> squeue, Optional<Path> sacct) {
    /** How long a Slurm command may take before it counts as not answering (a busy controller can be slow). */
    private static final long TIMEOUT_SECONDS = 60;

    /** What a command printed and its exit code. */
    public record Result(int exit, String stdout, String stderr) {
        public boolean ok() {
            return exit == 0;
        }

        /** The first line of stderr (else stdout), for an error message. */
        public String firstLine() {
            String s = stderr.isBlank() ? stdout : stderr;
            return s.strip().lines().findFirst().orElse("exit code " + exit);
        }
    }

    /** The commands on {@code path} (a PATH value; null or empty: none). */
    public static SlurmTools onPath(String path) {
        return new SlurmTools(find(path, "sbatch"), find(path, "squeue"), find(path, "sacct"));
    }

    /** None of them: the run folders are all there is to read. */
    public static SlurmTools none() {
        return new SlurmTools(Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Optional<Path> find(String path, String name) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Runs {@code command} to its end (or the timeout, which counts as exit code -1). */
    public static Result run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null"))).start();
        java.util.concurrent.Executor reader = r -> {
            Thread t = new Thread(r, "slurm-command-output");
            t.setDaemon(true);
            t.start();
        };
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()), reader);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()), reader);
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "", command.get(0) + " did not answer within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + command.get(0), e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
