package chatroom.common.protocol;


/**
 * Answers the server's {@code ping} (extension of v1). No reply.
 */
@WireType("pong")
public record PongRequest(String id) implements ClientMessage {
    public PongRequest {
        id = Fields.id(id);
    }
}
