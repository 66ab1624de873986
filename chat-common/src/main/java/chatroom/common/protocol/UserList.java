package chatroom.common.protocol;

import java.util.List;

/**
 * The reply to {@code users}: every account.
 */
@WireType("users")
public record UserList(String re, List<UserInfo> users) implements ServerMessage {
    public UserList {
        users = users == null ? List.of() : List.copyOf(users);
    }
}
