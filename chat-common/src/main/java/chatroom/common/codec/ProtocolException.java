package chatroom.common.codec;

import chatroom.common.protocol.ErrorCode;

/**
 * A frame could not be read or decoded. {@link #code()} is the error code to send back,
 * {@link #re()} the id of the offending request when it could be read, and the message a sentence
 * for a person.
 */
public class ProtocolException extends Exception {
    private final ErrorCode code;
    private final String re;

    /** Creates the exception. */
    public ProtocolException(ErrorCode code, String message, String re) {
        super(message);
        this.code = code;
        this.re = re;
    }

    /** The error code for the {@code error} reply. */
    public ErrorCode code() {
        return code;
    }

    /** The id of the request that failed, or null. */
    public String re() {
        return re;
    }
}
