package chatroom.common.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.protocol.ClientMessage;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ServerMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Framing: chunk boundaries, line ends, limits and invalid UTF-8. */
class FrameReaderTest {
    private static final int[] MAX_CHUNKS = {1, 2, 3, 5, 7, 16, 100, 4096, 20_000};
    /** Code points of 1, 1, 1, 2, 2, 3, 3, 4 and 4 UTF-8 bytes. */
    private static final String[] PIECES = {"a", "{", "\"", "é", "ß", "名", "€", "😀", "🇩🇪"};

    // ---- random chunking ---------------------------------------------------------------------

    @Test
    void framesSplitAtRandomByteBoundariesReadBackIdentically() throws IOException, ProtocolException {
        Random random = new Random(42);
        for (int iteration = 0; iteration < 600; iteration++) {
            List<String> expected = new ArrayList<>();
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            int frames = 1 + random.nextInt(40);
            for (int f = 0; f < frames; f++) {
                int length = random.nextInt(10) == 0 ? random.nextInt(12_000) : random.nextInt(60);
                String frame = randomFrame(random, length);
                if (random.nextInt(8) == 0) wire.writeBytes(random.nextBoolean() ? "\n".getBytes() : "\r\n".getBytes());
                wire.writeBytes(frame.getBytes(StandardCharsets.UTF_8));
                wire.writeBytes(random.nextBoolean() ? "\n".getBytes() : "\r\n".getBytes());
                if (!frame.isEmpty()) expected.add(frame);
            }
            int maxChunk = MAX_CHUNKS[random.nextInt(MAX_CHUNKS.length)];
            TrickleInputStream in = new TrickleInputStream(wire.toByteArray(), new Random(random.nextLong()), maxChunk);
            List<String> actual = readAll(new FrameReader(in, FrameReader.DEFAULT_MAX_FRAME_BYTES));
            assertEquals(expected, actual, "iteration " + iteration + ", chunks up to " + maxChunk + " bytes");
        }
    }

    @Test
    void framesArriveIntactOneByteAtATime() throws IOException, ProtocolException {
        String wire = "{\"text\":\"😀 名前 é\"}\n\r\n{\"a\":1}\r\n\n\n{\"b\":\"🇩🇪\"}\n";
        TrickleInputStream in = new TrickleInputStream(wire.getBytes(StandardCharsets.UTF_8), null, 1);
        assertEquals(List.of("{\"text\":\"😀 名前 é\"}", "{\"a\":1}", "{\"b\":\"🇩🇪\"}"), readAll(new FrameReader(in, 1024)));
        assertEquals(wire.getBytes(StandardCharsets.UTF_8).length, in.consumed);
    }

    @Test
    void everyMultiByteCharacterSurvivesEverySplitPoint() throws IOException, ProtocolException {
        String frame = "x" + String.join("", PIECES) + "y";
        byte[] bytes = (frame + "\n" + frame + "\n").getBytes(StandardCharsets.UTF_8);
        for (int split = 1; split < bytes.length; split++) {
            InputStream in = new SplitInputStream(bytes, split);
            assertEquals(List.of(frame, frame), readAll(new FrameReader(in, 256)), "split at " + split);
        }
    }

    @Test
    void encodedMessagesSurviveRandomChunkingAndDecodeToTheOriginals() throws IOException, ProtocolException {
        ProtocolCodec codec = new ProtocolCodec();
        List<Object> messages = MessageSamples.all();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (Object m : messages) {
            wire.writeBytes(m instanceof ClientMessage c ? codec.frame(c) : codec.frame((ServerMessage) m));
        }
        Random random = new Random(7);
        for (int iteration = 0; iteration < 50; iteration++) {
            FrameReader reader = new FrameReader(new TrickleInputStream(wire.toByteArray(), random, 1 + random.nextInt(64)),
                    FrameReader.DEFAULT_MAX_FRAME_BYTES);
            for (Object m : messages) {
                String frame = reader.readFrame();
                Object decoded = m instanceof ClientMessage ? codec.decodeClient(frame) : codec.decodeServer(frame);
                assertEquals(m, decoded);
            }
            assertNull(reader.readFrame());
        }
    }

    // ---- line ends and end of stream ---------------------------------------------------------

    @Test
    void carriageReturnBeforeNewlineIsDropped() throws IOException, ProtocolException {
        assertEquals(List.of("a", "b", "c"), readAll(reader("a\r\nb\nc\r\n", 64)));
    }

    @Test
    void onlyOneCarriageReturnIsDroppedAndOthersAreKept() throws IOException, ProtocolException {
        assertEquals(List.of("a\r", "b\rc"), readAll(reader("a\r\r\nb\rc\n", 64)));
    }

    @Test
    void emptyLinesAreSkipped() throws IOException, ProtocolException {
        FrameReader reader = reader("\n\n\r\n{}\n\n\r\n\n{\"a\":1}\n\n", 64);
        assertEquals("{}", reader.readFrame());
        assertEquals("{\"a\":1}", reader.readFrame());
        assertNull(reader.readFrame());
    }

    @Test
    void endOfStreamReturnsNullAndKeepsDoingSo() throws IOException, ProtocolException {
        FrameReader reader = reader("", 64);
        assertNull(reader.readFrame());
        assertNull(reader.readFrame());
    }

    @Test
    void aPartialFrameAtEndOfStreamIsDiscarded() throws IOException, ProtocolException {
        FrameReader reader = reader("{\"a\":1}\n{\"b\":", 64);
        assertEquals("{\"a\":1}", reader.readFrame());
        assertNull(reader.readFrame());
        assertNull(reader.readFrame());
    }

    @Test
    void aLoneCarriageReturnAtEndOfStreamIsNotAFrame() throws IOException, ProtocolException {
        assertEquals(List.of(), readAll(reader("\r", 64)));
    }

    // ---- size limit ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 64, 511, 512, 513, 8191, 8192, 8193, 20_000, FrameReader.DEFAULT_MAX_FRAME_BYTES})
    void aFrameOfExactlyTheLimitIsAcceptedAndOneMoreByteIsNot(int limit) throws IOException, ProtocolException {
        String exact = "x".repeat(limit - 1); // plus the newline: exactly the limit
        for (int maxChunk : new int[] {1, 7, 10_000, Integer.MAX_VALUE}) {
            byte[] wire = (exact + "\n" + exact + "\n").getBytes(StandardCharsets.US_ASCII);
            FrameReader reader = new FrameReader(new TrickleInputStream(wire, new Random(limit), maxChunk), limit);
            assertEquals(exact, reader.readFrame());
            assertEquals(exact, reader.readFrame());
            assertNull(reader.readFrame());

            FrameReader tooLarge = new FrameReader(new TrickleInputStream(("y" + exact + "\n").getBytes(StandardCharsets.US_ASCII),
                    new Random(limit), maxChunk), limit);
            FrameTooLargeException e = assertThrows(FrameTooLargeException.class, tooLarge::readFrame);
            assertEquals(ErrorCode.FRAME_TOO_LARGE, e.code());
            assertTrue(e.getMessage().contains(String.valueOf(limit)), e.getMessage());
        }
    }

    @Test
    void theCarriageReturnCountsTowardsTheLimit() throws IOException, ProtocolException {
        assertEquals("x".repeat(62), reader("x".repeat(62) + "\r\n", 64).readFrame());
        assertThrows(FrameTooLargeException.class, () -> reader("x".repeat(63) + "\r\n", 64).readFrame());
    }

    @Test
    void theLimitCountsBytesNotCharacters() throws IOException, ProtocolException {
        assertEquals("😀".repeat(15) + "abc", reader("😀".repeat(15) + "abc\n", 64).readFrame()); // 63 bytes + newline
        assertThrows(FrameTooLargeException.class, () -> reader("😀".repeat(16) + "\n", 64).readFrame());
    }

    @Test
    void anOversizedFrameAfterGoodFramesFailsOnlyWhenReached() throws IOException, ProtocolException {
        FrameReader reader = reader("{}\n" + "z".repeat(100) + "\n", 64);
        assertEquals("{}", reader.readFrame());
        assertThrows(FrameTooLargeException.class, reader::readFrame);
    }

    @Test
    void aFrameWithoutNewlineFailsOnceItCannotFitEvenBeforeTheStreamEnds() {
        // 64 bytes and no newline yet: the newline could never fit in a 64-byte limit.
        assertThrows(FrameTooLargeException.class, () -> reader("x".repeat(64), 64).readFrame());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 1000, 8192, Integer.MAX_VALUE})
    void theReaderNeverBuffersMoreThanTheLimitFromAnEndlessLine(int maxChunk) {
        int limit = FrameReader.DEFAULT_MAX_FRAME_BYTES;
        TrickleInputStream endless = TrickleInputStream.endless((byte) 'a', new Random(maxChunk), maxChunk);
        FrameReader reader = new FrameReader(endless, limit);
        assertThrows(FrameTooLargeException.class, reader::readFrame);
        assertTrue(endless.consumed >= limit, "needs to see the frame is too large: " + endless.consumed);
        int readBuffer = 8192;
        assertTrue(endless.consumed <= limit - 1 + Math.min(maxChunk, readBuffer),
                "read " + endless.consumed + " bytes of an endless line with a limit of " + limit);
    }

    @Test
    void aSmallLimitAlsoBoundsWhatIsRead() {
        TrickleInputStream endless = TrickleInputStream.endless((byte) 'a', null, Integer.MAX_VALUE);
        assertThrows(FrameTooLargeException.class, new FrameReader(endless, 100)::readFrame);
        assertTrue(endless.consumed <= 100, "read " + endless.consumed + " bytes with a limit of 100");
    }

    @Test
    void aLimitBelowTwoIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FrameReader(new ByteArrayInputStream(new byte[0]), 1));
    }

    // ---- invalid UTF-8 -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"C3 28", "FF", "FE", "80", "C0 AF", "E0 80 AF", "ED A0 80", "F4 90 80 80", "E5 90", "F0 9F 98",
            "61 C3", "7B FF 7D"})
    void invalidUtf8IsABadRequestAndTheNextFrameStillReads(String hex) throws IOException, ProtocolException {
        byte[] bad = hex(hex);
        for (int maxChunk : new int[] {1, 2, Integer.MAX_VALUE}) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            wire.writeBytes("{\"before\":1}\n".getBytes(StandardCharsets.UTF_8));
            wire.writeBytes(bad);
            wire.writeBytes("\n{\"after\":\"é\"}\n".getBytes(StandardCharsets.UTF_8));
            wire.writeBytes(bad);
            wire.writeBytes("\r\n{\"last\":2}\n".getBytes(StandardCharsets.UTF_8));
            FrameReader reader = new FrameReader(new TrickleInputStream(wire.toByteArray(), new Random(1), maxChunk), 64);

            assertEquals("{\"before\":1}", reader.readFrame());
            ProtocolException e = assertThrows(ProtocolException.class, reader::readFrame);
            assertSame(ProtocolException.class, e.getClass(), "not a FrameTooLargeException");
            assertEquals(ErrorCode.BAD_REQUEST, e.code());
            assertEquals("{\"after\":\"é\"}", reader.readFrame());
            assertEquals(ErrorCode.BAD_REQUEST, assertThrows(ProtocolException.class, reader::readFrame).code());
            assertEquals("{\"last\":2}", reader.readFrame());
            assertNull(reader.readFrame());
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static FrameReader reader(String wire, int limit) {
        return new FrameReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)), limit);
    }

    private static List<String> readAll(FrameReader reader) throws IOException, ProtocolException {
        List<String> frames = new ArrayList<>();
        for (String f; (f = reader.readFrame()) != null; ) frames.add(f);
        return frames;
    }

    private static String randomFrame(Random random, int length) {
        StringBuilder s = new StringBuilder();
        while (s.length() < length) {
            if (random.nextInt(3) == 0) s.append(PIECES[random.nextInt(PIECES.length)]);
            else s.append((char) (' ' + random.nextInt(95)));
        }
        return s.toString();
    }

    private static byte[] hex(String hex) {
        String[] parts = hex.split(" ");
        byte[] bytes = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) bytes[i] = (byte) Integer.parseInt(parts[i], 16);
        return bytes;
    }

    /**
     * Hands out its bytes in small random pieces, as a network socket does, and counts how many
     * bytes the reader took. With no random it hands out as many as asked (up to maxChunk).
     */
    static final class TrickleInputStream extends InputStream {
        private static final long ENDLESS_GIVE_UP = 16L << 20;
        private final byte[] data; // null: endless
        private final byte filler;
        private final Random random;
        private final int maxChunk;
        long consumed;

        TrickleInputStream(byte[] data, Random random, int maxChunk) {
            this(data, (byte) 0, random, maxChunk);
        }

        private TrickleInputStream(byte[] data, byte filler, Random random, int maxChunk) {
            this.data = data;
            this.filler = filler;
            this.random = random;
            this.maxChunk = maxChunk;
        }

        static TrickleInputStream endless(byte filler, Random random, int maxChunk) {
            return new TrickleInputStream(null, filler, random, maxChunk);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) return 0;
            int cap = Math.min(len, maxChunk);
            int n = random == null ? cap : 1 + random.nextInt(cap);
            if (data != null) {
                long left = data.length - consumed;
                if (left == 0) return -1;
                n = (int) Math.min(n, left);
                System.arraycopy(data, (int) consumed, b, off, n);
            } else {
                // A reader that ignores its limit would read forever: fail instead of hanging.
                if (consumed > ENDLESS_GIVE_UP) throw new AssertionError("read " + consumed + " bytes of an endless line");
                Arrays.fill(b, off, off + n, filler);
            }
            consumed += n;
            return n;
        }
    }

    /** Delivers the bytes before {@code split} in one read and the rest in the next. */
    static final class SplitInputStream extends InputStream {
        private final byte[] data;
        private final int split;
        private int pos;

        SplitInputStream(byte[] data, int split) {
            this.data = data;
            this.split = split;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) return 0;
            if (pos >= data.length) return -1;
            int end = pos < split ? split : data.length;
            int n = Math.min(len, end - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
