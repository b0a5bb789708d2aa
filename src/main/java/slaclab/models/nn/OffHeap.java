package slaclab.models.nn;

import org.bytedeco.javacpp.Pointer;

/**
 * ND4J keeps array memory off the Java heap and frees some of it (arrays that SameDiff hands out and drops) only
 * when the garbage collector finds them unreachable. The small Java heap is collected rarely, so without help the
 * process grows by about 1 GB per paper-size update, and every update then pays for page faults on fresh memory
 * (measured: 1.3-6.5 s per model update instead of 1.2-1.9 s, peak RSS 6.9 GB instead of 4 GB). Collecting once the
 * resident size has grown by {@code slackBytes} keeps the footprint flat; a collection costs 40-100 ms, so small
 * updates do not pay for one each time.
 */
public final class OffHeap {
    private final long slackBytes;
    private long baseline = -1;

    public OffHeap(long slackBytes) {
        this.slackBytes = slackBytes;
    }

    /** Lets the collector free unreferenced native memory if the process grew by the slack since the last time. */
    public void reclaimIfGrown() {
        long now = Pointer.physicalBytes();
        if (baseline < 0) {
            baseline = now;
        } else if (now > baseline + slackBytes) {
            System.gc();
            baseline = Pointer.physicalBytes();
        }
    }
}
