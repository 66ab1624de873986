package chatroom.server.command;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets shutdown finish the requests already being handled (so a message being stored still gets
 * its ack) while refusing new ones with {@code server_shutdown}. The lock guards only the counter;
 * it is never held while a request runs.
 */
public final class RequestGate {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int inFlight;
    private boolean closed;

    /** Enters the gate; false once shutdown has begun. */
    boolean enter() {
        lock.lock();
        try {
            if (closed) return false;
            inFlight++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Leaves the gate after a request is handled. */
    void leave() {
        lock.lock();
        try {
            if (--inFlight == 0) idle.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new requests and waits up to {@code timeout} for those in flight; true if they all ended. */
    public boolean closeAndAwait(Duration timeout) {
        lock.lock();
        try {
            closed = true;
            long nanos = timeout.toNanos();
            while (inFlight > 0) {
                if (nanos <= 0) return false;
                nanos = idle.awaitNanos(nanos);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** For tests: whether shutdown has begun. */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

}
