package chatroom.common.protocol;


/**
 * Sends a direct message to a user. Replied to with {@code ack}; the same retry rule as
 * {@link SayRequest} applies.
 */
@WireType("dm")
public record DmRequest(String id, String to, String text) implements ClientMessage {
    public DmRequest {
        id = Fields.requiredId(id);
        Fields.reference(to, "to");
        Fields.text(text, "text", Fields.MAX_TEXT);
    }
}
