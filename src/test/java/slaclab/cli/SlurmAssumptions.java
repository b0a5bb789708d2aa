package slaclab.cli;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Skips a test (JUnit assumption) when no Slurm cluster answers here (start one with {@code .ci/local-slurm start}).
 * CI starts one and sets SLACLAB_REQUIRE_SLURM=1, which turns the skip into a failure so the Slurm tests cannot
 * silently stop running there.
 */
final class SlurmAssumptions {
    private SlurmAssumptions() {
    }

    static void assumeCluster() {
        String why = unavailable();
        if ("1".equals(System.getenv("SLACLAB_REQUIRE_SLURM")) && why != null) {
            fail("SLACLAB_REQUIRE_SLURM=1 but no Slurm cluster answers: " + why + " (.ci/local-slurm start)");
        }
        assumeTrue(why == null, () -> "no Slurm cluster: " + why + " (.ci/local-slurm start starts one)");
    }

    /** Why no cluster can run jobs here, or null when sinfo shows a node that takes them. */
    private static String unavailable() {
        try {
            Process p = new ProcessBuilder("sinfo", "-h", "-o", "%t").redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "sinfo did not answer";
            }
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (p.exitValue() != 0) {
                return "sinfo: " + out;
            }
            return out.lines().anyMatch(s -> s.matches("(idle|mix|alloc)\\*?")) ? null : "no node is up (" + out + ")";
        } catch (java.io.IOException e) {
            return "sinfo is not installed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
