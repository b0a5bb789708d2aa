package slaclab.engine;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Trainer} on its own thread ("slac-training"), commanded through its {@link RunControl} and observed
 * through its listener. Whatever ends the run (finishing, a stop, a NaN loss, an error such as an unreadable
 * checkpoint) reaches the listener as one {@link TrainingListener#onTrainingEnd} call.
 */
public final class TrainingSession {
    private final Trainer trainer;
    private final TrainingListener listener;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread thread;
    private volatile Outcome outcome;

    /**
     * @param resume      continue the run in {@code runDir} from its checkpoint
     * @param startPaused hold before the first step (an opened run that is only browsed)
     */
    public TrainingSession(RunConfig config, Path runDir, boolean resume, boolean startPaused,
                           TrainingListener listener) {
        this.listener = listener == null ? TrainingListener.NONE : listener;
        this.trainer = new Trainer(config, runDir, resume, this.listener, new RunControl(startPaused));
        this.thread = new Thread(this::runTrainer, "slac-training");
    }

    public void start() {
        thread.start();
    }

    public RunControl control() {
        return trainer.control();
    }

    public Path runDir() {
        return trainer.folder().dir();
    }

    public boolean isAlive() {
        return thread.isAlive();
    }

    /** The outcome once ended, else null. */
    public Outcome outcome() {
        return outcome;
    }

    /** Asks the run to save and stop, and waits up to {@code timeoutMillis} for it; true if it ended. */
    public boolean stopAndWait(long timeoutMillis) throws InterruptedException {
        control().requestStop();
        return awaitEnd(timeoutMillis);
    }

    /** Waits for the outcome and for the training thread to exit (its last step after reporting the outcome). */
    public boolean awaitEnd(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        if (!ended.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
            return false;
        }
        if (Thread.currentThread() != thread) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        return true;
    }

    private void runTrainer() {
        Outcome o;
        try {
            o = trainer.run();
        } catch (Exception | OutOfMemoryError e) {
            String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            o = new Outcome(Outcome.Status.FAILED, -1, "the run stopped with an error: " + what
                    + (e instanceof OutOfMemoryError ? " (out of memory: choose a preset with smaller batches or"
                    + " replay)" : "") + ". Files already in " + runDir() + " are kept.");
            listener.onTrainingEnd(o);
        }
        outcome = o;
        ended.countDown();
    }
}
