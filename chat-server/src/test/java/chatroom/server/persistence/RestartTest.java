package chatroom.server.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.model.Role;
import chatroom.common.model.Status;
import chatroom.common.protocol.Ack;
import chatroom.common.protocol.BanInfo;
import chatroom.common.protocol.BanList;
import chatroom.common.protocol.BanRequest;
import chatroom.common.protocol.BansRequest;
import chatroom.common.protocol.ChatMessage;
import chatroom.common.protocol.DmRequest;
import chatroom.common.protocol.DmState;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ErrorReply;
import chatroom.common.protocol.HistoryPage;
import chatroom.common.protocol.HistoryRequest;
import chatroom.common.protocol.JoinRequest;
import chatroom.common.protocol.Joined;
import chatroom.common.protocol.LoginRequest;
import chatroom.common.protocol.Ok;
import chatroom.common.protocol.PingRequest;
import chatroom.common.protocol.Pong;
import chatroom.common.protocol.RoleRequest;
import chatroom.common.protocol.RoomInfo;
import chatroom.common.protocol.RoomList;
import chatroom.common.protocol.RoomState;
import chatroom.common.protocol.RoomsRequest;
import chatroom.common.protocol.SayRequest;
import chatroom.common.protocol.TopicRequest;
import chatroom.common.protocol.UserInfo;
import chatroom.common.protocol.UserList;
import chatroom.common.protocol.UsersRequest;
import chatroom.common.protocol.Welcome;
import chatroom.common.testing.TestClient;
import chatroom.server.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything the server stores is still there, unchanged, after it stops and starts again on the same data. */
class RestartTest {
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

    @Test
    void anAccountLogsInWithTheSamePasswordAfterARestartAndAWrongOneIsStillRefused() throws Exception {
        server.register("alice");

        server.restart();

        assertEquals("alice", logIn("alice").user());
        ErrorReply wrong = server.connect().requestError(id -> new LoginRequest(id, "alice", "not-alices-password"));
        assertEquals(ErrorCode.BAD_CREDENTIALS, wrong.code());
        ErrorReply unknown = server.connect().requestError(id -> new LoginRequest(id, "nobody", "whatever-pw"));
        assertEquals(ErrorCode.BAD_CREDENTIALS, unknown.code());
    }

    @Test
    void aPromotedModeratorIsStillAModeratorAfterARestart() throws Exception {
        TestClient root = server.loginAs("root", Role.ADMIN);
        server.register("alice");
        root.request(id -> new RoleRequest(id, "alice", Role.MODERATOR), Ok.class);

        server.restart();

        TestClient alice = server.connect();
        Welcome welcome = alice.request(id -> new LoginRequest(id, "alice", TestServer.passwordOf("alice")), Welcome.class);
        assertEquals(Role.MODERATOR, welcome.role());
        assertEquals(List.of(new UserInfo("alice", Status.ONLINE, Role.MODERATOR),
                        new UserInfo("root", Status.OFFLINE, Role.ADMIN)),
                alice.request(UsersRequest::new, UserList.class).users());
        assertEquals(List.of(), alice.request(BansRequest::new, BanList.class).bans(), "and may moderate");
    }

    @Test
    void aBanStillRefusesLoginAfterARestart() throws Exception {
        TestClient root = server.loginAs("root", Role.ADMIN);
        server.register("bob");
        server.register("carol");
        root.request(id -> new BanRequest(id, "bob", "spam", 60L), Ok.class);
        root.request(id -> new BanRequest(id, "carol", "abuse", null), Ok.class);
        List<BanInfo> before = root.request(BansRequest::new, BanList.class).bans();

        server.restart();

        ErrorReply bob = server.connect().requestError(id -> new LoginRequest(id, "bob", TestServer.passwordOf("bob")));
        assertEquals(ErrorCode.BANNED, bob.code());
        assertEquals("spam", bob.reason());
        assertEquals(before.getFirst().until(), bob.until());
        ErrorReply carol = server.connect().requestError(id -> new LoginRequest(id, "carol", TestServer.passwordOf("carol")));
        assertEquals(ErrorCode.BANNED, carol.code());
        assertEquals(before, server.login("root").request(BansRequest::new, BanList.class).bans());
    }

    @Test
    void roomMembershipsAndTopicsAreKeptAcrossARestart() throws Exception {
        TestClient root = server.loginAs("root", Role.ADMIN);
        TestClient alice = server.register("alice");
        alice.request(id -> new JoinRequest(id, "dev"), Joined.class);
        root.request(id -> new TopicRequest(id, "dev", "Release planning"), Ok.class);
        root.request(id -> new TopicRequest(id, "lobby", "Say hi"), Ok.class);

        server.restart();

        Welcome welcome = logIn("alice");
        assertEquals(List.of(new RoomState("dev", "Release planning", 0), new RoomState("lobby", "Say hi", 0)),
                welcome.rooms());
        TestClient root2 = server.login("root");
        assertEquals(List.of(new RoomInfo("dev", "Release planning", 1), new RoomInfo("lobby", "Say hi", 2)),
                root2.request(RoomsRequest::new, RoomList.class).rooms());
        Joined joined = root2.request(id -> new JoinRequest(id, "dev"), Joined.class);
        assertEquals("Release planning", joined.topic());
        assertEquals(List.of("alice", "root"), joined.members().stream().map(UserInfo::user).toList());
    }

    @Test
    void roomAndDirectHistoryIsKeptWithTheSameSeqsIdsTextsAndTimestamps() throws Exception {
        TestClient alice = server.register("alice");
        TestClient bob = server.register("bob");
        alice.request(id -> new SayRequest(id, "lobby", "one"), Ack.class);
        bob.request(id -> new SayRequest(id, "lobby", "two"), Ack.class);
        alice.request(id -> new SayRequest(id, "lobby", "three\nwith a newline and ünïcödé ✓"), Ack.class);
        alice.request(id -> new DmRequest(id, "bob", "psst"), Ack.class);
        bob.request(id -> new DmRequest(id, "alice", "what?"), Ack.class);
        List<ChatMessage> room = alice.request(id -> new HistoryRequest(id, "lobby", null, null, null, null), HistoryPage.class)
                .messages();
        List<ChatMessage> dms = alice.request(id -> new HistoryRequest(id, null, "bob", null, null, null), HistoryPage.class)
                .messages();
        assertEquals(3, room.size());
        assertEquals(2, dms.size());
        // What was delivered live is what history says (so the comparison below is with what clients saw).
        for (ChatMessage m : room) assertEquals(m, bob.await(ChatMessage.class, x -> x.seq() == m.seq() && x.room() != null));
        for (ChatMessage m : dms) assertEquals(m, bob.await(ChatMessage.class, x -> x.seq() == m.seq() && x.to() != null));

        server.restart();

        TestClient alice2 = server.connect();
        Welcome welcome = alice2.request(id -> new LoginRequest(id, "alice", TestServer.passwordOf("alice")), Welcome.class);
        assertEquals(List.of(new RoomState("lobby", null, 3)), welcome.rooms());
        assertEquals(List.of(new DmState("bob", 2)), welcome.dms());
        assertEquals(room, alice2.request(id -> new HistoryRequest(id, "lobby", null, null, null, null), HistoryPage.class)
                .messages());
        assertEquals(dms, alice2.request(id -> new HistoryRequest(id, null, "bob", null, null, null), HistoryPage.class)
                .messages());
        assertEquals(room.subList(1, 3), alice2.request(id -> new HistoryRequest(id, "lobby", null, null, 1L, null),
                HistoryPage.class).messages(), "paging from a seq works on restored history");
    }

    @Test
    void seqContinuesWithoutAGapAfterARestart() throws Exception {
        TestClient alice = server.register("alice");
        server.register("bob");
        alice.request(id -> new SayRequest(id, "lobby", "before 1"), Ack.class);
        alice.request(id -> new SayRequest(id, "lobby", "before 2"), Ack.class);
        alice.request(id -> new DmRequest(id, "bob", "dm before"), Ack.class);

        server.restart();

        TestClient alice2 = server.login("alice");
        TestClient bob2 = server.login("bob");
        // Fresh message ids: a new client's request ids start again at t1, and a reused id is a retry.
        alice2.send(new SayRequest("after-restart-1", "lobby", "after"));
        Ack next = alice2.await(Ack.class, a -> a.re().equals("after-restart-1"));
        assertEquals(3, next.seq());
        ChatMessage atBob = bob2.await(ChatMessage.class, m -> m.room() != null);
        assertEquals(3, atBob.seq());
        assertEquals("after", atBob.text());
        bob2.send(new DmRequest("after-restart-2", "alice", "dm after"));
        assertEquals(2, bob2.await(Ack.class, a -> a.re().equals("after-restart-2")).seq());
        assertEquals(List.of(1L, 2L, 3L), alice2.request(id -> new HistoryRequest(id, "lobby", null, null, null, null),
                HistoryPage.class).messages().stream().map(ChatMessage::seq).toList());
    }

    @Test
    void aSayRetriedAfterARestartIsAckedWithTheOriginalSeqAndNotDeliveredAgain() throws Exception {
        TestClient alice = server.register("alice");
        server.register("bob");
        alice.send(new SayRequest("say-1", "lobby", "only once"));
        Ack original = alice.await(Ack.class, a -> a.re().equals("say-1"));

        server.restart();

        TestClient alice2 = server.login("alice");
        TestClient bob2 = server.login("bob");
        alice2.send(new SayRequest("say-1", "lobby", "only once"));
        Ack retried = alice2.await(Ack.class, a -> a.re().equals("say-1"));
        assertEquals(original, retried, "the same room, seq and ts as the first ack");
        alice2.send(new SayRequest("say-2", "lobby", "next"));
        Ack next = alice2.await(Ack.class, a -> a.re().equals("say-2"));

        assertEquals(original.seq() + 1, next.seq(), "the retry took no seq");
        assertEquals("say-2", bob2.await(ChatMessage.class).id(), "the retry was not delivered to bob");
        assertEquals("say-2", alice2.await(ChatMessage.class).id(), "nor to alice");
        assertEquals(List.of("say-1", "say-2"), alice2.request(id -> new HistoryRequest(id, "lobby", null, null, null, null),
                HistoryPage.class).messages().stream().map(ChatMessage::id).toList());
    }

    @Test
    void aDmRetriedAfterARestartIsAckedWithTheOriginalSeqAndNotDeliveredAgain() throws Exception {
        TestClient alice = server.register("alice");
        server.register("bob");
        alice.send(new DmRequest("dm-1", "bob", "only once"));
        Ack original = alice.await(Ack.class, a -> a.re().equals("dm-1"));

        server.restart();

        TestClient alice2 = server.login("alice");
        TestClient bob2 = server.login("bob");
        alice2.send(new DmRequest("dm-1", "bob", "only once"));
        Ack retried = alice2.await(Ack.class, a -> a.re().equals("dm-1"));
        assertEquals(original, retried, "the same partner, seq and ts as the first ack");
        bob2.request(PingRequest::new, Pong.class);
        assertTrue(bob2.pending().stream().noneMatch(m -> m instanceof ChatMessage), "the retry was not delivered");
        assertEquals(1, bob2.request(id -> new HistoryRequest(id, null, "alice", null, null, null), HistoryPage.class)
                .messages().size());
    }

    private Welcome logIn(String user) throws Exception {
        return server.connect().request(id -> new LoginRequest(id, user, TestServer.passwordOf(user)), Welcome.class);
    }
}
