package chatroom.common.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.protocol.ClientMessage;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ServerMessage;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Arbitrary bytes through the frame reader and every frame through both decoders. The only
 * failures allowed are the declared ones: {@link FrameTooLargeException}, and
 * {@link ProtocolException} for invalid UTF-8 or a frame that is not a message. Any other
 * exception or error (a stray RuntimeException, StackOverflowError, OutOfMemoryError) is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays {@code FrameReaderFuzzTestInputs/} in the test
 * resources; {@code ./mvnw -Pfuzz} fuzzes it (docs/fuzzing.md).
 */
class FrameReaderFuzzTest {
    /** Small, so that short inputs reach the limit. */
    private static final int MAX_FRAME_BYTES = 256;
    /** Read sizes that put chunk boundaries everywhere; the frames must not depend on them. */
    private static final int[] READ_SIZES = {Integer.MAX_VALUE, 1, 7};

    // Static: during fuzzing every input gets a new test instance, and a new codec means a new Gson.
    private static final ProtocolCodec codec = new ProtocolCodec();

    @FuzzTest
    // The bound per input. Here it runs the input on another thread, so that even a hang fails;
    // when fuzzing, Jazzer hands it to libFuzzer as -timeout=1.
    @Timeout(value = 1, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void framesDecodeOrFailWithADeclaredError(byte[] wire) throws IOException {
        List<String> outcome = read(wire, READ_SIZES[0]);
        for (int i = 1; i < READ_SIZES.length; i++) {
            assertEquals(outcome, read(wire, READ_SIZES[i]), "reads of at most " + READ_SIZES[i] + " bytes");
        }
    }

    /** Reads every frame, decodes it, and returns what happened frame by frame. */
    private List<String> read(byte[] wire, int readSize) throws IOException {
        FrameReader reader = new FrameReader(new Trickle(wire, readSize), MAX_FRAME_BYTES);
        List<String> outcome = new ArrayList<>();
        while (true) {
            String frame;
            try {
                frame = reader.readFrame();
            } catch (FrameTooLargeException e) {
                assertEquals(ErrorCode.FRAME_TOO_LARGE, e.code());
                outcome.add("too large");
                return outcome; // the stream cannot be resynchronised
            } catch (ProtocolException e) {
                assertEquals(ErrorCode.BAD_REQUEST, e.code(), e.getMessage());
                outcome.add("not UTF-8");
                continue;
            }
            if (frame == null) return outcome;
            checkFrame(frame);
            outcome.add(frame);
            decodeAsClientMessage(frame);
            decodeAsServerMessage(frame);
        }
    }

    private static void checkFrame(String frame) {
        assertFalse(frame.isEmpty(), "empty lines are skipped");
        assertFalse(frame.contains("\n"), "a frame ends at the newline");
        assertTrue(frame.getBytes(StandardCharsets.UTF_8).length < MAX_FRAME_BYTES, "the limit includes the newline");
    }

    private void decodeAsClientMessage(String frame) {
        ClientMessage message;
        try {
            message = codec.decodeClient(frame);
        } catch (ProtocolException e) {
            checkDeclared(e);
            return;
        }
        // Equal records by design: every field is a String, a number or an enum the codec writes
        // back as read. Through the bytes of a frame, as the message travels when relayed.
        try {
            assertEquals(message, codec.decodeClient(body(codec.frame(message))), "round trip of " + frame);
        } catch (ProtocolException e) {
            throw new AssertionError("The codec cannot read back " + codec.encode(message) + ": " + e.getMessage(), e);
        }
    }

    private void decodeAsServerMessage(String frame) {
        ServerMessage message;
        try {
            message = codec.decodeServer(frame);
        } catch (ProtocolException e) {
            checkDeclared(e);
            return;
        }
        try {
            assertEquals(message, codec.decodeServer(body(codec.frame(message))), "round trip of " + frame);
        } catch (ProtocolException e) {
            throw new AssertionError("The codec cannot read back " + codec.encode(message) + ": " + e.getMessage(), e);
        }
    }

    /** The text of an encoded frame, without its newline. */
    private static String body(byte[] frame) {
        assertEquals('\n', frame[frame.length - 1]);
        return new String(frame, 0, frame.length - 1, StandardCharsets.UTF_8);
    }

    /** A refusal the peer can act on: a code, a sentence, and an id that fits the protocol's bound. */
    private static void checkDeclared(ProtocolException e) {
        assertNotNull(e.code(), "error code");
        assertNotNull(e.getMessage(), "error message");
        if (e.re() != null) assertTrue(e.re().length() <= 201, "re is abbreviated: " + e.re().length());
    }

    /** Hands out at most {@code readSize} bytes per read, as a slow network does. */
    private static final class Trickle extends InputStream {
        private final ByteArrayInputStream in;
        private final int readSize;

        Trickle(byte[] bytes, int readSize) {
            this.in = new ByteArrayInputStream(bytes);
            this.readSize = readSize;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, readSize));
        }
    }
}
