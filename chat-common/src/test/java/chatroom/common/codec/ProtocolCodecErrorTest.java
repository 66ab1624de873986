package chatroom.common.codec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import chatroom.common.protocol.ClientMessage;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.PingRequest;
import chatroom.common.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How bad frames map to error codes. Every case goes through {@code assertThrows(ProtocolException)},
 * which also fails when any other exception escapes the codec.
 */
class ProtocolCodecErrorTest {
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    private static ProtocolException rejected(String frame) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> CODEC.decodeClient(frame), "decodeClient(" + shorten(frame) + ")");
        assertReadable(e);
        return e;
    }

    /** An error message is for a person: one line, short, no library internals. */
    private static void assertReadable(ProtocolException e) {
        String m = e.getMessage();
        assertNotNull(m);
        assertFalse(m.isBlank());
        assertFalse(m.contains("\n"), "one line: " + m);
        for (String internal : List.of("com.google", "java.", "Troubleshooting", "JsonReader", "Strictness", "LENIENT", "Exception")) {
            assertFalse(m.contains(internal), "no library internals (" + internal + "): " + m);
        }
        assertTrue(m.length() <= 400, "short: " + m);
    }

    // ---- unknown type ------------------------------------------------------------------------

    @Test
    void unknownTypeIsUnknownTypeAndCarriesTheStringId() {
        ProtocolException e = rejected("{\"type\":\"shout\",\"id\":\"abc-1\",\"text\":\"HI\"}");
        assertEquals(ErrorCode.UNKNOWN_TYPE, e.code());
        assertEquals("abc-1", e.re());
        assertTrue(e.getMessage().contains("shout"), e.getMessage());
    }

    @Test
    void unknownTypeWithoutStringIdHasNoRe() {
        assertNull(rejected("{\"type\":\"shout\"}").re());
        ProtocolException numeric = rejected("{\"type\":\"shout\",\"id\":5}");
        assertEquals(ErrorCode.UNKNOWN_TYPE, numeric.code());
        assertNull(numeric.re());
        assertNull(rejected("{\"type\":\"shout\",\"id\":{\"x\":\"y\"}}").re());
    }

    @Test
    void typesAreCaseSensitiveAndPerDirection() {
        assertEquals(ErrorCode.UNKNOWN_TYPE, rejected("{\"type\":\"PING\"}").code());
        assertEquals(ErrorCode.UNKNOWN_TYPE, rejected("{\"type\":\"hello\",\"protocol\":1,\"server\":\"x\"}").code());
        assertEquals(ErrorCode.UNKNOWN_TYPE, rejected("{\"type\":\"\"}").code());
        ProtocolException server = assertThrows(ProtocolException.class, () -> CODEC.decodeServer("{\"type\":\"register\"}"));
        assertEquals(ErrorCode.UNKNOWN_TYPE, server.code());
    }

    @Test
    void aHugeUnknownTypeIsAbbreviatedInTheMessage() {
        String type = "x".repeat(10_000);
        ProtocolException e = rejected("{\"type\":\"" + type + "\",\"id\":\"" + "i".repeat(5_000) + "\"}");
        assertEquals(ErrorCode.UNKNOWN_TYPE, e.code());
        assertTrue(e.re().length() <= 201, "re is abbreviated");
    }

    // ---- malformed frames --------------------------------------------------------------------

    static Stream<Arguments> malformedFrames() {
        String deep = "{\"type\":\"ping\",\"x\":" + "[".repeat(64) + "]".repeat(64) + "}"; // 65 levels
        String deepObjects = "{\"type\":\"ping\",\"x\":" + "{\"a\":".repeat(64) + "1" + "}".repeat(64) + "}";
        String veryDeep = "[".repeat(100_000) + "]".repeat(100_000);
        return Stream.of(
                Arguments.of("unterminated object", "{\"type\":\"ping\""),
                Arguments.of("bare word", "hello"),
                Arguments.of("empty frame", ""),
                Arguments.of("blank frame", "   "),
                Arguments.of("unquoted key", "{type:\"ping\"}"),
                Arguments.of("single quotes", "{'type':'ping'}"),
                Arguments.of("trailing comma", "{\"type\":\"ping\",}"),
                Arguments.of("comment", "{\"type\":\"ping\"/* hi */}"),
                Arguments.of("NaN", "{\"type\":\"history\",\"room\":\"lobby\",\"limit\":NaN}"),
                Arguments.of("trailing garbage", "{\"type\":\"ping\"} x"),
                Arguments.of("two objects", "{\"type\":\"ping\"}{\"type\":\"ping\"}"),
                Arguments.of("two objects with space", "{\"type\":\"ping\"} {\"type\":\"ping\"}"),
                Arguments.of("stray bracket", "{\"type\":\"ping\"}]"),
                Arguments.of("array", "[{\"type\":\"ping\"}]"),
                Arguments.of("number", "42"),
                Arguments.of("string", "\"ping\""),
                Arguments.of("null", "null"),
                Arguments.of("boolean", "true"),
                Arguments.of("missing type", "{\"id\":\"1\"}"),
                Arguments.of("empty object", "{}"),
                Arguments.of("null type", "{\"type\":null}"),
                Arguments.of("numeric type", "{\"type\":5}"),
                Arguments.of("boolean type", "{\"type\":true}"),
                Arguments.of("array type", "{\"type\":[\"ping\"]}"),
                Arguments.of("object type", "{\"type\":{}}"),
                Arguments.of("65 levels of arrays", deep),
                Arguments.of("65 levels of objects", deepObjects),
                Arguments.of("100000 levels", veryDeep),
                Arguments.of("unterminated string", "{\"type\":\"ping"),
                Arguments.of("bad escape", "{\"type\":\"say\",\"id\":\"1\",\"room\":\"lobby\",\"text\":\"\\x41\"}"),
                Arguments.of("short unicode escape", "{\"type\":\"say\",\"id\":\"1\",\"room\":\"lobby\",\"text\":\"\\u12\"}"),
                Arguments.of("raw control character", "{\"type\":\"say\",\"id\":\"1\",\"room\":\"lobby\",\"text\":\"a\u0001b\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void malformedFrames(String why, String frame) {
        ProtocolException e = rejected(frame);
        assertEquals(ErrorCode.BAD_REQUEST, e.code(), e.getMessage());
    }

    @Test
    void nestingOfExactly64LevelsIsAccepted() throws ProtocolException {
        String deep = "{\"type\":\"ping\",\"x\":" + "[".repeat(63) + "]".repeat(63) + "}"; // 64 levels
        assertEquals(new PingRequest(null), CODEC.decodeClient(deep));
    }

    @Test
    void whitespaceAroundTheObjectIsAccepted() throws ProtocolException {
        assertEquals(new PingRequest("1"), CODEC.decodeClient(" \t{ \"type\" : \"ping\" , \"id\" : \"1\" } \r"));
    }

    // ---- wrong scalar types ------------------------------------------------------------------

    static Stream<Arguments> wrongScalarTypes() {
        return Stream.of(
                Arguments.of("{\"type\":\"history\",\"room\":\"lobby\",\"limit\":\"5\"}", "limit"),
                Arguments.of("{\"type\":\"history\",\"room\":\"lobby\",\"limit\":5.5}", "limit"),
                Arguments.of("{\"type\":\"history\",\"room\":\"lobby\",\"limit\":true}", "limit"),
                Arguments.of("{\"type\":\"history\",\"room\":\"lobby\",\"before_seq\":\"10\"}", "before_seq"),
                Arguments.of("{\"type\":\"history\",\"room\":\"lobby\",\"after_seq\":[1]}", "after_seq"),
                Arguments.of("{\"type\":\"say\",\"id\":\"m-1\",\"room\":\"lobby\",\"text\":5}", "text"),
                Arguments.of("{\"type\":\"say\",\"id\":\"m-1\",\"room\":\"lobby\",\"text\":true}", "text"),
                Arguments.of("{\"type\":\"say\",\"id\":\"m-1\",\"room\":\"lobby\",\"text\":[\"hi\"]}", "text"),
                Arguments.of("{\"type\":\"say\",\"id\":7,\"room\":\"lobby\",\"text\":\"hi\"}", "id"),
                Arguments.of("{\"type\":\"join\",\"room\":{}}", "room"),
                Arguments.of("{\"type\":\"join\",\"room\":[\"lobby\"]}", "room"),
                Arguments.of("{\"type\":\"join\",\"room\":42}", "room"),
                Arguments.of("{\"type\":\"register\",\"user\":\"alice\",\"password\":12345678}", "password"),
                Arguments.of("{\"type\":\"ban\",\"user\":\"bob\",\"minutes\":\"60\"}", "minutes"),
                Arguments.of("{\"type\":\"ban\",\"user\":\"bob\",\"minutes\":1.5}", "minutes"),
                Arguments.of("{\"type\":\"ping\",\"id\":{}}", "id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void wrongScalarTypes(String frame, String field) {
        ProtocolException e = rejected(frame);
        assertEquals(ErrorCode.BAD_REQUEST, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("'" + field + "'"), "the message names '" + field + "': " + e.getMessage());
    }

    static Stream<Arguments> numbersBeyond64Bits() {
        return Stream.of(
                Arguments.of("{\"type\":\"history\",\"room\":\"lobby\",\"before_seq\":1e400}", "before_seq"),
                Arguments.of("{\"type\":\"history\",\"room\":\"lobby\",\"before_seq\":123456789012345678901234567890}", "before_seq"),
                Arguments.of("{\"type\":\"history\",\"room\":\"lobby\",\"after_seq\":9223372036854775808}", "after_seq"),
                Arguments.of("{\"type\":\"history\",\"room\":\"lobby\",\"after_seq\":-9223372036854775809}", "after_seq"),
                Arguments.of("{\"type\":\"history\",\"room\":\"lobby\",\"limit\":4294967346}", "limit"),
                Arguments.of("{\"type\":\"history\",\"room\":\"lobby\",\"limit\":1e2}", "limit"),
                Arguments.of("{\"type\":\"ban\",\"user\":\"bob\",\"minutes\":1" + "0".repeat(1000) + "}", "minutes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void numbersBeyond64Bits(String frame, String field) {
        ProtocolException e = rejected(frame);
        assertEquals(ErrorCode.BAD_REQUEST, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(field), "the message names '" + field + "': " + e.getMessage());
    }

    @Test
    void theLargest64BitNumberIsStillANumber() {
        // Accepted by the reader; it is then out of range for limit but fine for after_seq.
        assertDoesNotThrow(() -> CODEC.decodeClient("{\"type\":\"history\",\"room\":\"lobby\",\"after_seq\":9223372036854775807}"));
    }

    // ---- validation by the records -----------------------------------------------------------

    static Stream<Arguments> invalidNames() {
        return Stream.of(
                Arguments.of("with space", "al ice"),
                Arguments.of("right-to-left override", "\u202E"),
                Arguments.of("right-to-left override inside", "ali\u202Ece"),
                Arguments.of("33 characters", "a".repeat(33)),
                Arguments.of("empty", ""),
                Arguments.of("punctuation", "bob!"),
                Arguments.of("emoji", "😀"),
                Arguments.of("zero-width space", "a\u200Bb"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void invalidNames(String why, String name) {
        String escaped = name.replace("\u202E", "\\u202E").replace("\u200B", "\\u200B");
        ProtocolException e = rejected("{\"type\":\"register\",\"id\":\"r\",\"user\":\"" + escaped + "\",\"password\":\"correct horse\"}");
        assertEquals(ErrorCode.INVALID_NAME, e.code(), e.getMessage());
        assertEquals("r", e.re());
    }

    @Test
    void joiningARoomWithAnInvalidNameIsInvalidName() {
        assertEquals(ErrorCode.INVALID_NAME, rejected("{\"type\":\"join\",\"room\":\"my room\"}").code());
    }

    @Test
    void aShortPasswordIsWeakPassword() {
        ProtocolException e = rejected("{\"type\":\"register\",\"user\":\"alice\",\"password\":\"1234567\"}");
        assertEquals(ErrorCode.WEAK_PASSWORD, e.code());
        assertEquals(ErrorCode.WEAK_PASSWORD,
                rejected("{\"type\":\"password\",\"old\":\"whatever1\",\"new\":\"short\"}").code());
    }

    @Test
    void aPasswordOver1024BytesIsABadRequest() {
        assertEquals(ErrorCode.BAD_REQUEST,
                rejected("{\"type\":\"register\",\"user\":\"alice\",\"password\":\"" + "p".repeat(1025) + "\"}").code());
        // 513 two-byte characters: 1026 bytes although only 513 characters.
        assertEquals(ErrorCode.BAD_REQUEST,
                rejected("{\"type\":\"register\",\"user\":\"alice\",\"password\":\"" + "é".repeat(513) + "\"}").code());
        assertEquals(ErrorCode.BAD_REQUEST,
                rejected("{\"type\":\"login\",\"user\":\"alice\",\"password\":\"" + "p".repeat(1025) + "\"}").code());
        assertEquals(ErrorCode.BAD_REQUEST,
                rejected("{\"type\":\"login\",\"user\":\"alice\",\"password\":\"" + "é".repeat(513) + "\"}").code());
    }

    @Test
    void sayAndDmWithoutIdAreBadRequests() {
        ProtocolException say = rejected("{\"type\":\"say\",\"room\":\"lobby\",\"text\":\"hi\"}");
        assertEquals(ErrorCode.BAD_REQUEST, say.code());
        assertTrue(say.getMessage().contains("'id'"), say.getMessage());
        assertEquals(ErrorCode.BAD_REQUEST, rejected("{\"type\":\"dm\",\"to\":\"bob\",\"text\":\"hi\"}").code());
        assertEquals(ErrorCode.BAD_REQUEST, rejected("{\"type\":\"say\",\"id\":\"\",\"room\":\"lobby\",\"text\":\"hi\"}").code());
    }

    @Test
    void statusOfflineOrUnknownIsABadRequest() {
        for (String status : List.of("\"offline\"", "\"sleeping\"", "\"ONLINE\"", "\"\"", "null", "5")) {
            ProtocolException e = rejected("{\"type\":\"status\",\"id\":\"s\",\"status\":" + status + "}");
            assertEquals(ErrorCode.BAD_REQUEST, e.code(), status);
            assertEquals("s", e.re());
        }
    }

    @Test
    void aStatusThatIsNotAStringIsABadRequestNamingTheField() {
        for (String status : List.of("{}", "[]", "true", "1")) {
            ProtocolException e = rejected("{\"type\":\"status\",\"status\":" + status + "}");
            assertEquals(ErrorCode.BAD_REQUEST, e.code(), status);
            assertTrue(e.getMessage().contains("'status'"), e.getMessage());
        }
    }

    @Test
    void unknownRoleIsABadRequest() {
        for (String role : List.of("\"root\"", "\"ADMIN\"", "\"Moderator\"", "2", "[\"admin\"]")) {
            ProtocolException e = rejected("{\"type\":\"role\",\"user\":\"bob\",\"role\":" + role + "}");
            assertEquals(ErrorCode.BAD_REQUEST, e.code(), role);
            assertTrue(e.getMessage().contains("role"), e.getMessage());
        }
    }

    @Test
    void historyWithBothRoomAndWithOrNeitherIsABadRequest() {
        assertEquals(ErrorCode.BAD_REQUEST, rejected("{\"type\":\"history\",\"room\":\"lobby\",\"with\":\"bob\"}").code());
        assertEquals(ErrorCode.BAD_REQUEST, rejected("{\"type\":\"history\"}").code());
        assertEquals(ErrorCode.BAD_REQUEST, rejected("{\"type\":\"typing\",\"room\":\"lobby\",\"to\":\"bob\"}").code());
    }

    @Test
    void outOfRangeHistoryParametersAreBadRequests() {
        for (String extra : List.of("\"limit\":0", "\"limit\":201", "\"limit\":-1", "\"before_seq\":0", "\"after_seq\":-1")) {
            ProtocolException e = rejected("{\"type\":\"history\",\"room\":\"lobby\"," + extra + "}");
            assertEquals(ErrorCode.BAD_REQUEST, e.code(), extra);
        }
    }

    // ---- robustness --------------------------------------------------------------------------

    /**
     * Randomly damaged versions of valid frames either decode or fail with a ProtocolException;
     * nothing else may escape the codec, in either direction.
     */
    @Test
    void damagedFramesOnlyEverFailWithProtocolException() {
        Random random = new Random(20261121L);
        List<String> clientFrames = new ArrayList<>();
        for (List<ClientMessage> l : MessageSamples.client().values()) for (ClientMessage m : l) clientFrames.add(CODEC.encode(m));
        List<String> serverFrames = new ArrayList<>();
        for (List<ServerMessage> l : MessageSamples.server().values()) for (ServerMessage m : l) serverFrames.add(CODEC.encode(m));
        String alphabet = "{}[]\":,\\ 0123456789-+.eEtrufnl_aé😀\u0000\t";
        int decoded = 0;
        for (int i = 0; i < 30_000; i++) {
            boolean client = random.nextBoolean();
            List<String> frames = client ? clientFrames : serverFrames;
            String frame = mutate(frames.get(random.nextInt(frames.size())), random, alphabet);
            try {
                if (client) CODEC.decodeClient(frame);
                else CODEC.decodeServer(frame);
                decoded++;
            } catch (ProtocolException e) {
                assertNotNull(e.code());
                assertNotNull(e.getMessage());
            } catch (Throwable t) {
                fail("decode" + (client ? "Client" : "Server") + "(" + frame + ") threw " + t, t);
            }
        }
        assertTrue(decoded > 0, "some damaged frames are still valid (e.g. a changed digit)");
    }

    private static String mutate(String frame, Random random, String alphabet) {
        StringBuilder s = new StringBuilder(frame);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && !s.isEmpty(); e++) {
            int at = random.nextInt(s.length());
            int end = Math.min(s.length(), at + 1 + random.nextInt(8));
            int c = alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length()))));
            switch (random.nextInt(6)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, Character.toChars(c));
                case 2 -> s.replace(at, at + 1, new String(Character.toChars(c)));
                case 3 -> s.setLength(at);
                case 4 -> s.insert(at, s.substring(at, end));
                default -> s.delete(at, end);
            }
        }
        return s.toString();
    }

    private static String shorten(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }
}
