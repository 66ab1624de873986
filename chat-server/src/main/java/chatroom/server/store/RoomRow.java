package chatroom.server.store;

/** A stored room: its channel id, display name, identity key, topic and newest seq. */
public record RoomRow(long id, String name, String key, String topic, long lastSeq) {
}
