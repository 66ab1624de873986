package chatroom.common.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * The reply to {@code say} ({@code room}) or {@code dm} ({@code to}) once the message is durably
 * stored.
 */
@WireType("ack")
public record Ack(String re, String room, String to, long seq, Instant ts) implements ServerMessage {
    public Ack {
        if ((room == null) == (to == null)) throw new IllegalArgumentException("an ack has exactly one of room and to");
        Objects.requireNonNull(ts, "ts");
    }
}
