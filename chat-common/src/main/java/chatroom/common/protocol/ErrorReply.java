package chatroom.common.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * A request failed, or the connection is about to close.
 *
 * @param re the failed request's id, when it had one
 * @param message a sentence a person can act on
 * @param reason with {@code banned}: the ban's reason
 * @param until with {@code banned}: when the ban ends (absent: until unbanned)
 * @param retryAfterMs with {@code rate_limited}: how long to wait before trying again
 */
@WireType("error")
public record ErrorReply(String re, ErrorCode code, String message, String reason, Instant until, Long retryAfterMs) implements ServerMessage {
    public ErrorReply {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** An error with just a code and a sentence. */
    public static ErrorReply of(String re, ErrorCode code, String message) {
        return new ErrorReply(re, code, message, null, null, null);
    }
}
