package chatroom.common.protocol;


/**
 * Leaves a room. Replied to with {@code ok}.
 */
@WireType("part")
public record PartRequest(String id, String room) implements ClientMessage {
    public PartRequest {
        id = Fields.id(id);
        Fields.reference(room, "room");
    }
}
