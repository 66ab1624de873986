package chatroom.common.protocol;


/**
 * Disconnects a user (moderators and admins); the user may log in again. Replied to with
 * {@code ok}; the target gets {@code kicked}.
 */
@WireType("kick")
public record KickRequest(String id, String user, String reason) implements ClientMessage {
    public KickRequest {
        id = Fields.id(id);
        Fields.reference(user, "user");
        Fields.optionalText(reason, "reason", Fields.MAX_SHORT_TEXT);
    }
}
