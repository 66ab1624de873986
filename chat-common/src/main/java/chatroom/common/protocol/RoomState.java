package chatroom.common.protocol;

import java.util.Objects;
/**
 * A room the user belongs to, as listed in {@code welcome}.
 *
 * @param lastSeq the seq of the newest stored message, 0 when there is none
 */
public record RoomState(String room, String topic, long lastSeq) {
    public RoomState {
        Objects.requireNonNull(room, "room");
    }
}
