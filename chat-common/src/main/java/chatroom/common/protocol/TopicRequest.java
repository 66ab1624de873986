package chatroom.common.protocol;


/**
 * Sets a room's topic (moderators and admins). Replied to with {@code ok}; members get
 * {@code topic}. An empty topic clears it.
 */
@WireType("topic")
public record TopicRequest(String id, String room, String topic) implements ClientMessage {
    public TopicRequest {
        id = Fields.id(id);
        Fields.reference(room, "room");
        Fields.required(topic, "topic");
        Fields.optionalText(topic, "topic", Fields.MAX_SHORT_TEXT);
    }
}
