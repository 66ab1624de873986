package chatroom.common.protocol;

import chatroom.common.model.Status;
import java.util.Objects;

/**
 * A user's presence changed; sent to everyone connected.
 */
@WireType("presence")
public record PresenceEvent(String user, Status status) implements ServerMessage {
    public PresenceEvent {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(status, "status");
    }
}
