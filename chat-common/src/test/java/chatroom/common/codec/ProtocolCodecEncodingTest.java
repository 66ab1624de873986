package chatroom.common.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.model.MemberChange;
import chatroom.common.model.Role;
import chatroom.common.model.Status;
import chatroom.common.protocol.*;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the codec writes: exact shapes, timestamps, non-ASCII text, escaping. */
class ProtocolCodecEncodingTest {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    // ---- exact encodings -----------------------------------------------------------------------

    @Test
    void requestsEncodeExactlyAsInTheContract() {
        assertEquals("{\"type\":\"say\",\"id\":\"m-1\",\"room\":\"lobby\",\"text\":\"hi\"}",
                CODEC.encode(new SayRequest("m-1", "lobby", "hi")));
        assertEquals("{\"type\":\"history\",\"room\":\"lobby\",\"before_seq\":120,\"after_seq\":80,\"limit\":20}",
                CODEC.encode(new HistoryRequest(null, "lobby", null, 120L, 80L, 20)));
        assertEquals("{\"type\":\"status\",\"status\":\"away\"}", CODEC.encode(new StatusRequest(null, Status.AWAY)));
        assertEquals("{\"type\":\"role\",\"user\":\"bob\",\"role\":\"moderator\"}", CODEC.encode(new RoleRequest(null, "bob", Role.MODERATOR)));
        assertEquals("{\"type\":\"password\",\"old\":\"a\",\"new\":\"abcdefgh\"}", CODEC.encode(new PasswordRequest(null, "a", "abcdefgh")));
        assertEquals("{\"type\":\"ping\"}", CODEC.encode(new PingRequest(null)));
    }

    @Test
    void serverMessagesEncodeExactlyAsInTheContract() {
        assertEquals("{\"type\":\"hello\",\"protocol\":1,\"server\":\"chatroom 0.1.0\",\"motd\":\"hi\"}",
                CODEC.encode(new Hello(1, "chatroom 0.1.0", "hi")));
        assertEquals("{\"type\":\"ack\",\"re\":\"m-1\",\"room\":\"lobby\",\"seq\":43,\"ts\":\"2026-11-21T10:15:30.123Z\"}",
                CODEC.encode(new Ack("m-1", "lobby", null, 43, MessageSamples.TS)));
        assertEquals("{\"type\":\"welcome\",\"user\":\"alice\",\"role\":\"admin\",\"rooms\":[{\"room\":\"lobby\",\"last_seq\":0}],\"dms\":[]}",
                CODEC.encode(new Welcome(null, "alice", Role.ADMIN, List.of(new RoomState("lobby", null, 0)), null)));
        assertEquals("{\"type\":\"member\",\"room\":\"lobby\",\"user\":\"bob\",\"event\":\"leave\"}",
                CODEC.encode(new MemberEvent("lobby", "bob", MemberChange.LEAVE)));
        assertEquals("{\"type\":\"error\",\"re\":\"x\",\"code\":\"rate_limited\",\"message\":\"Slow down.\",\"retry_after_ms\":1500}",
                CODEC.encode(new ErrorReply("x", ErrorCode.RATE_LIMITED, "Slow down.", null, null, 1500L)));
        assertEquals("{\"type\":\"ping\"}", CODEC.encode(new ServerPing()));
    }

    @Test
    void everyErrorCodeEncodesAsItsWireName() {
        for (ErrorCode code : ErrorCode.values()) {
            JsonObject o = parse(CODEC.encode(ErrorReply.of(null, code, "Something happened.")));
            assertEquals(code.wireName(), o.get("code").getAsString());
        }
    }

    // ---- timestamps --------------------------------------------------------------------------

    @Test
    void timestampsEncodeAsUtcWithExactlyThreeFractionDigits() {
        assertEquals("2026-11-21T10:15:30.123Z", tsOf(Instant.parse("2026-11-21T10:15:30.123Z")));
    }

    @Test
    void aTimestampWithZeroMillisKeepsThreeZeroDigits() {
        assertEquals("2026-11-21T10:15:30.000Z", tsOf(Instant.parse("2026-11-21T10:15:30Z")));
        assertEquals("1970-01-01T00:00:00.000Z", tsOf(Instant.EPOCH));
    }

    @Test
    void aTimestampWithTensOfMillisIsPaddedNotShortened() {
        assertEquals("2026-11-21T10:15:30.100Z", tsOf(Instant.parse("2026-11-21T10:15:30.1Z")));
        assertEquals("2026-11-21T10:15:30.010Z", tsOf(Instant.parse("2026-11-21T10:15:30.010Z")));
    }

    @Test
    void subMillisecondPrecisionIsTruncatedToMillis() throws ProtocolException {
        Instant precise = Instant.parse("2026-11-21T10:15:30.123999999Z");
        assertEquals("2026-11-21T10:15:30.123Z", tsOf(precise));
        ChatMessage decoded = (ChatMessage) CODEC.decodeServer(CODEC.encode(new ChatMessage("lobby", null, 1, "m", "a", "t", precise)));
        assertEquals(Instant.parse("2026-11-21T10:15:30.123Z"), decoded.ts());
    }

    @Test
    void timestampsJustBeforeMidnightStayOnTheirUtcDay() {
        assertEquals("2026-12-31T23:59:59.999Z", tsOf(Instant.parse("2026-12-31T23:59:59.999Z")));
    }

    @Test
    void everyTimestampOfEverySampleHasMillisecondPrecision() {
        int checked = 0;
        for (List<ServerMessage> list : MessageSamples.server().values()) {
            for (ServerMessage m : list) checked += checkTimestamps(parse(CODEC.encode(m)));
        }
        assertTrue(checked >= 8, "timestamps checked: " + checked);
    }

    private static int checkTimestamps(JsonElement e) {
        int n = 0;
        if (e.isJsonArray()) for (JsonElement x : e.getAsJsonArray()) n += checkTimestamps(x);
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> f : e.getAsJsonObject().entrySet()) {
                if (List.of("ts", "since", "until").contains(f.getKey())) {
                    String value = f.getValue().getAsString();
                    assertTrue(TIMESTAMP.matcher(value).matches(), f.getKey() + " = " + value);
                    n++;
                } else {
                    n += checkTimestamps(f.getValue());
                }
            }
        }
        return n;
    }

    private static String tsOf(Instant instant) {
        return parse(CODEC.encode(new Ack("m", "lobby", null, 1, instant))).get("ts").getAsString();
    }

    // ---- text ----------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"héllo wörld", "😀👍🏽🇩🇪", "名前は何ですか", "<script>alert('x') && 1 > 0</script>", "a=b&c=d",
            "Здравствуйте", "مرحبا", "\u0000 nul and \u001F unit separator", "tab\there", "quote \" and backslash \\",
            "\u2028 line and \u2029 paragraph separators"})
    void nonAsciiAndMarkupTextRoundTrips(String text) throws ProtocolException {
        SayRequest say = new SayRequest("m-1", "lobby", text);
        String json = CODEC.encode(say);
        assertEquals(say, CODEC.decodeClient(json));
        ChatMessage message = new ChatMessage("lobby", null, 1, "m-1", "alice", text, MessageSamples.TS);
        assertEquals(message, CODEC.decodeServer(CODEC.encode(message)));
    }

    @Test
    void markupAndNonAsciiAreWrittenAsIsNotEscaped() {
        String json = CODEC.encode(new SayRequest("m-1", "lobby", "<script>alert('x')</script> & 😀 名前 é"));
        assertTrue(json.contains("<script>alert('x')</script> & 😀 名前 é"), json);
        assertFalse(json.contains("\\u003c") || json.contains("\\u003e") || json.contains("\\u0026") || json.contains("\\u0027"), json);
    }

    @Test
    void nonAsciiIsEncodedAsUtf8InTheFrame() {
        byte[] frame = CODEC.frame(new SayRequest("m-1", "lobby", "é😀"));
        String expected = "{\"type\":\"say\",\"id\":\"m-1\",\"room\":\"lobby\",\"text\":\"é😀\"}\n";
        assertEquals(expected, new String(frame, StandardCharsets.UTF_8));
        assertEquals(expected.getBytes(StandardCharsets.UTF_8).length, frame.length);
    }

    @Test
    void lineBreaksInTextAreEscapedSoTheFrameStaysOneLine() throws ProtocolException {
        String text = "first line\nsecond line\r\nthird\rfourth\u2028fifth\u0085sixth";
        SayRequest say = new SayRequest("m-1", "lobby", text);
        String json = CODEC.encode(say);
        assertFalse(json.contains("\n"), json);
        assertFalse(json.contains("\r"), json);
        assertTrue(json.contains("first line\\nsecond line\\r\\nthird"), json);
        byte[] frame = CODEC.frame(say);
        int newlines = 0;
        for (byte b : frame) if (b == '\n') newlines++;
        assertEquals(1, newlines, "only the terminating newline");
        assertEquals('\n', frame[frame.length - 1]);
        assertEquals(say, CODEC.decodeClient(json));
    }

    private static JsonObject parse(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }
}
