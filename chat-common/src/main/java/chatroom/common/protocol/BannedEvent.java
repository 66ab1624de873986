package chatroom.common.protocol;

import java.time.Instant;

/**
 * The receiver was banned by {@code by} until {@code until} (null: until unbanned); the
 * connection closes next.
 */
@WireType("banned")
public record BannedEvent(String by, String reason, Instant until) implements ServerMessage {

}
