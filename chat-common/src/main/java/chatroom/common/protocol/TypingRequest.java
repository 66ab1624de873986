package chatroom.common.protocol;


/**
 * Says the sender is typing in a room ({@code room}) or to a user ({@code to}). No reply; the
 * other members (or the peer) get {@code typing}.
 */
@WireType("typing")
public record TypingRequest(String id, String room, String to) implements ClientMessage {
    public TypingRequest {
        id = Fields.id(id);
        Fields.exactlyOne(room, "room", to, "to");
        if (room != null) Fields.reference(room, "room");
        if (to != null) Fields.reference(to, "to");
    }
}
