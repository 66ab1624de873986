package chatroom.common.codec;

import chatroom.common.protocol.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads newline-terminated UTF-8 frames (JSON Lines) from a stream. It never holds more than the
 * frame limit of one frame in memory: a frame that grows past it fails with
 * {@link FrameTooLargeException} before the rest is read. Empty lines are skipped and a
 * {@code \r} before the newline is dropped. Not thread-safe: one reader thread owns it.
 */
public final class FrameReader {
    /** The protocol's default frame limit, newline included. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 65_536;

    private final InputStream in;
    /** The first read buffer: enough for the frames an idle client sends. */
    private static final int FIRST_CHUNK = 512;
    /** The read buffer grows up to this while reads keep filling it (a busy or pipelining client). */
    private static final int MAX_CHUNK = 8192;

    private final int maxFrameBytes;
    private byte[] chunk;
    private boolean chunkFilled;
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[512];
    private int lineLength;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /** Reads from {@code in}, refusing frames longer than {@code maxFrameBytes} (newline included). */
    public FrameReader(InputStream in, int maxFrameBytes) {
        if (maxFrameBytes < 2) throw new IllegalArgumentException("maxFrameBytes must be at least 2");
        this.in = in;
        this.maxFrameBytes = maxFrameBytes;
        // Small at first: a server keeps one reader per connection, and most connections sit idle.
        this.chunk = new byte[Math.min(FIRST_CHUNK, maxFrameBytes)];
    }

    /**
     * Returns the next frame without its line end, or null at the end of the stream (a partial
     * frame before the end is discarded).
     *
     * @throws FrameTooLargeException when the frame exceeds the limit; the stream cannot be read on
     * @throws ProtocolException with {@code bad_request} when the frame is not valid UTF-8; the
     *     frame is consumed and the next call reads the next one
     */
    public String readFrame() throws IOException, ProtocolException {
        while (true) {
            if (chunkPos == chunkEnd) {
                if (chunkFilled && chunk.length < Math.min(MAX_CHUNK, maxFrameBytes)) {
                    chunk = new byte[Math.min(chunk.length * 2, Math.min(MAX_CHUNK, maxFrameBytes))];
                }
                int n = in.read(chunk);
                if (n < 0) {
                    lineLength = 0;
                    return null;
                }
                chunkPos = 0;
                chunkEnd = n;
                chunkFilled = n == chunk.length;
            }
            int newline = indexOfNewline();
            int end = newline >= 0 ? newline : chunkEnd;
            int piece = end - chunkPos;
            // The frame's bytes plus the newline still to come must fit in the limit.
            if (lineLength + piece + 1 > maxFrameBytes) {
                throw new FrameTooLargeException(maxFrameBytes);
            }
            append(piece);
            chunkPos = newline >= 0 ? newline + 1 : chunkEnd;
            if (newline >= 0) {
                int length = lineLength;
                lineLength = 0;
                if (length > 0 && line[length - 1] == '\r') length--;
                if (length == 0) continue;
                return decode(length);
            }
        }
    }

    private int indexOfNewline() {
        for (int i = chunkPos; i < chunkEnd; i++) {
            if (chunk[i] == '\n') return i;
        }
        return -1;
    }

    private void append(int piece) {
        if (lineLength + piece > line.length) {
            line = Arrays.copyOf(line, Math.min(maxFrameBytes, Math.max(line.length * 2, lineLength + piece)));
        }
        System.arraycopy(chunk, chunkPos, line, lineLength, piece);
        lineLength += piece;
    }

    private String decode(int length) throws ProtocolException {
        try {
            return utf8.decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "The frame is not valid UTF-8.", null);
        }
    }
}
