package chatroom.common.protocol;

import chatroom.common.model.Names;

/**
 * Creates an account and logs in. Replied to with {@code welcome}.
 *
 * @param user 1–32 letters, digits, {@code _}, {@code -} or {@code .}; unique case-insensitively
 * @param password at least 8 characters, at most 1024 bytes
 */
@WireType("register")
public record RegisterRequest(String id, String user, String password) implements ClientMessage {
    /** Shortest password accepted. */
    public static final int MIN_PASSWORD = 8;
    /** Longest password accepted, in UTF-8 bytes. */
    public static final int MAX_PASSWORD_BYTES = 1024;

    public RegisterRequest {
        id = Fields.id(id);
        Fields.required(user, "user");
        String problem = Names.problem(user, "user name");
        if (problem != null) throw new InvalidMessageException(ErrorCode.INVALID_NAME, problem);
        Passwords.check(password, "password");
    }

    @Override
    public String toString() {
        return "RegisterRequest[id=" + id + ", user=" + user + ", password=***]";
    }
}
