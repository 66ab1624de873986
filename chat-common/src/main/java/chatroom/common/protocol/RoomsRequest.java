package chatroom.common.protocol;


/**
 * Lists every room with its topic and member count. Replied to with {@code rooms}.
 */
@WireType("rooms")
public record RoomsRequest(String id) implements ClientMessage {
    public RoomsRequest {
        id = Fields.id(id);
    }
}
