package chatroom.common.protocol;

import java.util.List;
import java.util.Objects;

/**
 * The reply to {@code join}: the room with its topic, its members and the seq of its newest
 * message. Also sent unprompted (without {@code re}) to the user's other sessions.
 */
@WireType("joined")
public record Joined(String re, String room, String topic, List<UserInfo> members, long lastSeq) implements ServerMessage {
    public Joined {
        Objects.requireNonNull(room, "room");
        members = members == null ? List.of() : List.copyOf(members);
    }
}
