package slaclab.engine;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The counters that begin a checkpoint and a kept stage: how far the run has come and what it did last.
 *
 * @param nextEvalAt     environment steps of the next evaluation
 * @param elapsed        seconds of training behind the run (over all its sessions)
 * @param lastEvalReturn mean return of the last evaluation (NaN before the first)
 */
record RunCounters(long envSteps, long agentSteps, long modelUpdates, long sacUpdates, long episodes, long pretrainDone,
                   boolean pretrained, long nextEvalAt, double elapsed, double lastEvalReturn) {
    static RunCounters read(DataInputStream in) throws IOException {
        return new RunCounters(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                in.readLong(), in.readBoolean(), in.readLong(), in.readDouble(), in.readDouble());
    }

    void write(DataOutputStream out) throws IOException {
        out.writeLong(envSteps);
        out.writeLong(agentSteps);
        out.writeLong(modelUpdates);
        out.writeLong(sacUpdates);
        out.writeLong(episodes);
        out.writeLong(pretrainDone);
        out.writeBoolean(pretrained);
        out.writeLong(nextEvalAt);
        out.writeDouble(elapsed);
        out.writeDouble(lastEvalReturn);
    }
}
