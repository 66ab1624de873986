package chatroom.client.service;

import static chatroom.client.service.UiThreadStandIn.WAIT;
import static chatroom.client.service.UiThreadStandIn.onUi;
import static chatroom.client.service.UiThreadStandIn.onUiQuietly;
import static chatroom.client.service.UiThreadStandIn.waitUntil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.client.model.ConnectionState;
import chatroom.client.model.ConversationKey;
import chatroom.common.model.Role;
import chatroom.common.protocol.Ack;
import chatroom.common.protocol.ChatMessage;
import chatroom.common.protocol.KickRequest;
import chatroom.common.protocol.Ok;
import chatroom.common.protocol.SayRequest;
import chatroom.common.protocol.Welcome;
import chatroom.common.testing.TestClient;
import chatroom.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat service against a real server, without the FX toolkit: a single thread stands in for the
 * FX thread, and every call into the service goes through it, as in the app.
 */
class NetworkChatServiceTest {
    private static final ConversationKey LOBBY = ConversationKey.room("lobby");

    @TempDir
    Path data;
    private TestServer server;
    private final ExecutorService ui = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<ChatMessage> received = new CopyOnWriteArrayList<>();
    private final List<String> ended = new CopyOnWriteArrayList<>();
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    private NetworkChatService service;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(data);
        server.createAccount("bob", Role.USER);
    }

    @AfterEach
    void stop() throws Exception {
        onUi(ui, () -> {
            if (service != null && service.state() != ConnectionState.DISCONNECTED) service.logOut();
            return null;
        });
        server.close();
        ui.shutdownNow();
        timer.shutdownNow();
    }

    /** A service whose automatic retries wait an hour, so the test decides when it reconnects. */
    private NetworkChatService bob(Backoff backoff) throws Exception {
        service = onUi(ui, () -> {
            NetworkChatService s = newService(backoff);
            s.addListener(new ChatEvents() {
                @Override
                public void messages(ConversationKey key, List<ChatMessage> fresh) {
                    received.addAll(fresh);
                }

                @Override
                public void sessionEnded(String sentence) {
                    ended.add(sentence);
                }

                @Override
                public void connectionChanged(ConnectionState state, String detail) {
                    states.add(state);
                }
            });
            return s;
        });
        CompletableFuture<Welcome> login = onUi(ui, () -> service.logIn(new ServerAddress("127.0.0.1", server.port()), "bob",
                TestServer.passwordOf("bob"), false));
        login.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return service;
    }

    /** A service that trusts the test server's certificate, as after the user accepted it once. */
    private NetworkChatService newService(Backoff backoff) {
        chatroom.common.tls.Fingerprint pinned = server.fingerprint();
        return new NetworkChatService(ui, NetworkChatService.tcp(), address -> java.util.Optional.of(pinned), timer, backoff,
                Clock.systemUTC());
    }

    private static Backoff manual() {
        return new Backoff(Duration.ofHours(1), Duration.ofHours(1), () -> 0);
    }

    @Test
    void messagesSentWhileDisconnectedAreFetchedAfterTheReconnectExactlyOnce() throws Exception {
        bob(manual());
        TestClient alice = server.loginAs("alice", Role.USER);
        alice.request(id -> new SayRequest(id, "lobby", "one"), Ack.class);
        waitUntil("bob has the first message", () -> texts().equals(List.of("one")));

        server.stop();
        waitUntil("bob notices", () -> onUiQuietly(ui, service::state) == ConnectionState.RECONNECTING);
        server.startAgain();
        TestClient alice2 = server.login("alice");
        for (String text : List.of("two", "three", "four")) alice2.request(id -> new SayRequest(id, "lobby", text), Ack.class);

        onUi(ui, () -> {
            service.reconnectNow();
            return null;
        });
        waitUntil("bob catches up", () -> texts().size() >= 4);
        assertEquals(List.of("one", "two", "three", "four"), texts());
        assertEquals(List.of(1L, 2L, 3L, 4L), received.stream().map(ChatMessage::seq).toList());
    }

    @Test
    void aCatchUpPageLargerThanTheClientFrameLimitIsRead() throws Exception {
        bob(manual());
        server.stop();
        waitUntil("bob notices", () -> onUiQuietly(ui, service::state) == ConnectionState.RECONNECTING);
        server.startAgain();
        TestClient alice = server.loginAs("alice", Role.USER);
        String longText = "x".repeat(chatroom.common.protocol.Fields.MAX_TEXT);
        for (int i = 0; i < 8; i++) alice.request(id -> new SayRequest(id, "lobby", longText), Ack.class);
        onUi(ui, () -> {
            service.reconnectNow();
            return null;
        });
        // 8 messages of 16,000 characters make one history frame of about 130 KB.
        waitUntil("bob catches up on the long messages", () -> received.size() == 8);
        assertEquals(ConnectionState.CONNECTED, onUi(ui, service::state));
    }

    @Test
    void aMessageQueuedOfflineIsSentOnceWithItsOriginalId() throws Exception {
        bob(manual());
        server.stop();
        waitUntil("bob notices", () -> onUiQuietly(ui, service::state) == ConnectionState.RECONNECTING);
        String id = onUi(ui, () -> service.send(LOBBY, "queued while offline").id());
        assertEquals(1, onUi(ui, () -> service.outbox().size()));

        server.startAgain();
        onUi(ui, () -> {
            service.reconnectNow();
            return null;
        });
        waitUntil("the message is stored and comes back", () -> texts().contains("queued while offline"));
        waitUntil("the outbox empties", () -> onUiQuietly(ui, () -> service.outbox().isEmpty()));
        assertEquals(id, received.getLast().id());
        TestClient reader = server.loginAs("reader", Role.USER);
        var page = reader.request(i -> new chatroom.common.protocol.HistoryRequest(i, "lobby", null, null, 0L, 200),
                chatroom.common.protocol.HistoryPage.class);
        assertEquals(1, page.messages().stream().filter(m -> m.id().equals(id)).count());
    }

    @Test
    void aWrongPasswordFailsTheLoginWithASentence() throws Exception {
        service = onUi(ui, () -> newService(manual()));
        CompletableFuture<Welcome> login = onUi(ui, () -> service.logIn(new ServerAddress("127.0.0.1", server.port()), "bob", "wrong password", false));
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> login.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals("The user name or password is wrong.", RequestFailedException.sentenceOf(failure));
        assertEquals(ConnectionState.DISCONNECTED, onUi(ui, service::state));
    }

    @Test
    void nothingListeningIsReportedAsUnreachable() throws Exception {
        service = onUi(ui, () -> newService(manual()));
        int port = server.port();
        server.stop();
        CompletableFuture<Welcome> login = onUi(ui, () -> service.logIn(new ServerAddress("127.0.0.1", port), "bob", "whatever123", false));
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> login.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(RequestFailedException.sentenceOf(failure).startsWith("Cannot reach 127.0.0.1:" + port), failure.toString());
        server.startAgain();
    }

    @Test
    void aKickEndsTheSessionWithoutReconnecting() throws Exception {
        bob(Backoff.standard());
        TestClient mod = server.loginAs("mod", Role.MODERATOR);
        mod.request(id -> new KickRequest(id, "bob", "cool down"), Ok.class);
        waitUntil("bob's session ends", () -> !ended.isEmpty());
        assertEquals("You were removed from the server by mod: cool down.", ended.getFirst());
        assertEquals(ConnectionState.DISCONNECTED, onUi(ui, service::state));
        assertTrue(states.stream().noneMatch(s -> s == ConnectionState.RECONNECTING), states.toString());
    }

    private List<String> texts() {
        return received.stream().map(ChatMessage::text).toList();
    }
}
