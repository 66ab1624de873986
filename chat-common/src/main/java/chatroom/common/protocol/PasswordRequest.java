package chatroom.common.protocol;

import com.google.gson.annotations.SerializedName;

/**
 * Changes the sender's own password (extension of v1). Replied to with {@code ok}, or
 * {@code bad_credentials} when {@code old} is wrong.
 */
@WireType("password")
public record PasswordRequest(String id, String old, @SerializedName("new") String newPassword) implements ClientMessage {
    public PasswordRequest {
        id = Fields.id(id);
        Fields.required(old, "old");
        Passwords.check(newPassword, "new");
    }

    @Override
    public String toString() {
        return "PasswordRequest[id=" + id + ", old=***, new=***]";
    }
}
