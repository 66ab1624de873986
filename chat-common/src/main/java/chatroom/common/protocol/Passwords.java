package chatroom.common.protocol;

import java.nio.charset.StandardCharsets;

/** The password rules shared by {@code register} and {@code password}. */
final class Passwords {
    private Passwords() {
    }

    static void check(String password, String field) {
        Fields.required(password, field);
        if (password.codePointCount(0, password.length()) < RegisterRequest.MIN_PASSWORD) {
            throw new InvalidMessageException(ErrorCode.WEAK_PASSWORD,
                    "The password is too short: use at least " + RegisterRequest.MIN_PASSWORD + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > RegisterRequest.MAX_PASSWORD_BYTES) {
            throw new InvalidMessageException(ErrorCode.BAD_REQUEST,
                    "The password is too long: at most " + RegisterRequest.MAX_PASSWORD_BYTES + " bytes.");
        }
    }
}
