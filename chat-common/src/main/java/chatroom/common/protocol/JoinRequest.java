package chatroom.common.protocol;


/**
 * Joins a room, creating it if it does not exist. Replied to with {@code joined}.
 */
@WireType("join")
public record JoinRequest(String id, String room) implements ClientMessage {
    public JoinRequest {
        id = Fields.id(id);
        Fields.roomName(room);
    }
}
