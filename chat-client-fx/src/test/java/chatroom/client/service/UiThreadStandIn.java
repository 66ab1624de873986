package chatroom.client.service;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * For service tests without the FX toolkit: a single-thread executor stands in for the FX thread,
 * every call into the service goes through it as in the app, and waits have a deadline.
 */
final class UiThreadStandIn {
    static final Duration WAIT = Duration.ofSeconds(15);

    private UiThreadStandIn() {
    }

    /** Runs {@code task} on the stand-in UI thread and returns its result. */
    static <T> T onUi(ExecutorService ui, Callable<T> task) throws Exception {
        return ui.submit(task).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@link #onUi} for conditions, where a checked exception only gets in the way. */
    static <T> T onUiQuietly(ExecutorService ui, Callable<T> task) {
        try {
            return onUi(ui, task);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code condition} until it holds, failing the test after {@link #WAIT}. */
    static void waitUntil(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) throw new AssertionError("Timed out waiting until " + what);
            LockSupport.parkNanos(5_000_000);
        }
    }
}
