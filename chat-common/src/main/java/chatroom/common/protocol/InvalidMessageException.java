package chatroom.common.protocol;

/**
 * Thrown by a message record's constructor when a field breaks the protocol's rules. The codec
 * turns it into an {@code error} reply with {@link #code()} and this message, which is a sentence
 * meant for a person.
 */
public final class InvalidMessageException extends IllegalArgumentException {
    private final ErrorCode code;

    /** Creates the exception with the error code the peer will receive. */
    public InvalidMessageException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    /** The error code for the {@code error} reply. */
    public ErrorCode code() {
        return code;
    }
}
