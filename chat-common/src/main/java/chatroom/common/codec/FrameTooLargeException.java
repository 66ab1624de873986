package chatroom.common.codec;

import chatroom.common.protocol.ErrorCode;

/** A frame exceeded the size limit. The connection cannot be resynchronised and must close. */
public final class FrameTooLargeException extends ProtocolException {
    /** Creates the exception for a limit of {@code maxFrameBytes}. */
    public FrameTooLargeException(int maxFrameBytes) {
        super(ErrorCode.FRAME_TOO_LARGE,
                "A frame was longer than " + maxFrameBytes + " bytes (the newline included), so the connection is closed.",
                null);
    }
}
