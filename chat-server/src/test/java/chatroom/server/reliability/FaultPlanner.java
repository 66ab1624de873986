package chatroom.server.reliability;

import chatroom.server.reliability.Fault.Direction;
import java.util.Random;
import java.util.function.IntSupplier;

/**
 * Decides which faults one proxied connection gets and at which bytes. The offsets and durations
 * come from a {@link Random} seeded with the proxy's seed and the connection's index, and every
 * offset counts bytes of one direction from a point the plan itself fixes (the connection's start,
 * or the stall before it), so a seed replays the same plan: the n-th connection breaks the same way
 * at the same byte. What is not reproducible is the threads' interleaving, and so which frame
 * happens to be at that byte.
 *
 * <p>The kinds are not drawn but dealt in turn: the proxy's k-th planned fault is kind
 * {@code (seed + k) mod 5}, whichever connection it lands on. So any five faults in a row cover
 * every kind, and four proxies whose seeds differ by one cover every kind once each has fired two.
 */
final class FaultPlanner {
    /**
     * One planned fault.
     *
     * @param atByte the fault acts when the direction has carried this many bytes
     * @param millis how long a stall lasts, or how long an ack loss swallows replies before the reset
     */
    record Planned(Fault kind, Direction direction, long atByte, int millis) {
        @Override
        public String toString() {
            return kind + " " + direction + " at byte " + atByte + (millis > 0 ? " (" + millis + " ms)" : "");
        }
    }

    private static final Fault[] KINDS = Fault.values();

    private final Random random;
    private final long seed;
    private final IntSupplier kindTicket;
    private final FaultyProxy.Settings settings;

    /**
     * @param kindTicket the proxy's counter of planned faults, shared by its connections
     */
    FaultPlanner(long seed, int connectionIndex, IntSupplier kindTicket, FaultyProxy.Settings settings) {
        // Mixed so neighbouring seeds and indexes do not give correlated streams.
        this.random = new Random(seed * 0x9E3779B97F4A7C15L + connectionIndex);
        this.seed = seed;
        this.kindTicket = kindTicket;
        this.settings = settings;
    }

    /** The first fault of a connection. */
    Planned first() {
        return next(0, 0, null);
    }

    /**
     * The fault after a stall, on the stall's direction: its byte count at the stall is part of
     * the plan, while the other direction's count at that moment depends on timing.
     */
    Planned after(Planned stall) {
        boolean up = stall.direction() == Direction.UP;
        return next(up ? stall.atByte() : 0, up ? 0 : stall.atByte(), stall.direction());
    }

    private Planned next(long upBytes, long downBytes, Direction only) {
        // Every value is drawn every time, so one kind's choices never shift the next fault's.
        boolean upDraw = random.nextBoolean();
        int upOffset = 1 + random.nextInt(settings.upSpan());
        int downOffset = 1 + random.nextInt(settings.downSpan());
        int stallMillis = 50 + random.nextInt(settings.maxStallMillis());
        int holdMillis = 20 + random.nextInt(settings.maxHoldMillis());

        Fault kind = KINDS[Math.floorMod(seed + kindTicket.getAsInt(), KINDS.length)];
        Direction direction = only != null ? only : upDraw ? Direction.UP : Direction.DOWN;
        long at = direction == Direction.UP ? upBytes + upOffset : downBytes + downOffset;
        int millis = switch (kind) {
            case STALL -> stallMillis;
            case ACK_LOSS -> holdMillis;
            default -> 0;
        };
        return new Planned(kind, direction, at, millis);
    }
}
