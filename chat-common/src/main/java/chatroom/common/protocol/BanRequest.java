package chatroom.common.protocol;


/**
 * Bans a user (moderators and admins), for {@code minutes} or, without it, until unbanned. The
 * ban is stored; the target gets {@code banned} and is disconnected. Replied to with {@code ok}.
 */
@WireType("ban")
public record BanRequest(String id, String user, String reason, Long minutes) implements ClientMessage {
    /** The longest timed ban: ten years. */
    public static final long MAX_MINUTES = 10L * 366 * 24 * 60;

    public BanRequest {
        id = Fields.id(id);
        Fields.reference(user, "user");
        Fields.optionalText(reason, "reason", Fields.MAX_SHORT_TEXT);
        if (minutes != null && (minutes < 1 || minutes > MAX_MINUTES)) {
            throw Fields.bad("minutes must be between 1 and " + MAX_MINUTES + "; leave it out for a ban until unbanned.");
        }
    }
}
