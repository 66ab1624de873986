package chatroom.common.protocol;


/**
 * Lifts a ban (moderators and admins). Replied to with {@code ok}.
 */
@WireType("unban")
public record UnbanRequest(String id, String user) implements ClientMessage {
    public UnbanRequest {
        id = Fields.id(id);
        Fields.reference(user, "user");
    }
}
