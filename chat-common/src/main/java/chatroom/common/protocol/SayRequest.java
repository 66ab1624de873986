package chatroom.common.protocol;


/**
 * Sends a message to a room. Replied to with {@code ack} once the message is stored; a retry with
 * the same {@code id} is acknowledged again with the same {@code seq} and not delivered twice.
 *
 * @param id required, unique per message (a UUID is a good choice)
 */
@WireType("say")
public record SayRequest(String id, String room, String text) implements ClientMessage {
    public SayRequest {
        id = Fields.requiredId(id);
        Fields.reference(room, "room");
        Fields.text(text, "text", Fields.MAX_TEXT);
    }
}
