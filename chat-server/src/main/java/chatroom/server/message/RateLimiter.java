package chatroom.server.message;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per user for say, dm and typing: {@code burst} tokens, refilled at
 * {@code perSecond}. An empty bucket means the request is refused with {@code rate_limited} and
 * the time until the next token. A rate of 0 turns the limit off: benchmarks compare servers with
 * their flood control off, and a server behind its own gateway may want that too.
 */
public final class RateLimiter {
    private final Clock clock;
    private final double burst;
    private final double perSecond;
    private final ConcurrentMap<Long, Bucket> buckets = new ConcurrentHashMap<>();

    private record Bucket(double tokens, long atMillis) {
    }

    /** Creates the limiter; {@code perSecond} 0 means no limit. */
    public RateLimiter(Clock clock, int burst, double perSecond) {
        this.clock = clock;
        this.burst = burst;
        this.perSecond = perSecond;
    }

    /**
     * Takes a token for {@code userId}.
     *
     * @return 0 when allowed, otherwise the milliseconds until a token is available
     */
    public long acquire(long userId) {
        if (perSecond == 0) return 0;
        long now = clock.millis();
        long[] wait = {0};
        buckets.compute(userId, (id, b) -> {
            double tokens = b == null ? burst : Math.min(burst, b.tokens() + (now - b.atMillis()) * perSecond / 1000.0);
            if (tokens >= 1) return new Bucket(tokens - 1, now);
            wait[0] = Math.max(1, (long) Math.ceil((1 - tokens) * 1000.0 / perSecond));
            return new Bucket(tokens, now);
        });
        return wait[0];
    }

}
