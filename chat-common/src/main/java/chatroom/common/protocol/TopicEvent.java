package chatroom.common.protocol;

import java.util.Objects;

/**
 * A room's topic changed; sent to its members.
 */
@WireType("topic")
public record TopicEvent(String room, String topic, String by) implements ServerMessage {
    public TopicEvent {
        Objects.requireNonNull(room, "room");
    }
}
