package chatroom.common.protocol;


/**
 * Lists every account with its status and role. Replied to with {@code users}.
 */
@WireType("users")
public record UsersRequest(String id) implements ClientMessage {
    public UsersRequest {
        id = Fields.id(id);
    }
}
