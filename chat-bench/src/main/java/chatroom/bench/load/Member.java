package chatroom.bench.load;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * One simulated room member and its reader. The reader checks every delivered message (whole,
 * in order, not a duplicate) and records its latency, from the time it was due to be sent, when
 * that time falls in the current measurement window. Counters are atomics because the run's
 * coordinator reads them while the reading thread writes.
 */
final class Member {
    final int index;
    final String nick;
    final String room;
    /** This member's sender number, or -1 when it only listens. */
    final int senderIndex;
    final Client client;
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong corrupted = new AtomicLong();
    final AtomicLong outOfOrder = new AtomicLong();
    private final SingleWriterRecorder latencyMicros = new SingleWriterRecorder(3);
    private final Payload payload;
    private final long[] lastSeq;
    private final int[] span = new int[2];

    Member(int index, String nick, String room, int senderIndex, Client client, int payloadSize, int senders) {
        this.index = index;
        this.nick = nick;
        this.room = room;
        this.senderIndex = senderIndex;
        this.client = client;
        this.payload = new Payload(payloadSize);
        this.lastSeq = new long[senders];
    }

    /** Checks and counts one line; called on the reading thread for each line this member receives. */
    void onLine(LoadRun run) throws IOException {
        Wire wire = run.wire();
        if (!wire.text(client, payload.size(), span)) {
            wire.onOtherLine(client);
            return;
        }
        long now = System.nanoTime();
        if (!payload.parse(client.buffer(), span[0], span[1]) || payload.sender >= lastSeq.length) {
            corrupted.incrementAndGet();
            return;
        }
        int sender = payload.sender;
        if (sender == senderIndex) return; // its own message, echoed back: not a delivery
        if (payload.seq <= lastSeq[sender]) {
            outOfOrder.incrementAndGet();
            return;
        }
        lastSeq[sender] = payload.seq;
        run.seen(index, sender, payload.seq);
        LoadRun.Window w = run.window();
        if (payload.sendNanos >= w.from() && payload.sendNanos < w.to()) {
            delivered.incrementAndGet();
            latencyMicros.recordValue(Math.max(1, (now - payload.sendNanos) / 1_000));
        }
    }

    /** The latencies recorded since the last call. */
    Histogram takeLatencies() {
        return latencyMicros.getIntervalHistogram();
    }
}
