package chatroom.common.protocol;

import java.util.Objects;
/**
 * A room as listed in {@code rooms}.
 *
 * @param members how many users are members
 */
public record RoomInfo(String room, String topic, int members) {
    public RoomInfo {
        Objects.requireNonNull(room, "room");
    }
}
