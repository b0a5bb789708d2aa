package slaclab.engine;

import slaclab.engine.io.RunLock;

import java.nio.file.Path;

/** A second process for {@link RunLockTest}: holds a run folder's lock until its standard input closes. */
public final class RunLockHolder {
    private RunLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (RunLock lock = RunLock.acquire(Path.of(args[0]))) {
            System.out.println("held");
            System.out.flush();
            while (System.in.read() >= 0) {
                Thread.onSpinWait();
            }
        }
    }
}
