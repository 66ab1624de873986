package chatroom.common.protocol;


/**
 * Logs in to an existing account. Replied to with {@code welcome}, or with {@code error}
 * {@code bad_credentials}, {@code banned} or {@code rate_limited}.
 */
@WireType("login")
public record LoginRequest(String id, String user, String password) implements ClientMessage {
    public LoginRequest {
        id = Fields.id(id);
        Fields.reference(user, "user");
        Fields.required(password, "password");
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > RegisterRequest.MAX_PASSWORD_BYTES) {
            throw new InvalidMessageException(ErrorCode.BAD_REQUEST, "Passwords are at most " + RegisterRequest.MAX_PASSWORD_BYTES + " bytes long.");
        }
    }

    @Override
    public String toString() {
        return "LoginRequest[id=" + id + ", user=" + user + ", password=***]";
    }
}
