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
        if (old.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > RegisterRequest.MAX_PASSWORD_BYTES) {
            // No password that long was ever accepted, and hashing it would only cost the server time.
            throw new InvalidMessageException(ErrorCode.BAD_REQUEST, "Passwords are at most " + RegisterRequest.MAX_PASSWORD_BYTES + " bytes long.");
        }
        Passwords.check(newPassword, "new");
    }

    @Override
    public String toString() {
        return "PasswordRequest[id=" + id + ", old=***, new=***]";
    }
}
