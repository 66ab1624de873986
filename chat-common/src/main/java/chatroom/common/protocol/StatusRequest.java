package chatroom.common.protocol;

import chatroom.common.model.Status;

/**
 * Sets the sender's presence. Replied to with {@code ok}; everyone gets {@code presence}.
 *
 * @param status {@code online}, {@code away} or {@code busy}
 */
@WireType("status")
public record StatusRequest(String id, Status status) implements ClientMessage {
    public StatusRequest {
        id = Fields.id(id);
        if (status == null || status == Status.OFFLINE) throw Fields.bad("status must be one of online, away, busy.");
    }
}
