package chatroom.common.protocol;

import java.util.Objects;

/**
 * {@code user} is typing in {@code room}, or to {@code to} (the receiver) in a direct conversation.
 */
@WireType("typing")
public record TypingEvent(String user, String room, String to) implements ServerMessage {
    public TypingEvent {
        Objects.requireNonNull(user, "user");
    }
}
