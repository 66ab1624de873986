package chatroom.server.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.model.MemberChange;
import chatroom.common.model.Role;
import chatroom.common.model.Status;
import chatroom.common.protocol.BanInfo;
import chatroom.common.protocol.BanList;
import chatroom.common.protocol.BanRequest;
import chatroom.common.protocol.BannedEvent;
import chatroom.common.protocol.BansRequest;
import chatroom.common.protocol.Bye;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ErrorReply;
import chatroom.common.protocol.KickRequest;
import chatroom.common.protocol.KickedEvent;
import chatroom.common.protocol.LoginRequest;
import chatroom.common.protocol.MemberEvent;
import chatroom.common.protocol.Ok;
import chatroom.common.protocol.PingRequest;
import chatroom.common.protocol.Pong;
import chatroom.common.protocol.PresenceEvent;
import chatroom.common.protocol.QuitRequest;
import chatroom.common.protocol.ServerMessage;
import chatroom.common.protocol.UnbanRequest;
import chatroom.common.protocol.Welcome;
import chatroom.common.testing.TestClient;
import chatroom.common.testing.MutableClock;
import chatroom.server.testing.TestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What kick, ban and unban do to their target: the last frame before the close, presence for the
 * others, the refused logins and the list of bans. The server runs on a clock the test moves, so
 * "until" is exact and a timed ban can run out without waiting.
 */
class KickAndBanTest {
    /** The server's "now" when each test starts, whole milliseconds as on the wire. */
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00.000Z");

    @TempDir
    Path data;
    MutableClock clock;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        clock = new MutableClock(T0);
        server = TestServer.start(data, c -> c, clock);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    // ---------------------------------------------------------------- kick

    @Test
    void aKickedUserGetsKickedWithByAndReasonAsTheLastFrameOnEverySessionAndMayLogInAgainAtOnce() throws Exception {
        TestClient bobPhone = server.register("bob");
        TestClient bobLaptop = server.login("bob");
        TestClient mia = server.loginAs("mia", Role.MODERATOR);

        mia.request(id -> new KickRequest(id, "bob", "take a break"), Ok.class);

        assertEquals(new KickedEvent("mia", "take a break"), bobPhone.awaitClose().getLast());
        assertEquals(new KickedEvent("mia", "take a break"), bobLaptop.awaitClose().getLast());
        Welcome again = logIn("bob");
        assertEquals("bob", again.user());
    }

    @Test
    void othersSeeAKickedUserLeaveTheirRoomsAndGoOfflineThenComeBack() throws Exception {
        TestClient bob = server.register("bob");
        TestClient carol = server.register("carol");
        TestClient mia = server.loginAs("mia", Role.MODERATOR);

        mia.request(id -> new KickRequest(id, "bob", null), Ok.class);
        bob.awaitClose();

        carol.await(MemberEvent.class, m -> m.equals(new MemberEvent("lobby", "bob", MemberChange.LEAVE)));
        carol.await(PresenceEvent.class, p -> p.equals(new PresenceEvent("bob", Status.OFFLINE)));
        mia.await(PresenceEvent.class, p -> p.equals(new PresenceEvent("bob", Status.OFFLINE)));

        server.login("bob");
        carol.await(MemberEvent.class, m -> m.equals(new MemberEvent("lobby", "bob", MemberChange.JOIN)));
        carol.await(PresenceEvent.class, p -> p.equals(new PresenceEvent("bob", Status.ONLINE)));
    }

    @Test
    void aKickWithoutAReasonStillClosesTheConnectionWithKicked() throws Exception {
        TestClient bob = server.register("bob");
        TestClient root = server.loginAs("root", Role.ADMIN);

        root.request(id -> new KickRequest(id, "bob", null), Ok.class);

        ServerMessage last = bob.awaitClose().getLast();
        assertTrue(last instanceof KickedEvent k && k.by().equals("root"), String.valueOf(last));
    }

    // ---------------------------------------------------------------- ban

    @Test
    void aTimedBanClosesTheTargetWithBannedAndRefusesLoginWithReasonAndUntil() throws Exception {
        TestClient bob = server.register("bob");
        TestClient mia = server.loginAs("mia", Role.MODERATOR);
        Instant until = T0.plus(Duration.ofMinutes(30));

        mia.request(id -> new BanRequest(id, "bob", "flooding", 30L), Ok.class);

        assertEquals(new BannedEvent("mia", "flooding", until), bob.awaitClose().getLast());
        ErrorReply refused = tryLogin("bob");
        assertEquals(ErrorCode.BANNED, refused.code(), refused.toString());
        assertEquals("flooding", refused.reason());
        assertEquals(until, refused.until());
        assertFalse(refused.message().isBlank());
        assertEquals(List.of(new BanInfo("bob", "mia", "flooding", T0, until)), bans(mia));
        String wire = rawLoginReply("bob");
        assertTrue(wire.contains("\"code\":\"banned\"") && wire.contains("\"until\":\"2026-11-21T10:30:00.000Z\""), wire);
    }

    @Test
    void anUnbannedUserMayLogInAgainAndIsNoLongerListed() throws Exception {
        TestClient bob = server.register("bob");
        TestClient mia = server.loginAs("mia", Role.MODERATOR);
        mia.request(id -> new BanRequest(id, "bob", "flooding", 60L), Ok.class);
        bob.awaitClose();
        assertEquals(ErrorCode.BANNED, tryLogin("bob").code());

        mia.request(id -> new UnbanRequest(id, "bob"), Ok.class);

        assertEquals(List.of(), bans(mia));
        assertEquals("bob", logIn("bob").user());
        mia.request(id -> new UnbanRequest(id, "bob"), Ok.class); // unbanning someone not banned is fine
    }

    @Test
    void aBanWithoutMinutesIsPermanentAndHasNoUntil() throws Exception {
        TestClient bob = server.register("bob");
        TestClient root = server.loginAs("root", Role.ADMIN);

        root.request(id -> new BanRequest(id, "bob", "for good", null), Ok.class);

        BannedEvent banned = (BannedEvent) bob.awaitClose().getLast();
        assertEquals(new BannedEvent("root", "for good", null), banned);
        clock.advance(Duration.ofDays(3650));
        ErrorReply refused = tryLogin("bob");
        assertEquals(ErrorCode.BANNED, refused.code());
        assertEquals("for good", refused.reason());
        assertNull(refused.until());
        assertEquals(List.of(new BanInfo("bob", "root", "for good", T0, null)), bans(root));
        String wire = rawLoginReply("bob");
        assertTrue(wire.contains("\"code\":\"banned\"") && wire.contains("\"reason\":\"for good\""), wire);
        assertFalse(wire.contains("\"until\":"), "no until field at all, not even null: " + wire);
    }

    @Test
    void aBanWithoutAReasonLeavesTheReasonOutEverywhere() throws Exception {
        TestClient bob = server.register("bob");
        TestClient mia = server.loginAs("mia", Role.MODERATOR);

        mia.request(id -> new BanRequest(id, "bob", null, 15L), Ok.class);

        assertEquals(new BannedEvent("mia", null, T0.plus(Duration.ofMinutes(15))), bob.awaitClose().getLast());
        assertNull(tryLogin("bob").reason());
        assertEquals(List.of(new BanInfo("bob", "mia", null, T0, T0.plus(Duration.ofMinutes(15)))), bans(mia));
        String wire = rawLoginReply("bob");
        assertTrue(wire.contains("\"code\":\"banned\"") && !wire.contains("\"reason\":"), wire);
    }

    @Test
    void aBanOnAUserWhoIsOfflineAlsoBlocksTheirLogin() throws Exception {
        TestClient bob = server.register("bob");
        bob.request(QuitRequest::new, Bye.class);
        bob.awaitClose();
        TestClient mia = server.loginAs("mia", Role.MODERATOR);

        mia.request(id -> new BanRequest(id, "bob", "alt account", 120L), Ok.class);

        ErrorReply refused = tryLogin("bob");
        assertEquals(ErrorCode.BANNED, refused.code());
        assertEquals("alt account", refused.reason());
        assertEquals(T0.plus(Duration.ofMinutes(120)), refused.until());
    }

    @Test
    void aTimedBanEndsByItselfWhenTheClockPassesUntil() throws Exception {
        server.register("carol").close();
        TestClient bob = server.register("bob");
        TestClient mia = server.loginAs("mia", Role.MODERATOR);
        mia.request(id -> new BanRequest(id, "carol", "spam", null), Ok.class);
        mia.request(id -> new BanRequest(id, "bob", "cool down", 10L), Ok.class);
        bob.awaitClose();
        assertEquals(List.of("bob", "carol"), bans(mia).stream().map(BanInfo::user).toList(), "sorted by user");

        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertEquals(ErrorCode.BANNED, tryLogin("bob").code(), "a second before the end the ban holds");

        clock.advance(Duration.ofSeconds(2));
        assertEquals("bob", logIn("bob").user());
        assertEquals(List.of("carol"), bans(mia).stream().map(BanInfo::user).toList(), "the expired ban is left out");
        assertEquals(ErrorCode.BANNED, tryLogin("carol").code(), "the permanent ban still holds");
    }

    @Test
    void aNewBanReplacesTheOlderOne() throws Exception {
        server.register("bob").close();
        TestClient mia = server.loginAs("mia", Role.MODERATOR);
        mia.request(id -> new BanRequest(id, "bob", "first", 10L), Ok.class);
        clock.advance(Duration.ofMinutes(1));

        mia.request(id -> new BanRequest(id, "bob", "second", null), Ok.class);

        Instant second = T0.plus(Duration.ofMinutes(1));
        assertEquals(List.of(new BanInfo("bob", "mia", "second", second, null)), bans(mia));
        clock.advance(Duration.ofMinutes(20));
        ErrorReply refused = tryLogin("bob");
        assertEquals(ErrorCode.BANNED, refused.code(), "the first ban's end does not end the second");
        assertEquals("second", refused.reason());
    }

    @Test
    void theBanListRunsOnTheServersClockInWholeMilliseconds() throws Exception {
        clock.advance(Duration.ofNanos(123_456_789));
        server.register("bob").close();
        TestClient mia = server.loginAs("mia", Role.MODERATOR);

        mia.request(id -> new BanRequest(id, "bob", "x", 1L), Ok.class);

        BanInfo ban = bans(mia).getFirst();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        assertEquals(now, ban.since());
        assertEquals(now.plus(Duration.ofMinutes(1)), ban.until());
        assertEquals(ban.until(), tryLogin("bob").until(), "the login error and the list agree on the end");
    }

    @ParameterizedTest(name = "a ban for {0} minutes is a bad request")
    @ValueSource(strings = {"0", "-5", "5270401", "\"5\"", "1.5"})
    void aBanWithMinutesOutOfRangeOrNotAWholeNumberIsABadRequestAndBansNobody(String minutes) throws Exception {
        TestClient bob = server.register("bob");
        TestClient mia = server.loginAs("mia", Role.MODERATOR);

        mia.sendLine("{\"type\":\"ban\",\"id\":\"b\",\"user\":\"bob\",\"minutes\":" + minutes + "}");
        ServerMessage reply = mia.awaitReply("b");

        assertTrue(reply instanceof ErrorReply e && e.code() == ErrorCode.BAD_REQUEST, String.valueOf(reply));
        assertEquals(List.of(), bans(mia));
        bob.request(PingRequest::new, Pong.class);
    }

    @Test
    void theLongestBanOfTenYearsIsAccepted() throws Exception {
        server.register("bob").close();
        TestClient mia = server.loginAs("mia", Role.MODERATOR);

        mia.request(id -> new BanRequest(id, "bob", "long", BanRequest.MAX_MINUTES), Ok.class);

        assertEquals(T0.plus(Duration.ofMinutes(5_270_400)), bans(mia).getFirst().until());
    }

    @Test
    void aTimedBanThatRanOutWhileTheServerWasDownNoLongerHoldsAfterARestart() throws Exception {
        server.register("bob").close();
        TestClient mia = server.loginAs("mia", Role.MODERATOR);
        mia.request(id -> new BanRequest(id, "bob", "short", 5L), Ok.class);

        server.restart();
        assertEquals(ErrorCode.BANNED, tryLogin("bob").code(), "restored and still in force");
        clock.advance(Duration.ofMinutes(6));
        server.restart();

        assertEquals("bob", logIn("bob").user());
    }

    // ---------------------------------------------------------------- helpers

    private Welcome logIn(String user) throws Exception {
        TestClient c = server.connect();
        return c.request(id -> new LoginRequest(id, user, TestServer.passwordOf(user)), Welcome.class);
    }

    /** The login reply exactly as the server writes it. */
    private String rawLoginReply(String user) throws Exception {
        try (Socket socket = chatroom.common.testing.TrustAnyTls.connect("127.0.0.1", server.port());
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
            assertTrue(in.readLine().contains("\"hello\""));
            socket.getOutputStream().write(("{\"type\":\"login\",\"id\":\"raw\",\"user\":\"" + user + "\",\"password\":\""
                    + TestServer.passwordOf(user) + "\"}\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return in.readLine();
        }
    }

    private ErrorReply tryLogin(String user) throws Exception {
        TestClient c = server.connect();
        return c.requestError(id -> new LoginRequest(id, user, TestServer.passwordOf(user)));
    }

    private static List<BanInfo> bans(TestClient moderator) throws Exception {
        return moderator.request(BansRequest::new, BanList.class).bans();
    }
}
