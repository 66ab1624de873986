package chatroom.server.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.model.Role;
import chatroom.common.model.Status;
import chatroom.common.protocol.BanInfo;
import chatroom.common.protocol.BanList;
import chatroom.common.protocol.BanRequest;
import chatroom.common.protocol.BannedEvent;
import chatroom.common.protocol.BansRequest;
import chatroom.common.protocol.ChatMessage;
import chatroom.common.protocol.Bye;
import chatroom.common.protocol.ClientMessage;
import chatroom.common.protocol.DmRequest;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ErrorReply;
import chatroom.common.protocol.HistoryRequest;
import chatroom.common.protocol.JoinRequest;
import chatroom.common.protocol.Joined;
import chatroom.common.protocol.KickRequest;
import chatroom.common.protocol.KickedEvent;
import chatroom.common.protocol.LoginRequest;
import chatroom.common.protocol.Ok;
import chatroom.common.protocol.PartRequest;
import chatroom.common.protocol.PasswordRequest;
import chatroom.common.protocol.PingRequest;
import chatroom.common.protocol.Pong;
import chatroom.common.protocol.PresenceEvent;
import chatroom.common.protocol.QuitRequest;
import chatroom.common.protocol.RoleRequest;
import chatroom.common.protocol.RoomInfo;
import chatroom.common.protocol.RoomList;
import chatroom.common.protocol.RoomsRequest;
import chatroom.common.protocol.SayRequest;
import chatroom.common.protocol.ServerMessage;
import chatroom.common.protocol.StatusRequest;
import chatroom.common.protocol.TopicEvent;
import chatroom.common.protocol.TopicRequest;
import chatroom.common.protocol.TypingRequest;
import chatroom.common.protocol.UnbanRequest;
import chatroom.common.protocol.UserInfo;
import chatroom.common.protocol.UserList;
import chatroom.common.protocol.UsersRequest;
import chatroom.common.testing.TestClient;
import chatroom.server.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who may do what: moderator and admin requests are refused (and change nothing) for those whose
 * stored role is too low, the target rules of kick and ban hold, and a guest may do nothing but
 * log in.
 */
class PermissionsTest {
    @TempDir
    Path data;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(data);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    // ---------------------------------------------------------------- a plain user, table-driven

    /** An admin {@code root}, the plain user {@code mallory} who tries her luck, and her target {@code bob}. */
    record World(TestServer server, TestClient root, TestClient mallory, TestClient bob) {
    }

    interface Step {
        void run(World w) throws Exception;
    }

    /** One row of the table: what is prepared, what mallory sends, and how we see that nothing changed. */
    record Attempt(String name, Step arrange, Function<String, ClientMessage> request, Step nothingChanged) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Attempt> moderatorAndAdminRequests() {
        return Stream.of(
                new Attempt("topic",
                        w -> w.root().request(id -> new TopicRequest(id, "lobby", "Be nice"), Ok.class),
                        id -> new TopicRequest(id, "lobby", "mallory was here"),
                        w -> {
                            assertEquals("Be nice", w.root().request(id -> new JoinRequest(id, "lobby"), Joined.class).topic());
                            assertEquals("Be nice", room(w.root(), "lobby").topic());
                            assertTrue(settle(w.bob()).stream().noneMatch(m -> m instanceof TopicEvent t
                                    && "mallory was here".equals(t.topic())), "nobody may see mallory's topic");
                        }),
                new Attempt("kick",
                        w -> { },
                        id -> new KickRequest(id, "bob", "because I can"),
                        PermissionsTest::bobIsStillConnected),
                new Attempt("timed ban",
                        w -> { },
                        id -> new BanRequest(id, "bob", "because I can", 60L),
                        w -> {
                            bobIsStillConnected(w);
                            assertEquals(List.of(), bans(w.root()));
                        }),
                new Attempt("permanent ban",
                        w -> { },
                        id -> new BanRequest(id, "bob", null, null),
                        w -> {
                            bobIsStillConnected(w);
                            assertEquals(List.of(), bans(w.root()));
                        }),
                new Attempt("unban",
                        w -> {
                            w.root().request(id -> new BanRequest(id, "bob", "spam", null), Ok.class);
                            w.bob().awaitClose();
                        },
                        id -> new UnbanRequest(id, "bob"),
                        w -> {
                            assertEquals(List.of("bob"), bans(w.root()).stream().map(BanInfo::user).toList());
                            TestClient again = w.server().connect();
                            assertEquals(ErrorCode.BANNED, again.requestError(
                                    id -> new LoginRequest(id, "bob", TestServer.passwordOf("bob"))).code());
                        }),
                new Attempt("bans",
                        w -> w.root().request(id -> new BanRequest(id, "bob", "spam", null), Ok.class),
                        id -> new BansRequest(id),
                        w -> assertEquals(List.of("bob"), bans(w.root()).stream().map(BanInfo::user).toList())),
                new Attempt("role (promoting herself)",
                        w -> { },
                        id -> new RoleRequest(id, "mallory", Role.ADMIN),
                        w -> assertEquals(Role.USER, user(w.root(), "mallory").role())),
                new Attempt("role (promoting someone else)",
                        w -> { },
                        id -> new RoleRequest(id, "bob", Role.MODERATOR),
                        w -> assertEquals(Role.USER, user(w.root(), "bob").role())),
                new Attempt("role (demoting the admin)",
                        w -> { },
                        id -> new RoleRequest(id, "root", Role.USER),
                        w -> assertEquals(Role.ADMIN, user(w.root(), "root").role())));
    }

    @ParameterizedTest(name = "a plain user''s {0} is forbidden and changes nothing")
    @MethodSource("moderatorAndAdminRequests")
    void aPlainUsersModerationRequestIsForbiddenAndChangesNothing(Attempt attempt) throws Exception {
        World w = new World(server, server.loginAs("root", Role.ADMIN), server.register("mallory"), server.register("bob"));
        attempt.arrange().run(w);

        ErrorReply error = w.mallory().requestError(attempt.request());

        assertEquals(ErrorCode.FORBIDDEN, error.code(), error.toString());
        assertTrue(!error.message().isBlank(), "the error says why");
        attempt.nothingChanged().run(w);
        w.mallory().request(PingRequest::new, Pong.class); // still connected
        assertEquals(Role.USER, user(w.root(), "mallory").role());
    }

    // ---------------------------------------------------------------- moderators

    @Test
    void aModeratorMayNotChangeRoles() throws Exception {
        TestClient mia = server.loginAs("mia", Role.MODERATOR);
        server.register("bob");

        assertEquals(ErrorCode.FORBIDDEN, mia.requestError(id -> new RoleRequest(id, "bob", Role.MODERATOR)).code());
        assertEquals(ErrorCode.FORBIDDEN, mia.requestError(id -> new RoleRequest(id, "mia", Role.ADMIN)).code());
        assertEquals(ErrorCode.FORBIDDEN, mia.requestError(id -> new RoleRequest(id, "mia", Role.USER)).code());

        assertEquals(Role.USER, user(mia, "bob").role());
        assertEquals(Role.MODERATOR, user(mia, "mia").role());
    }

    @Test
    void aModeratorMaySetTopicsKickBanUnbanAndListBans() throws Exception {
        TestClient mia = server.loginAs("mia", Role.MODERATOR);
        TestClient bob = server.register("bob");

        mia.request(id -> new TopicRequest(id, "lobby", "Moderated"), Ok.class);
        assertEquals(new TopicEvent("lobby", "Moderated", "mia"), bob.await(TopicEvent.class));

        mia.request(id -> new KickRequest(id, "bob", "cool down"), Ok.class);
        assertEquals(new KickedEvent("mia", "cool down"), bob.awaitClose().getLast());

        mia.request(id -> new BanRequest(id, "bob", "again", 5L), Ok.class);
        assertEquals(List.of("bob"), bans(mia).stream().map(BanInfo::user).toList());

        mia.request(id -> new UnbanRequest(id, "bob"), Ok.class);
        assertEquals(List.of(), bans(mia));
        server.login("bob");
    }

    // ---------------------------------------------------------------- guests

    static Stream<Named<Function<String, ClientMessage>>> requestsThatNeedALogin() {
        return Stream.of(
                named("say", id -> new SayRequest(id, "lobby", "hello")),
                named("dm", id -> new DmRequest(id, "anyone", "hello")),
                named("join", id -> new JoinRequest(id, "lobby")),
                named("part", id -> new PartRequest(id, "lobby")),
                named("history", id -> new HistoryRequest(id, "lobby", null, null, null, null)),
                named("status", id -> new StatusRequest(id, Status.AWAY)),
                named("users", UsersRequest::new),
                named("rooms", RoomsRequest::new),
                named("typing", id -> new TypingRequest(id, "lobby", null)),
                named("topic", id -> new TopicRequest(id, "lobby", "t")),
                named("kick", id -> new KickRequest(id, "anyone", null)),
                named("ban", id -> new BanRequest(id, "anyone", null, null)),
                named("unban", id -> new UnbanRequest(id, "anyone")),
                named("bans", BansRequest::new),
                named("role", id -> new RoleRequest(id, "anyone", Role.ADMIN)),
                named("password", id -> new PasswordRequest(id, "old-password", "new-password")));
    }

    @ParameterizedTest(name = "{0} before login gets not_authenticated")
    @MethodSource("requestsThatNeedALogin")
    void aRequestBeforeLoginGetsNotAuthenticatedAndTheConnectionStaysOpen(Function<String, ClientMessage> request)
            throws Exception {
        TestClient guest = server.connect();

        ErrorReply error = guest.requestError(request);

        assertEquals(ErrorCode.NOT_AUTHENTICATED, error.code(), error.toString());
        guest.request(PingRequest::new, Pong.class);
    }

    // ---------------------------------------------------------------- the stored role decides

    @Test
    void aModeratorDemotedByAnAdminIsForbiddenToKickOnTheNextRequest() throws Exception {
        TestClient root = server.loginAs("root", Role.ADMIN);
        TestClient mia = server.loginAs("mia", Role.MODERATOR);
        TestClient bob = server.register("bob");
        assertEquals(List.of(), mia.request(BansRequest::new, BanList.class).bans(), "mia moderates before");

        root.request(id -> new RoleRequest(id, "mia", Role.USER), Ok.class);

        assertEquals(ErrorCode.FORBIDDEN, mia.requestError(id -> new KickRequest(id, "bob", null)).code());
        assertEquals(ErrorCode.FORBIDDEN, mia.requestError(BansRequest::new).code());
        assertEquals(Role.USER, user(root, "mia").role());
        bob.request(PingRequest::new, Pong.class);
        assertTrue(bob.pending().stream().noneMatch(m -> m instanceof KickedEvent));
    }

    @Test
    void aUserPromotedByAnAdminMayKickAtOnceWithoutLoggingInAgain() throws Exception {
        TestClient root = server.loginAs("root", Role.ADMIN);
        TestClient alice = server.register("alice");
        TestClient bob = server.register("bob");
        assertEquals(ErrorCode.FORBIDDEN, alice.requestError(id -> new KickRequest(id, "bob", null)).code());

        root.request(id -> new RoleRequest(id, "alice", Role.MODERATOR), Ok.class);

        alice.request(id -> new KickRequest(id, "bob", "promoted"), Ok.class);
        assertEquals(new KickedEvent("alice", "promoted"), bob.awaitClose().getLast());
        assertEquals(Role.MODERATOR, user(root, "alice").role());
    }

    // ---------------------------------------------------------------- target rules

    @ParameterizedTest(name = "a {0} may not {2} a {1}")
    @CsvSource({
            "moderator, moderator, kick",
            "moderator, moderator, ban",
            "moderator, admin,     kick",
            "moderator, admin,     ban",
            "admin,     admin,     kick",
            "admin,     admin,     ban"})
    void nobodyMayKickOrBanSomeoneOfTheSameOrAHigherRole(String actorRole, String targetRole, String verb) throws Exception {
        TestClient actor = server.loginAs("actor", Role.fromWire(actorRole));
        TestClient target = server.loginAs("target", Role.fromWire(targetRole));

        ErrorReply error = actor.requestError(verb.equals("kick")
                ? id -> new KickRequest(id, "target", "no")
                : id -> new BanRequest(id, "target", "no", null));

        assertEquals(ErrorCode.FORBIDDEN, error.code(), error.toString());
        target.request(PingRequest::new, Pong.class);
        assertTrue(target.pending().stream().noneMatch(m -> m instanceof KickedEvent || m instanceof BannedEvent));
        assertEquals(List.of(), bans(actor));
        assertEquals(Status.ONLINE, user(actor, "target").status());
    }

    @Test
    void anAdminMayKickAndBanAModerator() throws Exception {
        TestClient root = server.loginAs("root", Role.ADMIN);
        TestClient mia = server.loginAs("mia", Role.MODERATOR);

        root.request(id -> new KickRequest(id, "mia", null), Ok.class);
        assertTrue(mia.awaitClose().getLast() instanceof KickedEvent);
        root.request(id -> new BanRequest(id, "mia", "abuse", null), Ok.class);

        assertEquals(List.of("mia"), bans(root).stream().map(BanInfo::user).toList());
    }

    @ParameterizedTest(name = "a {0} may not {1} themselves")
    @CsvSource({"moderator, kick", "moderator, ban", "admin, kick", "admin, ban"})
    void nobodyMayKickOrBanThemselves(String role, String verb) throws Exception {
        TestClient self = server.loginAs("self", Role.fromWire(role));

        ErrorReply error = self.requestError(verb.equals("kick")
                ? id -> new KickRequest(id, "self", null)
                : id -> new BanRequest(id, "SELF", null, 10L));

        assertEquals(ErrorCode.FORBIDDEN, error.code(), error.toString());
        self.request(PingRequest::new, Pong.class);
        assertTrue(self.pending().stream().noneMatch(m -> m instanceof KickedEvent || m instanceof BannedEvent));
        assertEquals(List.of(), bans(self));
    }

    @Test
    void theLastAdminCannotBeDemotedButOneOfTwoAdminsCan() throws Exception {
        TestClient root = server.loginAs("root", Role.ADMIN);
        server.createAccount("ada", Role.ADMIN);

        root.request(id -> new RoleRequest(id, "ada", Role.MODERATOR), Ok.class);
        assertEquals(Role.MODERATOR, user(root, "ada").role());

        ErrorReply toUser = root.requestError(id -> new RoleRequest(id, "root", Role.USER));
        ErrorReply toModerator = root.requestError(id -> new RoleRequest(id, "root", Role.MODERATOR));

        assertEquals(ErrorCode.FORBIDDEN, toUser.code(), toUser.toString());
        assertEquals(ErrorCode.FORBIDDEN, toModerator.code(), toModerator.toString());
        assertEquals(Role.ADMIN, user(root, "root").role());
        root.request(id -> new RoleRequest(id, "root", Role.ADMIN), Ok.class); // staying an admin is fine
    }

    @ParameterizedTest(name = "role \"{0}\" is a bad request")
    @ValueSource(strings = {"\"superuser\"", "\"Admin\"", "\"\"", "1", "null"})
    void aRoleOtherThanUserModeratorOrAdminIsABadRequestAndChangesNothing(String role) throws Exception {
        TestClient root = server.loginAs("root", Role.ADMIN);
        server.register("bob");

        root.sendLine("{\"type\":\"role\",\"id\":\"r\",\"user\":\"bob\",\"role\":" + role + "}");
        ServerMessage reply = root.awaitReply("r");

        assertTrue(reply instanceof ErrorReply e && e.code() == ErrorCode.BAD_REQUEST, String.valueOf(reply));
        assertEquals(Role.USER, user(root, "bob").role());
    }

    // ---------------------------------------------------------------- unknown and offline targets

    static Stream<Named<Function<String, ClientMessage>>> requestsNamingAUser() {
        return Stream.of(
                named("kick", id -> new KickRequest(id, "nobody", null)),
                named("ban", id -> new BanRequest(id, "nobody", "x", 5L)),
                named("unban", id -> new UnbanRequest(id, "nobody")),
                named("role", id -> new RoleRequest(id, "nobody", Role.MODERATOR)));
    }

    private static Named<Function<String, ClientMessage>> named(String name, Function<String, ClientMessage> request) {
        return Named.of(name, request);
    }

    @ParameterizedTest(name = "{0} naming an unknown user gets no_such_user")
    @MethodSource("requestsNamingAUser")
    void aModerationRequestNamingAnUnknownUserGetsNoSuchUser(Function<String, ClientMessage> request) throws Exception {
        TestClient root = server.loginAs("root", Role.ADMIN);

        ErrorReply error = root.requestError(request);

        assertEquals(ErrorCode.NO_SUCH_USER, error.code(), error.toString());
        assertEquals(List.of(), bans(root));
        assertEquals(List.of("root"), root.request(UsersRequest::new, UserList.class).users().stream().map(UserInfo::user).toList());
    }

    @Test
    void kickingAUserWhoIsNotConnectedGetsNoSuchUser() throws Exception {
        TestClient root = server.loginAs("root", Role.ADMIN);
        TestClient bob = server.register("bob");
        bob.request(QuitRequest::new, Bye.class);
        bob.awaitClose();
        root.await(PresenceEvent.class, p -> p.user().equals("bob") && p.status() == Status.OFFLINE);

        ErrorReply error = root.requestError(id -> new KickRequest(id, "bob", null));

        assertEquals(ErrorCode.NO_SUCH_USER, error.code(), error.toString());
        assertTrue(error.message().contains("bob") && error.message().contains("not connected"), error.message());
        server.login("bob"); // nothing happened to the account
    }

    // ---------------------------------------------------------------- identities in a request

    /**
     * The server knows who sent a request from the session alone: a {@code from}, {@code user},
     * {@code as} or {@code role} that mallory adds to her frames by hand changes nothing.
     */
    @Test
    void aFromOrRoleFieldInASayOrDmIsIgnoredAndTheMessageIsTheSenders() throws Exception {
        World w = new World(server, server.loginAs("root", Role.ADMIN), server.register("mallory"), server.register("bob"));
        w.mallory().sendLine("{\"type\":\"say\",\"id\":\"s1\",\"room\":\"lobby\",\"text\":\"I am root\","
                + "\"from\":\"root\",\"user\":\"root\",\"role\":\"admin\"}");
        assertEquals("mallory", w.bob().await(ChatMessage.class, m -> m.id().equals("s1")).from());
        w.mallory().sendLine("{\"type\":\"dm\",\"id\":\"d1\",\"to\":\"bob\",\"text\":\"from root, honest\","
                + "\"from\":\"root\"}");
        ChatMessage dm = w.bob().await(ChatMessage.class, m -> m.id().equals("d1"));
        assertEquals("mallory", dm.from());
        assertEquals("bob", dm.to());
    }

    @Test
    void aModerationRequestClaimingToComeFromTheAdminIsStillForbidden() throws Exception {
        World w = new World(server, server.loginAs("root", Role.ADMIN), server.register("mallory"), server.register("bob"));
        for (String frame : List.of(
                "{\"type\":\"kick\",\"id\":\"k\",\"user\":\"bob\",\"from\":\"root\",\"as\":\"root\",\"role\":\"admin\"}",
                "{\"type\":\"ban\",\"id\":\"b\",\"user\":\"bob\",\"from\":\"root\",\"role\":\"admin\"}",
                "{\"type\":\"role\",\"id\":\"r\",\"user\":\"mallory\",\"role\":\"admin\",\"from\":\"root\"}",
                "{\"type\":\"topic\",\"id\":\"t\",\"room\":\"lobby\",\"topic\":\"pwned\",\"from\":\"root\"}")) {
            w.mallory().sendLine(frame);
            ErrorReply e = w.mallory().await(ErrorReply.class);
            assertEquals(ErrorCode.FORBIDDEN, e.code(), frame);
        }
        bobIsStillConnected(w);
        assertEquals(Role.USER, user(w.root(), "mallory").role());
        assertEquals(List.of(), bans(w.root()));
    }

    @Test
    void aPasswordOrStatusRequestNamingAnotherUserChangesOnlyTheSendersOwn() throws Exception {
        World w = new World(server, server.loginAs("root", Role.ADMIN), server.register("mallory"), server.register("bob"));
        w.mallory().sendLine("{\"type\":\"password\",\"id\":\"p\",\"old\":\"" + TestServer.passwordOf("mallory")
                + "\",\"new\":\"mallory-owns-bob\",\"user\":\"bob\"}");
        w.mallory().awaitReply("p");
        w.mallory().sendLine("{\"type\":\"status\",\"id\":\"st\",\"status\":\"busy\",\"user\":\"bob\"}");
        w.mallory().awaitReply("st");

        assertEquals(Status.ONLINE, user(w.root(), "bob").status());
        assertEquals(Status.BUSY, user(w.root(), "mallory").status());
        server.login("bob"); // bob's password still works
        TestClient guess = server.connect();
        assertEquals(ErrorCode.BAD_CREDENTIALS,
                guess.requestError(id -> new LoginRequest(id, "bob", "mallory-owns-bob")).code());
        guess.request(id -> new LoginRequest(id, "mallory", "mallory-owns-bob"), chatroom.common.protocol.Welcome.class);
    }

    // ---------------------------------------------------------------- helpers

    /** Waits until every frame the server sent before now has arrived, and returns the unconsumed ones. */
    static List<ServerMessage> settle(TestClient client) throws Exception {
        client.request(PingRequest::new, Pong.class);
        return client.pending();
    }

    static void bobIsStillConnected(World w) throws Exception {
        assertTrue(settle(w.bob()).stream().noneMatch(m -> m instanceof KickedEvent || m instanceof BannedEvent),
                "bob was not kicked or banned");
        assertEquals(Status.ONLINE, user(w.root(), "bob").status());
    }

    static UserInfo user(TestClient asker, String name) throws Exception {
        return asker.request(UsersRequest::new, UserList.class).users().stream()
                .filter(u -> u.user().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no user " + name));
    }

    static RoomInfo room(TestClient asker, String name) throws Exception {
        return asker.request(RoomsRequest::new, RoomList.class).rooms().stream()
                .filter(r -> r.room().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no room " + name));
    }

    static List<BanInfo> bans(TestClient moderator) throws Exception {
        return moderator.request(BansRequest::new, BanList.class).bans();
    }
}
