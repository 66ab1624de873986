package chatroom.server.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.protocol.Ack;
import chatroom.common.protocol.ChatMessage;
import chatroom.common.protocol.DmRequest;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.HistoryPage;
import chatroom.common.protocol.HistoryRequest;
import chatroom.common.protocol.JoinRequest;
import chatroom.common.protocol.Joined;
import chatroom.common.protocol.LoginRequest;
import chatroom.common.protocol.SayRequest;
import chatroom.common.protocol.Welcome;
import chatroom.common.testing.TestClient;
import chatroom.server.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessagingTest {
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
    void everyMemberIncludingTheSenderReceivesARoomMessageAfterItsAck() throws Exception {
        TestClient alice = server.register("alice");
        TestClient bob = server.register("bob");
        alice.send(new SayRequest("m-1", "lobby", "hello bob"));
        Ack ack = alice.await(Ack.class, a -> a.re().equals("m-1"));
        assertEquals("lobby", ack.room());
        assertEquals(1, ack.seq());
        ChatMessage atBob = bob.await(ChatMessage.class);
        ChatMessage atAlice = alice.await(ChatMessage.class);
        assertEquals(new ChatMessage("lobby", null, 1, "m-1", "alice", "hello bob", ack.ts()), atBob);
        assertEquals(atBob, atAlice);
    }

    @Test
    void aRetriedSayIsAckedWithTheOriginalSeqAndNotDeliveredTwice() throws Exception {
        TestClient alice = server.register("alice");
        TestClient bob = server.register("bob");
        alice.send(new SayRequest("same-id", "lobby", "first"));
        Ack first = alice.await(Ack.class);
        alice.send(new SayRequest("same-id", "lobby", "first"));
        Ack again = alice.await(Ack.class);
        assertEquals(first, again);
        alice.send(new SayRequest("next-id", "lobby", "second"));
        alice.await(Ack.class, a -> a.re().equals("next-id"));
        assertEquals("first", bob.await(ChatMessage.class).text());
        ChatMessage next = bob.await(ChatMessage.class);
        assertEquals("second", next.text(), "the retry must not have been delivered in between");
        assertEquals(2, next.seq());
    }

    @Test
    void seqIncreasesByOnePerRoomIndependently() throws Exception {
        TestClient alice = server.register("alice");
        alice.request(id -> new JoinRequest(id, "dev"), Joined.class);
        for (int i = 1; i <= 3; i++) {
            assertEquals(i, alice.request(id -> new SayRequest(id, "lobby", "x"), Ack.class).seq());
        }
        assertEquals(1, alice.request(id -> new SayRequest(id, "dev", "y"), Ack.class).seq());
    }

    @Test
    void historyPagesBackwardWithBeforeSeqAndForwardWithAfterSeq() throws Exception {
        TestClient alice = server.register("alice");
        for (int i = 1; i <= 7; i++) {
            String text = "m" + i;
            alice.request(id -> new SayRequest(id, "lobby", text), Ack.class);
        }
        HistoryPage newest = alice.request(id -> new HistoryRequest(id, "lobby", null, null, null, 3), HistoryPage.class);
        assertEquals(List.of(5L, 6L, 7L), seqs(newest));
        HistoryPage older = alice.request(id -> new HistoryRequest(id, "lobby", null, 5L, null, 3), HistoryPage.class);
        assertEquals(List.of(2L, 3L, 4L), seqs(older));
        HistoryPage forward = alice.request(id -> new HistoryRequest(id, "lobby", null, null, 2L, 3), HistoryPage.class);
        assertEquals(List.of(3L, 4L, 5L), seqs(forward));
        HistoryPage between = alice.request(id -> new HistoryRequest(id, "lobby", null, 6L, 1L, 200), HistoryPage.class);
        assertEquals(List.of(2L, 3L, 4L, 5L), seqs(between));
        assertEquals("lobby", newest.room());
        assertEquals("m7", newest.messages().getLast().text());
    }

    @Test
    void aDirectMessageReachesBothSidesAndItsHistory() throws Exception {
        TestClient alice = server.register("alice");
        TestClient bob = server.register("bob");
        Ack ack = alice.request(id -> new DmRequest(id, "bob", "psst"), Ack.class);
        assertEquals("bob", ack.to());
        assertNull(ack.room());
        assertEquals(1, ack.seq());
        ChatMessage atBob = bob.await(ChatMessage.class, m -> m.to() != null);
        assertEquals("alice", atBob.from());
        assertEquals("bob", atBob.to());
        assertEquals(atBob, alice.await(ChatMessage.class, m -> m.to() != null));
        bob.request(id -> new DmRequest(id, "alice", "hi"), Ack.class);
        HistoryPage page = bob.request(id -> new HistoryRequest(id, null, "alice", null, null, null), HistoryPage.class);
        assertEquals("alice", page.with());
        assertEquals(List.of("psst", "hi"), page.messages().stream().map(ChatMessage::text).toList());
        assertEquals(List.of("bob", "alice"), page.messages().stream().map(ChatMessage::to).toList());
    }

    @Test
    void anOfflineUserFindsDirectMessagesInWelcome() throws Exception {
        server.register("bob").close();
        TestClient alice = server.register("alice");
        alice.request(id -> new DmRequest(id, "bob", "while you were out"), Ack.class);
        TestClient bob = server.connect();
        Welcome welcome = bob.request(id -> new LoginRequest(id, "bob", TestServer.passwordOf("bob")), Welcome.class);
        assertEquals(1, welcome.dms().size());
        assertEquals("alice", welcome.dms().getFirst().with());
        assertEquals(1, welcome.dms().getFirst().lastSeq());
    }

    @Test
    void sayingInARoomYouAreNotInIsRefused() throws Exception {
        TestClient alice = server.register("alice");
        TestClient bob = server.register("bob");
        alice.request(id -> new JoinRequest(id, "private"), Joined.class);
        assertEquals(ErrorCode.NOT_MEMBER, bob.requestError(id -> new SayRequest(id, "private", "let me in")).code());
        assertEquals(ErrorCode.NO_SUCH_ROOM, bob.requestError(id -> new SayRequest(id, "nowhere", "hello?")).code());
        assertEquals(ErrorCode.NOT_MEMBER, bob.requestError(id -> new HistoryRequest(id, "private", null, null, null, null)).code());
        assertEquals(ErrorCode.NO_SUCH_USER, bob.requestError(id -> new DmRequest(id, "nobody", "hi")).code());
        assertTrue(alice.pending().stream().noneMatch(m -> m instanceof ChatMessage));
    }

    private static List<Long> seqs(HistoryPage page) {
        return page.messages().stream().map(ChatMessage::seq).toList();
    }
}
