package chatroom.client.service;

import static chatroom.client.service.UiThreadStandIn.WAIT;
import static chatroom.client.service.UiThreadStandIn.onUi;
import static chatroom.client.service.UiThreadStandIn.onUiQuietly;
import static chatroom.client.service.UiThreadStandIn.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.client.model.ConnectionState;
import chatroom.client.model.ConversationKey;
import chatroom.client.model.MessageOutbox;
import chatroom.client.model.PendingMessage;
import chatroom.client.settings.LogCapture;
import chatroom.client.settings.OutboxKey;
import chatroom.client.settings.OutboxStore;
import chatroom.common.model.Role;
import chatroom.common.protocol.Ack;
import chatroom.common.protocol.ChatMessage;
import chatroom.common.protocol.HistoryPage;
import chatroom.common.protocol.HistoryRequest;
import chatroom.common.protocol.SayRequest;
import chatroom.common.protocol.ServerMessage;
import chatroom.common.testing.TestClient;
import chatroom.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
 * The outbox across a restart of the client, against a real server: each "run" is a new service
 * with its own background writer over the same config folder, as when the app is closed and opened
 * again. The server's history is the judge of "exactly once".
 */
class OutboxRestartTest {
    private static final ConversationKey LOBBY = ConversationKey.room("lobby");
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    @TempDir
    Path temp;
    private TestServer server;
    private OutboxStore store;
    private final ExecutorService ui = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Run> runs = new ArrayList<>();

    /** One run of the client: its service, its client-io thread, and what its listener heard. */
    private final class Run {
        final ExecutorService io = Executors.newSingleThreadExecutor();
        final List<PendingMessage> restored = new CopyOnWriteArrayList<>();
        /** Ids of our messages in the order the server confirmed them: by our own copy or by the ack, whichever came first. */
        final CopyOnWriteArrayList<String> stored = new CopyOnWriteArrayList<>();
        /** Only acks that came before (or instead of) our own copy, as for a retry the server already had. */
        final List<Ack> acks = new CopyOnWriteArrayList<>();
        final List<String> failed = new CopyOnWriteArrayList<>();
        final NetworkChatService service;
        volatile String user;

        Run() throws Exception {
            this(null);
        }

        /** A run whose outbox goes through {@code persistence} instead of the config folder, when not null. */
        Run(OutboxPersistence persistence) throws Exception {
            runs.add(this);
            var pinned = server.fingerprint();
            service = onUi(ui, () -> {
                NetworkChatService s = new NetworkChatService(ui, NetworkChatService.tcp(), address -> Optional.of(pinned), timer,
                        new Backoff(Duration.ofHours(1), Duration.ofHours(1), () -> 0), Clock.systemUTC(),
                        persistence != null ? persistence : new BackgroundOutboxPersistence(new OutboxStore(temp.resolve("client")), io));
                s.addListener(new ChatEvents() {
                    @Override
                    public void outboxRestored(List<PendingMessage> messages) {
                        restored.addAll(messages);
                    }

                    @Override
                    public void acked(PendingMessage message, long seq, Instant ts) {
                        stored.addIfAbsent(message.id());
                        acks.add(new Ack(message.id(), message.to().isRoom() ? message.to().name() : null,
                                message.to().isRoom() ? null : message.to().name(), seq, ts));
                    }

                    @Override
                    public void messages(ConversationKey key, List<ChatMessage> fresh) {
                        for (ChatMessage m : fresh) {
                            if (m.from().equals(user)) stored.addIfAbsent(m.id());
                        }
                    }

                    @Override
                    public void sendFailed(PendingMessage message, String sentence) {
                        failed.add(sentence);
                    }
                });
                return s;
            });
        }

        Run logIn(String user) throws Exception {
            this.user = user;
            onUi(ui, () -> service.logIn(new ServerAddress("127.0.0.1", server.port()), user, TestServer.passwordOf(user), false))
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return this;
        }

        PendingMessage send(ConversationKey to, String text) throws Exception {
            return onUi(ui, () -> service.send(to, text));
        }

        List<PendingMessage> outbox() {
            return onUiQuietly(ui, service::outbox);
        }

        ConnectionState state() {
            return onUiQuietly(ui, service::state);
        }

        /** What closing the window does: log out, then let client-io finish its queue and stop. */
        void close() throws Exception {
            onUi(ui, () -> {
                if (service.state() != ConnectionState.DISCONNECTED) service.logOut();
                return null;
            });
            io.shutdown();
            assertTrue(io.awaitTermination(WAIT.toMillis(), TimeUnit.MILLISECONDS), "client-io finishes its writes");
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(temp.resolve("server"));
        server.createAccount("bob", Role.USER);
        server.createAccount("alice", Role.USER);
        store = new OutboxStore(temp.resolve("client"));
    }

    @AfterEach
    void stop() throws Exception {
        for (Run run : runs) run.close();
        server.close();
        ui.shutdownNow();
        timer.shutdownNow();
    }

    private OutboxKey key(String user) {
        return new OutboxKey("127.0.0.1", server.port(), user);
    }

    private List<String> idsOnDisk(OutboxKey key) {
        return store.load(key).stream().map(PendingMessage::id).toList();
    }

    private List<ChatMessage> lobbyHistory() throws Exception {
        TestClient reader = server.login("alice");
        return reader.request(id -> new HistoryRequest(id, "lobby", null, null, 0L, 200), HistoryPage.class).messages();
    }

    private List<ChatMessage> dmHistory(String between, String and) throws Exception {
        TestClient reader = server.login(between);
        return reader.request(id -> new HistoryRequest(id, null, and, null, 0L, 200), HistoryPage.class).messages();
    }

    private static long count(List<ChatMessage> messages, String id) {
        return messages.stream().filter(m -> m.id().equals(id)).count();
    }

    @Test
    void messagesLeftUnsentWhenTheClientClosesAreSentByTheNextRunOnceInOrderWithTheirIds() throws Exception {
        Run first = new Run().logIn("bob");
        server.stop();
        waitUntil("bob notices the server is gone", () -> first.state() == ConnectionState.RECONNECTING);
        List<PendingMessage> typed = List.of(
                first.send(LOBBY, "one"),
                first.send(ConversationKey.direct("alice"), "two, just for alice"),
                first.send(LOBBY, "three"));
        List<String> ids = typed.stream().map(PendingMessage::id).toList();
        waitUntil("all three are on disk", () -> idsOnDisk(key("bob")).equals(ids));

        first.close();
        assertEquals(ids, idsOnDisk(key("bob")), "closing the client keeps them");

        server.startAgain();
        Run second = new Run().logIn("bob");
        waitUntil("the second run's outbox empties", () -> second.outbox().isEmpty());
        waitUntil("the file goes once everything is acked", () -> !Files.exists(store.file(key("bob"))));

        assertEquals(typed, second.restored, "restored as typed, oldest first");
        assertEquals(ids, second.stored, "resent in the original order, with the original ids");
        List<ChatMessage> lobby = lobbyHistory();
        assertEquals(1, count(lobby, ids.get(0)));
        assertEquals(1, count(lobby, ids.get(2)));
        assertEquals(List.of("one", "three"), lobby.stream().map(ChatMessage::text).toList());
        List<ChatMessage> dm = dmHistory("alice", "bob");
        assertEquals(List.of(ids.get(1)), dm.stream().map(ChatMessage::id).toList());
        assertEquals("bob", dm.getFirst().from());
    }

    @Test
    void aMessageTheServerStoredBeforeTheClientClosedIsNotStoredOrDeliveredTwice() throws Exception {
        // The first run's message reached the server, but the app closed before the ack came back.
        String storedId = "already-" + UUID.randomUUID();
        TestClient earlierBob = server.login("bob");
        earlierBob.send(new SayRequest(storedId, "lobby", "stored before the close"));
        Ack original = earlierBob.await(Ack.class, a -> a.re().equals(storedId));
        String unsentId = "unsent-" + UUID.randomUUID();
        store.save(key("bob"), List.of(
                new PendingMessage(storedId, LOBBY, "stored before the close", T0),
                new PendingMessage(unsentId, LOBBY, "never reached the server", T0.plusSeconds(1))));
        TestClient alice = server.login("alice");

        Run next = new Run().logIn("bob");
        waitUntil("both are stored", () -> next.stored.size() == 2);
        waitUntil("the file goes", () -> !Files.exists(store.file(key("bob"))));

        assertEquals(List.of(storedId, unsentId), next.stored);
        // Only the ack tells the client about the retry: the server does not deliver it again.
        assertEquals(storedId, next.acks.getFirst().re());
        assertEquals(original.seq(), next.acks.getFirst().seq(), "the server acks the retry with the original seq");
        List<ChatMessage> lobby = lobbyHistory();
        assertEquals(1, count(lobby, storedId));
        assertEquals(1, count(lobby, unsentId));
        // The server delivers in order: had the retry been broadcast, alice would have it before the new one.
        alice.await(ChatMessage.class, m -> m.id().equals(unsentId));
        List<ServerMessage> before = alice.pending();
        assertTrue(before.stream().noneMatch(m -> m instanceof ChatMessage c && c.id().equals(storedId)), before.toString());
    }

    @Test
    void messagesSavedForAnotherServerOrAccountAreNeitherRestoredNorTouched() throws Exception {
        OutboxKey otherServer = new OutboxKey("127.0.0.1", server.port() == 65_535 ? 1 : server.port() + 1, "bob");
        store.save(otherServer, List.of(new PendingMessage("for-the-other-server", LOBBY, "for the other server", T0)));
        store.save(key("alice"), List.of(new PendingMessage("alices-own", LOBBY, "alice's own", T0)));

        Run bob = new Run().logIn("bob");
        String probe = bob.send(LOBBY, "bob's probe").id();
        waitUntil("bob's own message is stored", () -> bob.stored.contains(probe));

        assertEquals(List.of(), bob.restored);
        // A restored message would have been resent at the login, so before the probe.
        assertEquals(List.of("bob's probe"), lobbyHistory().stream().map(ChatMessage::text).toList());
        assertEquals(List.of("for-the-other-server"), idsOnDisk(otherServer));
        assertEquals(List.of("alices-own"), idsOnDisk(key("alice")));
    }

    @Test
    void aMessageTheServerRefusesForGoodLeavesTheFile() throws Exception {
        Run bob = new Run().logIn("bob");
        server.stop();
        waitUntil("bob notices the server is gone", () -> bob.state() == ConnectionState.RECONNECTING);
        String id = bob.send(ConversationKey.room("not-my-room"), "refused").id();
        waitUntil("it is on disk", () -> idsOnDisk(key("bob")).equals(List.of(id)));

        server.startAgain();
        onUi(ui, () -> {
            bob.service.reconnectNow();
            return null;
        });
        waitUntil("the server refuses it", () -> !bob.failed.isEmpty());
        waitUntil("it leaves the file", () -> !Files.exists(store.file(key("bob"))));
    }

    @Test
    void aLoggedOutMessageIsKeptForTheNextLoginInTheSameRun() throws Exception {
        Run bob = new Run().logIn("bob");
        server.stop();
        waitUntil("bob notices the server is gone", () -> bob.state() == ConnectionState.RECONNECTING);
        PendingMessage m = bob.send(LOBBY, "typed before logging out");
        waitUntil("it is on disk", () -> idsOnDisk(key("bob")).equals(List.of(m.id())));
        onUi(ui, () -> {
            bob.service.logOut();
            return null;
        });
        assertEquals(List.of("The session ended first; it is sent when you next log in to this server."), bob.failed);
        assertEquals(List.of(m.id()), idsOnDisk(key("bob")), "logging out leaves the file alone");

        server.startAgain();
        bob.logIn("bob");
        waitUntil("it is stored", () -> bob.stored.contains(m.id()));
        assertEquals(List.of(m), bob.restored);
        assertEquals(1, count(lobbyHistory(), m.id()));
    }

    @Test
    void aSlowDiskHoldsBackOnlyTheRestoredMessagesAndNewOnesUntilItHasBeenRead() throws Exception {
        CompletableFuture<List<PendingMessage>> reading = new CompletableFuture<>();
        List<List<PendingMessage>> saves = new CopyOnWriteArrayList<>();
        Run bob = new Run(new OutboxPersistence() {
            @Override
            public CompletableFuture<List<PendingMessage>> load(OutboxKey key) {
                assertEquals(key("bob"), key);
                return reading;
            }

            @Override
            public void save(OutboxKey key, List<PendingMessage> waiting) {
                saves.add(List.copyOf(waiting));
            }
        }).logIn("bob");
        assertEquals(ConnectionState.CONNECTED, bob.state(), "the login does not wait for the disk");
        ExecutionException early = assertThrows(ExecutionException.class, () -> bob.send(LOBBY, "too early"));
        assertTrue(RequestFailedException.sentenceOf(early).contains("still being loaded"), early.toString());

        List<PendingMessage> earlier = List.of(new PendingMessage("late-1", LOBBY, "first from disk", T0),
                new PendingMessage("late-2", LOBBY, "second from disk", T0.plusSeconds(1)));
        reading.complete(earlier);
        waitUntil("both are stored", () -> bob.stored.size() == 2);
        assertEquals(List.of("late-1", "late-2"), bob.stored);
        assertEquals(earlier, bob.restored);
        waitUntil("the last save is an empty outbox", () -> !saves.isEmpty() && saves.getLast().isEmpty());
        String later = bob.send(LOBBY, "now it works").id();
        waitUntil("a new message goes through", () -> bob.stored.contains(later));
        assertEquals(List.of("first from disk", "second from disk", "now it works"),
                lobbyHistory().stream().map(ChatMessage::text).toList());
    }

    @Test
    void aFullOutboxRefusesTheNextMessageWithASentenceAndKeepsWhatItHas() throws Exception {
        Run bob = new Run().logIn("bob");
        server.stop();
        waitUntil("bob notices the server is gone", () -> bob.state() == ConnectionState.RECONNECTING);
        for (int i = 0; i < MessageOutbox.CAPACITY; i++) bob.send(LOBBY, "message " + i);
        ExecutionException refused = assertThrows(ExecutionException.class, () -> bob.send(LOBBY, "one too many"));
        assertTrue(RequestFailedException.sentenceOf(refused).startsWith(MessageOutbox.CAPACITY + " messages are already waiting"),
                refused.toString());
        waitUntil("the full outbox is on disk", () -> idsOnDisk(key("bob")).size() == MessageOutbox.CAPACITY);
        server.startAgain();
    }

    @Test
    void aDamagedFileDoesNotStopTheLogin() throws Exception {
        Files.createDirectories(store.directory());
        Files.writeString(store.file(key("bob")), "{\"format\": 1, \"messages\": [");
        try (LogCapture log = LogCapture.of(OutboxStore.class)) {
            Run bob = new Run().logIn("bob");
            waitUntil("the file has been read", () -> !log.warnings().isEmpty());
            assertEquals(ConnectionState.CONNECTED, bob.state());
            assertEquals(List.of(), bob.outbox());
            assertEquals(1, log.warnings().size(), () -> log.warnings().toString());
            String probe = bob.send(LOBBY, "still works").id();
            waitUntil("a new message goes through", () -> bob.stored.contains(probe));
        }
        assertTrue(Files.exists(store.directory().resolve(key("bob").fileName() + ".damaged")));
    }
}
