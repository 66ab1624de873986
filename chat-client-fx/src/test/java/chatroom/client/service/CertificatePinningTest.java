package chatroom.client.service;

import static chatroom.client.service.UiThreadStandIn.WAIT;
import static chatroom.client.service.UiThreadStandIn.onUi;
import static chatroom.client.service.UiThreadStandIn.onUiQuietly;
import static chatroom.client.service.UiThreadStandIn.waitUntil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.client.model.ConnectionState;
import chatroom.common.codec.ProtocolCodec;
import chatroom.common.model.Role;
import chatroom.common.protocol.Hello;
import chatroom.common.protocol.Welcome;
import chatroom.common.tls.Fingerprint;
import chatroom.server.config.TlsConfig;
import chatroom.server.testing.TestServer;
import chatroom.server.tls.SelfSignedCertificate;
import chatroom.server.tls.ServerTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trust on first use against real servers: the first contact stops for the user's decision, a
 * pinned server logs in, and a different certificate on the same host and port is refused before
 * a single byte of the login leaves the client. A recording impostor proves that last part.
 */
class CertificatePinningTest {
    private static final String PASSWORD = TestServer.passwordOf("bob");

    @TempDir
    Path data;
    private TestServer server;
    private Impostor impostor;
    private final Map<String, Fingerprint> pins = new ConcurrentHashMap<>();
    private final ExecutorService ui = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> ended = new CopyOnWriteArrayList<>();
    private NetworkChatService service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            onUi(ui, () -> {
                if (service.state() != ConnectionState.DISCONNECTED) service.logOut();
                return null;
            });
        }
        if (impostor != null) impostor.close();
        if (server != null) server.close();
        ui.shutdownNow();
        timer.shutdownNow();
    }

    private void startServer(java.util.function.UnaryOperator<chatroom.server.config.ServerConfig> tweak) throws Exception {
        server = TestServer.start(data, tweak);
        server.createAccount("bob", Role.USER);
    }

    private NetworkChatService newService() throws Exception {
        service = onUi(ui, () -> {
            NetworkChatService s = new NetworkChatService(ui, NetworkChatService.tcp(),
                    address -> Optional.ofNullable(pins.get(address.toString())), timer,
                    new Backoff(Duration.ofHours(1), Duration.ofHours(1), () -> 0), Clock.systemUTC());
            s.addListener(new ChatEvents() {
                @Override
                public void sessionEnded(String sentence) {
                    ended.add(sentence);
                }
            });
            return s;
        });
        return service;
    }

    private CompletableFuture<Welcome> logIn(ServerAddress address) throws Exception {
        return onUi(ui, () -> service.logIn(address, "bob", PASSWORD, false));
    }

    private static Throwable failureOf(CompletableFuture<Welcome> login) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> login.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        return e.getCause();
    }

    @Test
    void theFirstContactStopsForTheUserAndAPinnedServerLogsIn() throws Exception {
        startServer(c -> c);
        newService();
        ServerAddress address = new ServerAddress("127.0.0.1", server.port());
        UntrustedServerException first = assertInstanceOf(UntrustedServerException.class, failureOf(logIn(address)));
        assertTrue(first.firstUse());
        assertEquals(server.fingerprint(), first.presented());
        assertEquals(ConnectionState.DISCONNECTED, onUi(ui, service::state));

        pins.put(address.toString(), first.presented()); // what accepting does
        Welcome welcome = logIn(address).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals("bob", welcome.user());
    }

    @Test
    void anotherCertificateOnThePinnedHostAndPortIsRefusedAndThePasswordNeverLeavesTheClient() throws Exception {
        startServer(c -> c);
        newService();
        ServerAddress address = new ServerAddress("127.0.0.1", server.port());
        pins.put(address.toString(), server.fingerprint());
        int port = server.port();
        server.stop();
        impostor = Impostor.listenOn(port);

        UntrustedServerException refused = assertInstanceOf(UntrustedServerException.class, failureOf(logIn(address)));
        assertFalse(refused.firstUse());
        assertEquals(server.fingerprint(), refused.pinned());
        assertEquals(impostor.fingerprint(), refused.presented());
        assertNotEquals(refused.pinned(), refused.presented());
        assertTrue(refused.getMessage().contains(refused.pinned().toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains(refused.presented().toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("your password was not sent"), refused.getMessage());
        assertTrue(refused.getMessage().length() < 400, "short enough for the login form: " + refused.getMessage());

        impostor.awaitClientGone();
        assertEquals(1, impostor.handshakes(), "the client did reach the impostor");
        assertEquals("", impostor.received(), "not one byte of application data, so no password");
        assertEquals(server.fingerprint(), pins.get(address.toString()), "the pin is untouched");
    }

    @Test
    void aCertificateThatChangesWhileReconnectingEndsTheSessionWithoutSendingThePassword() throws Exception {
        startServer(c -> c);
        newService();
        ServerAddress address = new ServerAddress("127.0.0.1", server.port());
        pins.put(address.toString(), server.fingerprint());
        logIn(address).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        int port = server.port();
        server.stop();
        waitUntil("bob notices the drop", () -> onUiQuietly(ui, service::state) == ConnectionState.RECONNECTING);
        impostor = Impostor.listenOn(port);
        onUi(ui, () -> {
            service.reconnectNow();
            return null;
        });
        waitUntil("the session ends", () -> !ended.isEmpty());
        assertTrue(ended.getFirst().startsWith("Stopped: the server at " + address), ended.getFirst());
        assertEquals(ConnectionState.DISCONNECTED, onUi(ui, service::state));
        impostor.awaitClientGone();
        assertEquals("", impostor.received());
    }

    @Test
    void aPlainConnectionToAServerWithoutTlsNeedsNoPin() throws Exception {
        startServer(c -> c.withTls(TlsConfig.off()));
        newService();
        Welcome welcome = logIn(new ServerAddress("127.0.0.1", server.port(), false)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals("bob", welcome.user());
        assertTrue(pins.isEmpty());
    }

    @Test
    void tlsToAPlainServerSaysToTickPlainConnection() throws Exception {
        startServer(c -> c.withTls(TlsConfig.off()));
        newService();
        Throwable failure = failureOf(logIn(new ServerAddress("127.0.0.1", server.port())));
        assertNull(failure instanceof UntrustedServerException u ? u : null);
        String sentence = RequestFailedException.sentenceOf(failure);
        assertTrue(sentence.contains("does not use encryption") && sentence.contains("Plain connection"), sentence);
    }

    @Test
    void plainToATlsServerSaysToUntickPlainConnection() throws Exception {
        startServer(c -> c.withTimeouts(Duration.ofMillis(300), c.pingInterval()));
        newService();
        String sentence = RequestFailedException.sentenceOf(failureOf(logIn(new ServerAddress("127.0.0.1", server.port(), false))));
        assertTrue(sentence.contains("untick \"Plain connection\""), sentence);
    }

    @Test
    void aChangedPasswordIsTheOneUsedToLogInAgainAfterADrop() throws Exception {
        startServer(c -> c);
        newService();
        ServerAddress address = new ServerAddress("127.0.0.1", server.port());
        pins.put(address.toString(), server.fingerprint());
        logIn(address).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        onUi(ui, () -> service.changePassword(PASSWORD, "a brand new password")).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        RequestFailedException wrong = assertInstanceOf(RequestFailedException.class, failureOfVoid(
                onUi(ui, () -> service.changePassword("not the password", "another new password"))));
        assertEquals(chatroom.common.protocol.ErrorCode.BAD_CREDENTIALS, wrong.error().code());

        server.stop();
        waitUntil("bob notices the drop", () -> onUiQuietly(ui, service::state) == ConnectionState.RECONNECTING);
        server.startAgain();
        onUi(ui, () -> {
            service.reconnectNow();
            return null;
        });
        waitUntil("bob is back", () -> onUiQuietly(ui, service::state) == ConnectionState.CONNECTED);
        assertTrue(ended.isEmpty(), ended.toString());
    }

    private static Throwable failureOfVoid(CompletableFuture<Void> f) {
        return assertThrows(ExecutionException.class, () -> f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).getCause();
    }

    /**
     * A server with its own certificate on the real server's port, as a reinstalled server or a
     * man in the middle would be. It greets like a Chatroom server, to tempt the client into
     * logging in, and records every decrypted byte the client sends.
     */
    static final class Impostor implements AutoCloseable {
        private final ServerSocket listener;
        private final ServerTls tls;
        private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final CountDownLatch clientGone = new CountDownLatch(1);
        private volatile int handshakes;

        private Impostor(ServerSocket listener) {
            this.listener = listener;
            this.tls = ServerTls.create(SelfSignedCertificate.generate("impostor", Instant.now()));
            Thread.ofVirtual().start(this::serve);
        }

        static Impostor listenOn(int port) throws IOException {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return new Impostor(socket);
        }

        Fingerprint fingerprint() {
            return tls.fingerprint();
        }

        int handshakes() {
            return handshakes;
        }

        String received() {
            synchronized (received) {
                return received.toString(StandardCharsets.UTF_8);
            }
        }

        void awaitClientGone() throws InterruptedException {
            assertTrue(clientGone.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the client hung up on the impostor");
        }

        private void serve() {
            try (Socket raw = listener.accept()) {
                Socket socket = tls.handshake(raw, Duration.ofSeconds(10), timers);
                handshakes++;
                socket.getOutputStream().write(new ProtocolCodec().frame(new Hello(1, "chatroom-server", "Welcome!")));
                socket.getOutputStream().flush();
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[4096];
                for (int n; (n = in.read(buffer)) != -1; ) {
                    synchronized (received) {
                        received.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // The client closed the connection under TLS: that is the end we wait for.
            } finally {
                clientGone.countDown();
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            timers.shutdownNow();
        }
    }
}
