package chatroom.common.protocol;


/**
 * Ends the session. Replied to with {@code bye}, then the server closes the connection.
 */
@WireType("quit")
public record QuitRequest(String id) implements ClientMessage {
    public QuitRequest {
        id = Fields.id(id);
    }
}
