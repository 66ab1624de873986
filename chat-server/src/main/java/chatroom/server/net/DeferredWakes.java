package chatroom.server.net;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writer wake-ups that may wait a little. A login or logout sends {@code presence} and
 * {@code member} events to everyone online, so N users arriving cost N² deliveries; woken at once,
 * each of those is a writer wake-up and a system call of its own. Deferred, every event queued for
 * a client within {@link #delay} goes out in one write, which turns a login storm's cost from one
 * write per event into a few writes per client per second. People do not notice a presence dot
 * that turns green a tenth of a second later; messages and replies are never deferred.
 *
 * <p>Thread: the wake-ups run on the server's timer thread. Any thread may {@link #add}.
 */
public final class DeferredWakes {
    private final ScheduledExecutorService timers;
    private final long delayNanos;
    private final ConcurrentLinkedQueue<Outbox> due = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** Wakes deferred writers {@code delay} after the first deferral, on {@code timers}. */
    public DeferredWakes(ScheduledExecutorService timers, Duration delay) {
        this.timers = timers;
        this.delayNanos = delay.toNanos();
    }

    /** The longest a deferred frame waits for its writer to wake. */
    public Duration delay() {
        return Duration.ofNanos(delayNanos);
    }

    /** Wakes {@code outbox}'s writer within the delay. Called at most once per pending wake-up. */
    void add(Outbox outbox) {
        due.add(outbox);
        // Cleared before the queue is drained, so an outbox added during a drain gets its own run.
        if (scheduled.compareAndSet(false, true)) timers.schedule(this::wakeAll, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void wakeAll() {
        scheduled.set(false);
        for (Outbox o; (o = due.poll()) != null; ) o.wakeDeferred();
    }
}
