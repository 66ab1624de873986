package chatroom.common.protocol;


/**
 * Lists the bans in force (moderators and admins). Replied to with {@code bans}.
 */
@WireType("bans")
public record BansRequest(String id) implements ClientMessage {
    public BansRequest {
        id = Fields.id(id);
    }
}
