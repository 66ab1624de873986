package chatroom.server.command;

import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ErrorReply;
import java.time.Instant;

/** A request cannot be carried out; becomes an {@code error} reply to the sender. */
public final class RequestException extends Exception {
    private final ErrorCode code;
    private final String reason;
    private final Instant until;
    private final Long retryAfterMs;

    private RequestException(ErrorCode code, String message, String reason, Instant until, Long retryAfterMs) {
        super(message, null, false, false);
        this.code = code;
        this.reason = reason;
        this.until = until;
        this.retryAfterMs = retryAfterMs;
    }

    /** A failure with a code and a sentence for a person. */
    public static RequestException of(ErrorCode code, String message) {
        return new RequestException(code, message, null, null, null);
    }

    /** The {@code banned} failure of a login. */
    public static RequestException banned(String message, String reason, Instant until) {
        return new RequestException(ErrorCode.BANNED, message, reason, until, null);
    }

    /** The {@code rate_limited} failure, with when to retry. */
    public static RequestException rateLimited(String message, long retryAfterMs) {
        return new RequestException(ErrorCode.RATE_LIMITED, message, null, null, retryAfterMs);
    }

    /** The error code. */
    public ErrorCode code() {
        return code;
    }

    /** The error reply to {@code re}. */
    public ErrorReply toReply(String re) {
        return new ErrorReply(re, code, getMessage(), reason, until, retryAfterMs);
    }
}
