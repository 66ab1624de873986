package chatroom.common.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored message, delivered live or in a {@code history} page. Exactly one of {@code room}
 * (a room message) and {@code to} (a direct message; the conversation is between {@code from} and
 * {@code to}) is set.
 *
 * @param seq increases by one per room or per pair of users, assigned when stored
 * @param id the sender's {@code say}/{@code dm} id
 */
@WireType("message")
public record ChatMessage(String room, String to, long seq, String id, String from, String text, Instant ts) implements ServerMessage {
    public ChatMessage {
        if ((room == null) == (to == null)) throw new IllegalArgumentException("a message has exactly one of room and to");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(ts, "ts");
    }
}
