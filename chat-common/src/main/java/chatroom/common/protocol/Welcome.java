package chatroom.common.protocol;

import chatroom.common.model.Role;
import java.util.List;
import java.util.Objects;

/**
 * The reply to a successful {@code register} or {@code login}.
 *
 * @param rooms the rooms the user is a member of (the default room among them)
 * @param dms the user's direct conversations (extension of v1; a client must accept its absence)
 */
@WireType("welcome")
public record Welcome(String re, String user, Role role, List<RoomState> rooms, List<DmState> dms) implements ServerMessage {
    public Welcome {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        rooms = rooms == null ? List.of() : List.copyOf(rooms);
        dms = dms == null ? List.of() : List.copyOf(dms);
    }
}
