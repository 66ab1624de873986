package chatroom.common.protocol;

import chatroom.common.model.Role;

/**
 * Changes a user's role (admins only). Replied to with {@code ok}.
 */
@WireType("role")
public record RoleRequest(String id, String user, Role role) implements ClientMessage {
    public RoleRequest {
        id = Fields.id(id);
        Fields.reference(user, "user");
        if (role == null) throw Fields.bad("role must be one of user, moderator, admin.");
    }
}
