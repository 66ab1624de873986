package chatroom.common.protocol;

import chatroom.common.model.MemberChange;
import java.util.Objects;

/**
 * Someone joined or left a room, or connected or disconnected while a member of it.
 */
@WireType("member")
public record MemberEvent(String room, String user, MemberChange event) implements ServerMessage {
    public MemberEvent {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(event, "event");
    }
}
