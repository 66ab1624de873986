package chatroom.client.model;

import java.util.TreeSet;

/**
 * Remembers which seqs of one conversation the client holds, so that a message that arrives twice
 * (live and in a history page, or again after a reconnect) is shown once, and so that a gap can be
 * noticed and fetched. {@code contiguous} is the highest seq up to which every message is held;
 * seqs above it that arrived early wait in {@code ahead} until the gap closes.
 */
public final class SeqTracker {
    private long contiguous;
    private final TreeSet<Long> ahead = new TreeSet<>();

    /** Starts with everything up to {@code base} counted as handled (older pages are fetched on demand). */
    public SeqTracker(long base) {
        if (base < 0) throw new IllegalArgumentException("base must be >= 0");
        this.contiguous = base;
    }

    /** Records a seq; returns false if it was already held (a duplicate to drop). */
    public boolean accept(long seq) {
        if (seq <= contiguous || ahead.contains(seq)) return false;
        if (seq == contiguous + 1) {
            contiguous = seq;
            while (!ahead.isEmpty() && ahead.first() == contiguous + 1) {
                contiguous = ahead.pollFirst();
            }
        } else {
            ahead.add(seq);
        }
        return true;
    }

    /** The highest seq up to which nothing is missing: the {@code after_seq} of a catch-up. */
    public long contiguous() {
        return contiguous;
    }

    /** Whether messages below some already-held seq are missing. */
    public boolean hasGap() {
        return !ahead.isEmpty();
    }

    /** Whether the server's {@code last_seq} says there is something newer to fetch. */
    public boolean isBehind(long serverLastSeq) {
        return serverLastSeq > contiguous;
    }
}
