package chatroom.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Slows down password guessing per (IP address, account): after {@value #FREE_FAILURES} failures
 * in a row, each further attempt must wait a delay that doubles from one second up to five
 * minutes. Keyed by both, so one noisy NAT address cannot lock an account for everyone else, and
 * checked before any hash is computed. A success clears the record.
 */
public final class LoginThrottle {
    static final int FREE_FAILURES = 5;
    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_DELAY = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 100_000;

    private final Clock clock;
    private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant blockedUntil) {
    }

    /** Uses {@code clock} for the delays. */
    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the caller must still wait, or {@link Duration#ZERO} when an attempt is allowed. */
    public Duration waitFor(String ip, String accountKey) {
        Failures f = failures.get(ip + "\n" + accountKey);
        if (f == null || f.blockedUntil() == null) return Duration.ZERO;
        Duration left = Duration.between(clock.instant(), f.blockedUntil());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Records a failed attempt. */
    public void failed(String ip, String accountKey) {
        if (failures.size() >= MAX_ENTRIES) failures.clear(); // bounded memory beats a perfect record
        failures.compute(ip + "\n" + accountKey, (k, f) -> {
            int count = f == null ? 1 : f.count() + 1;
            if (count < FREE_FAILURES) return new Failures(count, null);
            int doublings = Math.min(count - FREE_FAILURES, 20);
            Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
            if (delay.compareTo(MAX_DELAY) > 0) delay = MAX_DELAY;
            return new Failures(count, clock.instant().plus(delay));
        });
    }

    /** Records a success: the slate is clean. */
    public void succeeded(String ip, String accountKey) {
        failures.remove(ip + "\n" + accountKey);
    }
}
