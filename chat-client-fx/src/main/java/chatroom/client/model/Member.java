package chatroom.client.model;

import chatroom.common.model.Role;
import chatroom.common.model.Status;
import java.util.Objects;

/** A user as the people panel shows them: name, presence and role. */
public record Member(String user, Status status, Role role) {
    public Member {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(role, "role");
    }

    public Member withStatus(Status value) {
        return new Member(user, value, role);
    }

    public boolean isOnline() {
        return status != Status.OFFLINE;
    }
}
