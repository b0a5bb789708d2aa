package slaclab.ui;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A pane's one worker thread for engine work (loading agents, playing episodes, imagining): jobs run there in order and
 * end with an action on the FX thread; a job that fails puts its message on the lab's notice bar instead. Busy while a
 * job runs.
 */
final class FxWorker {
    /** Work on the worker thread that ends with an action on the FX thread. */
    interface Job {
        Runnable call() throws IOException;
    }

    private final LabModel lab;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ExecutorService executor;

    FxWorker(String threadName, LabModel lab) {
        this.lab = lab;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Runs {@code job} after the jobs before it, busy meanwhile (call on the FX thread). */
    void run(Job job) {
        busy.set(true);
        executor.execute(() -> {
            Runnable done;
            try {
                done = job.call();
            } catch (IOException | RuntimeException e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                done = () -> lab.error(message);
            }
            Runnable then = done;
            Platform.runLater(() -> {
                busy.set(false);
                then.run();
            });
        });
    }

    /** Work with no result to show, after the jobs before it, without marking the worker busy. */
    void execute(Runnable work) {
        executor.execute(work);
    }

    /** Ends the thread after the work already given. */
    void shutdown() {
        executor.shutdown();
    }
}
