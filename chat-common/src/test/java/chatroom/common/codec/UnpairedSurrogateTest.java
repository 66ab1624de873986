package chatroom.common.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.protocol.ClientMessage;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.SayRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Half a surrogate pair can be written as a JSON escape but not in UTF-8: the server relayed it as
 * '?', so a request id holding one never matched its reply (found by FrameReaderFuzzTest, input
 * escaped-surrogates). Such strings are refused as the bad_request they are.
 */
class UnpairedSurrogateTest {
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    @ParameterizedTest
    @ValueSource(strings = {"\\ud800 lone", "lone \\udc00", "\\udc00\\ud83d", "\\ud83d"})
    void aStringWithHalfAPairIsRefusedNamingTheField(String escaped) {
        ProtocolException e = assertThrows(ProtocolException.class, () ->
                CODEC.decodeClient("{\"type\":\"say\",\"id\":\"s1\",\"room\":\"lobby\",\"text\":\"" + escaped + "\"}"));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        assertEquals("s1", e.re());
        assertTrue(e.getMessage().contains("'text'"), e.getMessage());
    }

    @Test
    void anIdWithHalfAPairIsRefusedToo() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> CODEC.decodeClient("{\"type\":\"ping\",\"id\":\"\\ud800\"}"));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
    }

    @Test
    void aWholePairWrittenAsEscapesRoundTripsThroughTheFrameBytes() throws ProtocolException {
        ClientMessage m = CODEC.decodeClient("{\"type\":\"say\",\"id\":\"s1\",\"room\":\"lobby\",\"text\":\"\\ud83d\\ude00\"}");
        assertEquals(new SayRequest("s1", "lobby", "😀"), m);
        byte[] frame = CODEC.frame(m);
        assertEquals(m, CODEC.decodeClient(new String(frame, 0, frame.length - 1, StandardCharsets.UTF_8)));
    }

    @Test
    void theServerDirectionRefusesItAlike() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> CODEC.decodeServer(
                "{\"type\":\"message\",\"room\":\"lobby\",\"seq\":1,\"id\":\"a\",\"from\":\"bob\",\"text\":\"\\udfff\","
                        + "\"ts\":\"2026-11-21T10:15:30.123Z\"}"));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
    }
}
