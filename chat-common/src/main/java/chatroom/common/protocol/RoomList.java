package chatroom.common.protocol;

import java.util.List;

/**
 * The reply to {@code rooms}: every room.
 */
@WireType("rooms")
public record RoomList(String re, List<RoomInfo> rooms) implements ServerMessage {
    public RoomList {
        rooms = rooms == null ? List.of() : List.copyOf(rooms);
    }
}
