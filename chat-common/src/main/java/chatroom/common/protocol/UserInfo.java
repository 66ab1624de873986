package chatroom.common.protocol;

import chatroom.common.model.Role;
import chatroom.common.model.Status;
import java.util.Objects;
/**
 * A user with presence and role, as listed in {@code joined} and {@code users}.
 */
public record UserInfo(String user, Status status, Role role) {
    public UserInfo {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(role, "role");
    }
}
