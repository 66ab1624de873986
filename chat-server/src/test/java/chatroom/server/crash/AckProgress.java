package chatroom.server.crash;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the senders of one server run have achieved, so the test can pull the trigger at a point
 * measured in acks rather than in wall-clock time, and stops waiting as soon as a sender fails.
 */
final class AckProgress {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int loggedIn;
    private int acks;
    private Throwable failure;

    void loggedIn() {
        update(() -> loggedIn++);
    }

    void acked() {
        update(() -> acks++);
    }

    void failed(Throwable t) {
        update(() -> {
            if (failure == null) failure = t;
        });
    }

    int acks() {
        lock.lock();
        try {
            return acks;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code senders} have logged in and {@code target} acks arrived in total. */
    void await(int senders, int target, Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (failure == null && (loggedIn < senders || acks < target)) {
                if (left <= 0) {
                    throw new AssertionError("no progress within " + timeout.toSeconds() + " s: " + loggedIn + "/" + senders
                            + " senders logged in, " + acks + "/" + target + " acks");
                }
                left = changed.awaitNanos(left);
            }
            if (failure != null) throw new AssertionError("a sender failed before the kill", failure);
        } finally {
            lock.unlock();
        }
    }

    private void update(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
