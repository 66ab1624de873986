package chatroom.common.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.model.Role;
import chatroom.common.model.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The records' compact constructors: the rules every decoded message has already passed. */
class MessageValidationTest {

    private static InvalidMessageException invalid(Executable construction) {
        return assertThrows(InvalidMessageException.class, construction);
    }

    private static void badRequest(Executable construction) {
        assertEquals(ErrorCode.BAD_REQUEST, invalid(construction).code());
    }

    @Test
    void idsAreOneTo128Characters() {
        assertDoesNotThrow(() -> new PingRequest("i".repeat(Fields.MAX_ID)));
        badRequest(() -> new PingRequest("i".repeat(Fields.MAX_ID + 1)));
        badRequest(() -> new PingRequest(""));
        badRequest(() -> new SayRequest("i".repeat(Fields.MAX_ID + 1), "lobby", "hi"));
    }

    @Test
    void halfASurrogatePairIsRefusedAndAWholeOneIsFine() {
        InvalidMessageException e = invalid(() -> new SayRequest("s", "lobby", "a\ud800b"));
        assertTrue(e.getMessage().contains("'text'") && e.getMessage().contains("surrogate"), e.getMessage());
        badRequest(() -> new SayRequest("s", "lobby", "ends with \ud83d"));
        badRequest(() -> new SayRequest("\udc00", "lobby", "hi"));
        badRequest(() -> new TopicRequest("t", "lobby", "\udc00\ud83d"));
        assertDoesNotThrow(() -> new SayRequest("s\ud83d\ude00", "lobby", "\ud83d\ude00 fine"));
    }

    @Test
    void sayAndDmNeedAnId() {
        InvalidMessageException e = invalid(() -> new SayRequest(null, "lobby", "hi"));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        assertTrue(e.getMessage().contains("'id'"), e.getMessage());
        badRequest(() -> new DmRequest(null, "bob", "hi"));
    }

    @Test
    void messageTextIsNotBlankAndAtMost16000Characters() {
        assertDoesNotThrow(() -> new SayRequest("m", "lobby", "x".repeat(Fields.MAX_TEXT)));
        badRequest(() -> new SayRequest("m", "lobby", "x".repeat(Fields.MAX_TEXT + 1)));
        badRequest(() -> new SayRequest("m", "lobby", ""));
        badRequest(() -> new SayRequest("m", "lobby", " \n\t "));
        badRequest(() -> new DmRequest("m", "bob", "   "));
    }

    @Test
    void referencedNamesAreNotCheckedAgainstTheNamingRulesButMustHaveAPlausibleLength() {
        assertDoesNotThrow(() -> new PartRequest(null, "old room name"));
        assertDoesNotThrow(() -> new KickRequest(null, "x".repeat(128), null));
        badRequest(() -> new KickRequest(null, "x".repeat(129), null));
        badRequest(() -> new PartRequest(null, ""));
        badRequest(() -> new DmRequest("d", "", "hi"));
    }

    @Test
    void joiningFollowsTheNamingRules() {
        assertEquals(ErrorCode.INVALID_NAME, invalid(() -> new JoinRequest(null, "my room")).code());
        assertEquals(ErrorCode.INVALID_NAME, invalid(() -> new JoinRequest(null, "")).code());
        assertEquals(ErrorCode.BAD_REQUEST, invalid(() -> new JoinRequest(null, null)).code());
        assertDoesNotThrow(() -> new JoinRequest(null, "名前"));
    }

    @Test
    void registeringFollowsTheNamingAndPasswordRules() {
        assertEquals(ErrorCode.INVALID_NAME, invalid(() -> new RegisterRequest(null, "a b", "12345678")).code());
        assertEquals(ErrorCode.BAD_REQUEST, invalid(() -> new RegisterRequest(null, null, "12345678")).code());
        assertEquals(ErrorCode.WEAK_PASSWORD, invalid(() -> new RegisterRequest(null, "alice", "1234567")).code());
        assertEquals(ErrorCode.BAD_REQUEST, invalid(() -> new RegisterRequest(null, "alice", null)).code());
        assertDoesNotThrow(() -> new RegisterRequest(null, "alice", "12345678"));
    }

    @Test
    void passwordLengthIsCountedInCharactersNotUtf16Units() {
        assertDoesNotThrow(() -> new RegisterRequest(null, "alice", "😀".repeat(8)));
        assertEquals(ErrorCode.WEAK_PASSWORD, invalid(() -> new RegisterRequest(null, "alice", "😀".repeat(7))).code());
    }

    @Test
    void passwordsAreAtMost1024Utf8Bytes() {
        assertDoesNotThrow(() -> new RegisterRequest(null, "alice", "p".repeat(1024)));
        assertDoesNotThrow(() -> new RegisterRequest(null, "alice", "é".repeat(512)));
        badRequest(() -> new RegisterRequest(null, "alice", "p".repeat(1025)));
        badRequest(() -> new RegisterRequest(null, "alice", "é".repeat(513)));
        badRequest(() -> new PasswordRequest(null, "old", "é".repeat(513)));
        assertEquals(ErrorCode.WEAK_PASSWORD, invalid(() -> new PasswordRequest(null, "old", "short")).code());
    }

    @Test
    void loginPasswordsFollowTheSameByteLimit() {
        assertDoesNotThrow(() -> new LoginRequest(null, "alice", "p".repeat(1024)));
        assertDoesNotThrow(() -> new LoginRequest(null, "alice", "é".repeat(512)));
        assertDoesNotThrow(() -> new LoginRequest(null, "alice", "x"), "a login never judges the password's strength");
        badRequest(() -> new LoginRequest(null, "alice", "p".repeat(1025)));
        badRequest(() -> new LoginRequest(null, "alice", "é".repeat(513)));
    }

    @Test
    void passwordsNeverAppearInToString() {
        String secret = "hunter2-secret";
        for (Object m : List.of(new RegisterRequest("r", "alice", secret), new LoginRequest("l", "alice", secret),
                new PasswordRequest("p", secret, secret + "-new"))) {
            assertFalse(m.toString().contains("hunter2"), m.toString());
        }
    }

    @Test
    void historyPageSizeIsOneTo200AndSeqsArePositive() {
        assertDoesNotThrow(() -> new HistoryRequest(null, "lobby", null, 1L, 0L, 1));
        assertDoesNotThrow(() -> new HistoryRequest(null, "lobby", null, null, null, HistoryRequest.MAX_LIMIT));
        badRequest(() -> new HistoryRequest(null, "lobby", null, null, null, 0));
        badRequest(() -> new HistoryRequest(null, "lobby", null, null, null, HistoryRequest.MAX_LIMIT + 1));
        badRequest(() -> new HistoryRequest(null, "lobby", null, 0L, null, null));
        badRequest(() -> new HistoryRequest(null, "lobby", null, null, -1L, null));
    }

    @Test
    void historyAndTypingNeedExactlyOneTarget() {
        badRequest(() -> new HistoryRequest(null, "lobby", "bob", null, null, null));
        badRequest(() -> new HistoryRequest(null, null, null, null, null, null));
        badRequest(() -> new TypingRequest(null, "lobby", "bob"));
        badRequest(() -> new TypingRequest(null, null, null));
    }

    @Test
    void statusRequestsCannotClaimOffline() {
        badRequest(() -> new StatusRequest(null, Status.OFFLINE));
        badRequest(() -> new StatusRequest(null, null));
    }

    @Test
    void roleRequestsNeedARole() {
        badRequest(() -> new RoleRequest(null, "bob", null));
        assertDoesNotThrow(() -> new RoleRequest(null, "bob", Role.USER));
    }

    @Test
    void bansLastOneMinuteToTenYears() {
        assertDoesNotThrow(() -> new BanRequest(null, "bob", null, 1L));
        assertDoesNotThrow(() -> new BanRequest(null, "bob", null, BanRequest.MAX_MINUTES));
        badRequest(() -> new BanRequest(null, "bob", null, 0L));
        badRequest(() -> new BanRequest(null, "bob", null, -5L));
        badRequest(() -> new BanRequest(null, "bob", null, BanRequest.MAX_MINUTES + 1));
    }

    @Test
    void topicsAndReasonsAreAtMost500Characters() {
        assertDoesNotThrow(() -> new TopicRequest(null, "lobby", "t".repeat(Fields.MAX_SHORT_TEXT)));
        assertDoesNotThrow(() -> new TopicRequest(null, "lobby", ""));
        badRequest(() -> new TopicRequest(null, "lobby", "t".repeat(Fields.MAX_SHORT_TEXT + 1)));
        badRequest(() -> new TopicRequest(null, "lobby", null));
        badRequest(() -> new KickRequest(null, "bob", "r".repeat(Fields.MAX_SHORT_TEXT + 1)));
        badRequest(() -> new BanRequest(null, "bob", "r".repeat(Fields.MAX_SHORT_TEXT + 1), null));
    }

    @Test
    void aChatMessageHasExactlyOneOfRoomAndTo() {
        Instant ts = Instant.parse("2026-11-21T10:15:30.123Z");
        assertThrows(IllegalArgumentException.class, () -> new ChatMessage("lobby", "bob", 1, "m", "alice", "hi", ts));
        assertThrows(IllegalArgumentException.class, () -> new ChatMessage(null, null, 1, "m", "alice", "hi", ts));
        assertDoesNotThrow(() -> new ChatMessage(null, "bob", 1, "m", "alice", "hi", ts));
    }

    @Test
    void listsInMessagesAreDefensiveImmutableCopies() {
        List<RoomState> rooms = new ArrayList<>(List.of(new RoomState("lobby", null, 1)));
        Welcome welcome = new Welcome(null, "alice", Role.USER, rooms, null);
        rooms.add(new RoomState("dev", null, 0));
        assertEquals(1, welcome.rooms().size());
        assertEquals(List.of(), welcome.dms());
        assertThrows(UnsupportedOperationException.class, () -> welcome.rooms().add(new RoomState("x", null, 0)));
        assertEquals(List.of(), new HistoryPage(null, "lobby", null, null).messages());
        assertEquals(List.of(), new Joined(null, "lobby", null, null, 0).members());
    }
}
