package slaclab.engine;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Commands from another thread (a window, a test) to a running {@link Trainer}: pause, resume, single step, stop,
 * and requests the loop serves between two steps (rollouts, watching an evaluation episode, saving). Every method is
 * safe from any thread; the loop polls it at its safe points (before each agent step, pre-training update and
 * evaluation step), so a pause takes effect within one update.
 */
public final class RunControl {
    /** Something the training thread does for the caller at a safe point. */
    public sealed interface Request permits RolloutRequest, WatchRequest, SaveRequest {
    }

    /**
     * Decode truth, posterior, prior and conditional-prior samples of one sequence.
     *
     * @param steps    sequence length in agent steps (frames = steps + 1)
     * @param source   where the sequence comes from
     * @param sequence which replay sequence (a seed: the same number picks the same sequence while the buffer holds it)
     */
    public record RolloutRequest(int steps, RolloutSource source, long sequence) implements Request {
    }

    /** Play one evaluation episode at real-time speed, reporting every frame. */
    public record WatchRequest() implements Request {
    }

    /** Write a checkpoint now. */
    public record SaveRequest() implements Request {
    }

    public enum RolloutSource {
        /** A sequence drawn from the replay buffer. */
        REPLAY,
        /** The last steps of the episode being collected. */
        CURRENT_EPISODE
    }

    private final Deque<Request> requests = new ArrayDeque<>();
    private boolean paused;
    private int stepsGranted;
    private boolean stopRequested;

    public RunControl() {
        this(false);
    }

    /** @param startPaused hold the loop before its first step until {@link #resume} or {@link #stepOnce} */
    public RunControl(boolean startPaused) {
        this.paused = startPaused;
    }

    public synchronized void pause() {
        paused = true;
        stepsGranted = 0;
        notifyAll();
    }

    public synchronized void resume() {
        paused = false;
        stepsGranted = 0;
        notifyAll();
    }

    /** While paused: let the loop take one more agent step (or pre-training update), then hold again. */
    public synchronized void stepOnce() {
        if (paused) {
            stepsGranted++;
            notifyAll();
        }
    }

    /** The loop saves a checkpoint and ends at its next safe point. */
    public synchronized void requestStop() {
        stopRequested = true;
        notifyAll();
    }

    public synchronized void submit(Request request) {
        requests.addLast(request);
        notifyAll();
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    public synchronized boolean stopRequested() {
        return stopRequested;
    }

    /** How the loop serves requests; implemented by the trainer. */
    interface Server {
        void serve(Request request) throws java.io.IOException;

        /** Called once each time the loop starts or stops holding at a pause. */
        void holding(boolean holding);
    }

    /**
     * Called by the loop at a safe point: serves queued requests, then holds while paused (serving requests as they
     * arrive) until resumed, granted a step, or asked to stop. Returns false when the loop must stop.
     */
    boolean awaitTurn(Server server) throws java.io.IOException {
        boolean held = false;
        try {
            while (true) {
                Request r;
                synchronized (this) {
                    r = requests.pollFirst();
                    if (r == null) {
                        if (stopRequested) {
                            return false;
                        }
                        if (!paused) {
                            return true;
                        }
                        if (stepsGranted > 0) {
                            stepsGranted--;
                            return true;
                        }
                        if (held) {
                            try {
                                wait();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                stopRequested = true;
                            }
                            continue;
                        }
                    }
                }
                if (r != null) {
                    server.serve(r);
                } else {
                    held = true;
                    server.holding(true);
                }
            }
        } finally {
            if (held) {
                server.holding(false);
            }
        }
    }
}
