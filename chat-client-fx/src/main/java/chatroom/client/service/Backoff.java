package chatroom.client.service;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: 1 s, 2 s, 4 s … up to 30 s, each shortened by up to a fifth at random so that
 * a room full of clients does not come back in one wave after a server restart.
 */
public record Backoff(Duration first, Duration max, DoubleSupplier random) {

    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Math::random);
    }

    /** The wait before retry number {@code attempt} (0 for the first retry). */
    public Duration delay(int attempt) {
        long base = first.toMillis() << Math.min(attempt, 20);
        long capped = Math.min(base, max.toMillis());
        return Duration.ofMillis(Math.max(1, capped - (long) (capped * 0.2 * random.getAsDouble())));
    }
}
