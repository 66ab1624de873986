package chatroom.common.protocol;


/**
 * Checks the connection. Replied to with {@code pong}.
 */
@WireType("ping")
public record PingRequest(String id) implements ClientMessage {
    public PingRequest {
        id = Fields.id(id);
    }
}
