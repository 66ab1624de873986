package chatroom.server.store;

import chatroom.common.model.Role;
import java.time.Instant;

/** A stored account. {@code name} is the display spelling, {@code key} its identity. */
public record Account(long id, String name, String key, String passwordHash, Role role, Instant createdAt) {
    @Override
    public String toString() {
        return "Account[" + id + ", " + name + ", " + role + "]";
    }
}
