package chatroom.common.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.model.MemberChange;
import chatroom.common.model.Role;
import chatroom.common.model.Status;
import chatroom.common.protocol.*;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Forward compatibility (unknown fields), optional fields and required fields. */
class ProtocolCodecDecodingTest {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final String EXTRAS = "\"extra\":1,\"flag\":true,\"note\":\"x\",\"nothing\":null,"
            + "\"obj\":{\"a\":[1,{\"b\":null}],\"c\":{\"d\":\"e\"}},\"arr\":[1,\"x\",{},[]],";

    @Test
    void unknownFieldsAreIgnored() throws ProtocolException {
        String frame = "{" + EXTRAS + "\"type\":\"say\",\"id\":\"m-1\",\"room\":\"lobby\",\"text\":\"hi\",\"more\":[[[{}]]]}";
        assertEquals(new SayRequest("m-1", "lobby", "hi"), CODEC.decodeClient(frame));
    }

    @Test
    void unknownFieldsAreIgnoredOnEveryClientType() throws ProtocolException {
        for (List<ClientMessage> samples : MessageSamples.client().values()) {
            for (ClientMessage m : samples) {
                String json = CODEC.encode(m);
                String withExtras = "{" + EXTRAS + json.substring(1, json.length() - 1) + ",\"zz\":{\"k\":[true]}}";
                assertEquals(m, CODEC.decodeClient(withExtras), withExtras);
            }
        }
    }

    @Test
    void unknownFieldsAreIgnoredOnEveryServerTypeIncludingNestedObjects() throws ProtocolException {
        for (List<ServerMessage> samples : MessageSamples.server().values()) {
            for (ServerMessage m : samples) {
                String json = CODEC.encode(m);
                // Also add extras to every nested object (list entries such as rooms[i]).
                String withExtras = "{" + EXTRAS + json.substring(1).replace("[{", "[{\"future\":[1,{\"x\":2}],");
                assertEquals(m, CODEC.decodeServer(withExtras), withExtras);
            }
        }
    }

    @Test
    void camelCaseSpellingsOfFieldsAreUnknownFields() throws ProtocolException {
        HistoryRequest h = (HistoryRequest) CODEC.decodeClient("{\"type\":\"history\",\"room\":\"lobby\",\"beforeSeq\":5,\"afterSeq\":1}");
        assertNull(h.beforeSeq());
        assertNull(h.afterSeq());
    }

    @Test
    void historyWithoutOptionalFieldsUsesTheDefaultLimit() throws ProtocolException {
        HistoryRequest h = assertInstanceOf(HistoryRequest.class, CODEC.decodeClient("{\"type\":\"history\",\"room\":\"lobby\"}"));
        assertEquals("lobby", h.room());
        assertNull(h.with());
        assertNull(h.id());
        assertNull(h.beforeSeq());
        assertNull(h.afterSeq());
        assertNull(h.limit());
        assertEquals(50, h.effectiveLimit());
        assertEquals(HistoryRequest.DEFAULT_LIMIT, h.effectiveLimit());
    }

    @Test
    void explicitNullOptionalFieldsDecodeLikeAbsentOnes() throws ProtocolException {
        HistoryRequest h = (HistoryRequest) CODEC.decodeClient(
                "{\"type\":\"history\",\"id\":null,\"room\":\"lobby\",\"with\":null,\"before_seq\":null,\"after_seq\":null,\"limit\":null}");
        assertEquals(new HistoryRequest(null, "lobby", null, null, null, null), h);
        assertEquals(50, h.effectiveLimit());
    }

    @Test
    void historyWithAGivenLimitUsesIt() throws ProtocolException {
        HistoryRequest h = (HistoryRequest) CODEC.decodeClient("{\"type\":\"history\",\"with\":\"bob\",\"after_seq\":0,\"limit\":7}");
        assertEquals(7, h.effectiveLimit());
        assertEquals(0L, h.afterSeq());
        assertEquals("bob", h.with());
    }

    @Test
    void welcomeWithoutDmsHasNoDms() throws ProtocolException {
        Welcome w = assertInstanceOf(Welcome.class, CODEC.decodeServer(
                "{\"type\":\"welcome\",\"re\":\"1\",\"user\":\"alice\",\"role\":\"user\",\"rooms\":[{\"room\":\"lobby\",\"topic\":\"General\",\"last_seq\":12}]}"));
        assertEquals(List.of(), w.dms());
        assertEquals(List.of(new RoomState("lobby", "General", 12)), w.rooms());
        assertEquals(Role.USER, w.role());
    }

    @Test
    void welcomeWithoutRoomsHasNoRooms() throws ProtocolException {
        Welcome w = (Welcome) CODEC.decodeServer("{\"type\":\"welcome\",\"user\":\"alice\",\"role\":\"admin\"}");
        assertEquals(List.of(), w.rooms());
        assertEquals(List.of(), w.dms());
        assertNull(w.re());
    }

    @Test
    void errorWithoutReHasNullRe() throws ProtocolException {
        ErrorReply e = assertInstanceOf(ErrorReply.class,
                CODEC.decodeServer("{\"type\":\"error\",\"code\":\"auth_timeout\",\"message\":\"Log in within 10 seconds.\"}"));
        assertNull(e.re());
        assertEquals(ErrorCode.AUTH_TIMEOUT, e.code());
        assertNull(e.until());
        assertNull(e.retryAfterMs());
        assertNull(e.reason());
    }

    @Test
    void optionalFieldsOfModerationRequestsMayBeLeftOut() throws ProtocolException {
        assertEquals(new KickRequest(null, "mallory", null), CODEC.decodeClient("{\"type\":\"kick\",\"user\":\"mallory\"}"));
        assertEquals(new BanRequest(null, "mallory", null, null), CODEC.decodeClient("{\"type\":\"ban\",\"user\":\"mallory\"}"));
        assertEquals(new PingRequest(null), CODEC.decodeClient("{\"type\":\"ping\"}"));
    }

    @Test
    void messagesMissingOptionalPartsDecode() throws ProtocolException {
        assertEquals(new Joined(null, "lobby", null, List.of(), 0), CODEC.decodeServer("{\"type\":\"joined\",\"room\":\"lobby\"}"));
        assertEquals(new Hello(1, "chatroom 0.1", null), CODEC.decodeServer("{\"type\":\"hello\",\"protocol\":1,\"server\":\"chatroom 0.1\"}"));
        assertEquals(new BannedEvent(null, null, null), CODEC.decodeServer("{\"type\":\"banned\"}"));
    }

    @Test
    void examplesFromTheContractDecode() throws ProtocolException {
        assertEquals(new Hello(1, "lanchat 1.0", "be nice"),
                CODEC.decodeServer("{\"type\":\"hello\",\"protocol\":1,\"server\":\"lanchat 1.0\",\"motd\":\"be nice\"}"));
        assertEquals(new StatusRequest(null, Status.AWAY), CODEC.decodeClient("{\"type\":\"status\",\"status\":\"away\"}"));
        assertEquals(new Ack("m1", "lobby", null, 3, Instant.parse("2026-11-21T10:15:30.123Z")),
                CODEC.decodeServer("{\"type\":\"ack\",\"re\":\"m1\",\"room\":\"lobby\",\"seq\":3,\"ts\":\"2026-11-21T10:15:30.123Z\"}"));
        assertEquals(new PasswordRequest(null, "old secret", "new secret!"),
                CODEC.decodeClient("{\"type\":\"password\",\"old\":\"old secret\",\"new\":\"new secret!\"}"));
    }

    @Test
    void enumsAreReadOnlyByTheirWireNames() throws ProtocolException {
        assertEquals(new MemberEvent("lobby", "bob", MemberChange.JOIN),
                CODEC.decodeServer("{\"type\":\"member\",\"room\":\"lobby\",\"user\":\"bob\",\"event\":\"join\"}"));
        for (String frame : List.of(
                "{\"type\":\"member\",\"room\":\"lobby\",\"user\":\"bob\",\"event\":\"JOIN\"}",
                "{\"type\":\"presence\",\"user\":\"bob\",\"status\":\"Away\"}",
                "{\"type\":\"error\",\"code\":\"BAD_REQUEST\",\"message\":\"Try again.\"}",
                "{\"type\":\"error\",\"code\":0,\"message\":\"Try again.\"}",
                "{\"type\":\"welcome\",\"user\":\"alice\",\"role\":\"USER\"}")) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> CODEC.decodeServer(frame), frame);
            assertEquals(ErrorCode.BAD_REQUEST, e.code(), frame);
        }
    }

    @Test
    void timestampsWithoutFractionAreAccepted() throws ProtocolException {
        Ack ack = (Ack) CODEC.decodeServer("{\"type\":\"ack\",\"re\":\"m1\",\"room\":\"lobby\",\"seq\":3,\"ts\":\"2026-11-21T10:15:30Z\"}");
        assertEquals(Instant.parse("2026-11-21T10:15:30.000Z"), ack.ts());
    }

    static Stream<Arguments> missingRequiredFields() {
        return Stream.of(
                Arguments.of("{\"type\":\"join\"}", "room"),
                Arguments.of("{\"type\":\"part\"}", "room"),
                Arguments.of("{\"type\":\"say\",\"id\":\"m-1\",\"text\":\"hi\"}", "room"),
                Arguments.of("{\"type\":\"say\",\"id\":\"m-1\",\"room\":\"lobby\"}", "text"),
                Arguments.of("{\"type\":\"dm\",\"id\":\"d-1\",\"text\":\"hi\"}", "to"),
                Arguments.of("{\"type\":\"dm\",\"id\":\"d-1\",\"to\":\"bob\"}", "text"),
                Arguments.of("{\"type\":\"register\",\"password\":\"12345678\"}", "user"),
                Arguments.of("{\"type\":\"register\",\"user\":\"alice\"}", "password"),
                Arguments.of("{\"type\":\"login\",\"password\":\"12345678\"}", "user"),
                Arguments.of("{\"type\":\"login\",\"user\":\"alice\"}", "password"),
                Arguments.of("{\"type\":\"topic\",\"room\":\"lobby\"}", "topic"),
                Arguments.of("{\"type\":\"topic\",\"topic\":\"x\"}", "room"),
                Arguments.of("{\"type\":\"kick\"}", "user"),
                Arguments.of("{\"type\":\"ban\"}", "user"),
                Arguments.of("{\"type\":\"unban\"}", "user"),
                Arguments.of("{\"type\":\"role\",\"user\":\"bob\"}", "role"),
                Arguments.of("{\"type\":\"role\",\"role\":\"admin\"}", "user"),
                Arguments.of("{\"type\":\"status\"}", "status"),
                Arguments.of("{\"type\":\"password\",\"new\":\"newpassword\"}", "old"),
                Arguments.of("{\"type\":\"password\",\"old\":\"oldpassword\"}", "new"),
                Arguments.of("{\"type\":\"say\",\"room\":\"lobby\",\"text\":\"hi\"}", "id"),
                Arguments.of("{\"type\":\"dm\",\"to\":\"bob\",\"text\":\"hi\"}", "id"));
    }

    @ParameterizedTest(name = "{0} lacks {1}")
    @MethodSource
    void missingRequiredFields(String frame, String field) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> CODEC.decodeClient(frame));
        assertEquals(ErrorCode.BAD_REQUEST, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(field), "the message names '" + field + "': " + e.getMessage());
    }

    @Test
    void aBadRequestCarriesTheFramesIdAsRe() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> CODEC.decodeClient("{\"type\":\"say\",\"id\":\"m-77\",\"room\":\"lobby\"}"));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        assertEquals("m-77", e.re());
    }

    @Test
    void serverMessagesMissingRequiredFieldsAreBadRequests() {
        for (String frame : List.of(
                "{\"type\":\"ack\",\"re\":\"m1\",\"room\":\"lobby\",\"seq\":3}",
                "{\"type\":\"message\",\"room\":\"lobby\",\"seq\":1,\"id\":\"m\",\"from\":\"a\",\"text\":\"t\"}",
                "{\"type\":\"message\",\"room\":\"lobby\",\"to\":\"bob\",\"seq\":1,\"id\":\"m\",\"from\":\"a\",\"text\":\"t\",\"ts\":\"2026-11-21T10:15:30.123Z\"}",
                "{\"type\":\"welcome\",\"user\":\"alice\"}",
                "{\"type\":\"error\",\"code\":\"bad_request\"}",
                "{\"type\":\"member\",\"room\":\"lobby\",\"user\":\"bob\",\"event\":\"wave\"}",
                "{\"type\":\"presence\",\"user\":\"bob\",\"status\":\"sleeping\"}",
                "{\"type\":\"hello\",\"protocol\":null,\"server\":\"x\"}")) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> CODEC.decodeServer(frame), frame);
            assertEquals(ErrorCode.BAD_REQUEST, e.code(), frame);
        }
    }
}
