package chatroom.server.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ErrorReply;
import chatroom.common.protocol.Hello;
import chatroom.common.protocol.LoginRequest;
import chatroom.common.protocol.PingRequest;
import chatroom.common.protocol.Pong;
import chatroom.common.protocol.ServerMessage;
import chatroom.common.protocol.Welcome;
import chatroom.common.testing.TestClient;
import chatroom.common.testing.TrustAnyTls;
import chatroom.server.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections that never log in cannot crowd out people who do: the login deadline closes them,
 * and caps bound how many there may be at once, server-wide and per address.
 */
class ConnectionCapsTest {
    private static final int SLOWLORIS = 200;

    @TempDir
    Path data;
    TestServer server;
    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) c.close();
        if (server != null) server.close();
    }

    @Test
    void twoHundredConnectionsThatNeverLogInAreClosedByTheDeadlineWhileARealUserLogsInAtOnce() throws Exception {
        // Every test connection comes from 127.0.0.1, so the per-address cap is raised; the
        // server-wide cap on guests keeps its default (256), which 200 idlers and one user fit.
        server = TestServer.start(data, c -> c.withTimeouts(Duration.ofSeconds(4), c.pingInterval())
                .withConnectionCaps(c.maxUnauthenticated(), 1_000));
        server.register("alice").close();
        // Half complete the TLS handshake and then say nothing; half never even start it, and
        // some of those trickle a byte now and then, as a slowloris attack does.
        List<TestClient> silent = new ArrayList<>();
        List<Socket> raw = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<TestClient>> handshakes = new ArrayList<>();
            for (int i = 0; i < SLOWLORIS / 2; i++) {
                handshakes.add(pool.submit(() -> new TestClient(TrustAnyTls.connect("127.0.0.1", server.port()))));
            }
            for (int i = 0; i < SLOWLORIS / 2; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                if (i % 2 == 0) s.getOutputStream().write(0x16); // the first byte of a TLS record, and no more
                raw.add(s);
            }
            for (Future<TestClient> f : handshakes) silent.add(f.get());
        }
        open.addAll(silent);
        open.addAll(raw);
        for (TestClient c : silent) c.await(Hello.class);

        long started = System.nanoTime();
        TestClient alice = server.login("alice");
        Duration login = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(login.compareTo(Duration.ofSeconds(1)) < 0, "alice logged in in " + login.toMillis() + " ms");
        System.out.printf("slowloris: idle=%d login=%d ms%n", SLOWLORIS, login.toMillis());

        for (TestClient c : silent) {
            ErrorReply timeout = assertInstanceOf(ErrorReply.class, c.awaitClose().getLast());
            assertEquals(ErrorCode.AUTH_TIMEOUT, timeout.code());
        }
        for (Socket s : raw) assertClosedByServer(s);
        alice.request(PingRequest::new, Pong.class); // still served
    }

    @Test
    void pastTheCapOnGuestsANewConnectionIsToldToTryAgainAndAdmittedOnceAGuestLogsIn() throws Exception {
        server = TestServer.start(data, c -> c.withConnectionCaps(3, 100));
        server.register("alice").close();
        List<TestClient> guests = new ArrayList<>();
        for (int i = 0; i < 3; i++) guests.add(opened(server.connect()));

        ErrorReply refused = refusal(server.connect());
        assertTrue(refused.message().contains("have not logged in yet"), refused.message());
        assertNotNull(refused.retryAfterMs());

        guests.getFirst().request(id -> new LoginRequest(id, "alice", TestServer.passwordOf("alice")), Welcome.class);
        TestClient admitted = eventually(() -> server.connect());
        admitted.request(PingRequest::new, Pong.class);
    }

    @Test
    void pastTheCapPerAddressThatAddressIsRefusedWithTheSettingNamedAndOthersAreNot() throws Exception {
        server = TestServer.start(data, c -> c.withConnectionCaps(100, 2));
        TestClient alice = server.register("alice"); // logged in: still counts for its address
        TestClient guest = opened(server.connect());

        ErrorReply refused = refusal(server.connect());
        assertEquals(ErrorCode.RATE_LIMITED, refused.code());
        assertTrue(refused.message().contains("2 connections from one address"), refused.message());
        assertTrue(refused.message().contains("max_connections_per_ip"), refused.message());

        TestClient elsewhere = opened(new TestClient(
                TrustAnyTls.connectFrom(InetAddress.getByName("127.0.0.2"), "127.0.0.1", server.port())));
        elsewhere.await(Hello.class);
        elsewhere.request(PingRequest::new, Pong.class);

        guest.close();
        eventually(() -> server.connect()).request(PingRequest::new, Pong.class);
        alice.request(PingRequest::new, Pong.class);
    }

    @Test
    void aRefusedClientThatAlreadySentItsLoginStillReadsWhy() throws Exception {
        server = TestServer.start(data, c -> c.withConnectionCaps(100, 1));
        server.register("alice");
        TestClient second = opened(new TestClient(TrustAnyTls.connect("127.0.0.1", server.port())));
        // Sent before reading anything: the server must not reset the connection under its answer.
        second.send(new LoginRequest("l", "alice", TestServer.passwordOf("alice")));
        List<ServerMessage> frames = second.awaitClose();
        assertInstanceOf(Hello.class, frames.getFirst());
        assertEquals(ErrorCode.RATE_LIMITED, assertInstanceOf(ErrorReply.class, frames.getLast()).code());
    }

    private TestClient opened(TestClient c) {
        open.add(c);
        return c;
    }

    /** The rest of a refusal after hello: rate_limited without re, then the end of the stream. */
    private static ErrorReply refusal(TestClient c) {
        List<ServerMessage> frames = c.awaitClose();
        assertEquals(1, frames.size(), frames.toString());
        ErrorReply error = assertInstanceOf(ErrorReply.class, frames.getLast());
        assertEquals(ErrorCode.RATE_LIMITED, error.code());
        assertEquals(null, error.re());
        return error;
    }

    /**
     * Connects until the server admits the connection: places are given back when a connection's
     * thread ends, a moment after the client sees it close.
     */
    private TestClient eventually(Callable<TestClient> connect) throws Exception {
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        while (true) {
            TestClient c = opened(connect.call());
            c.send(new PingRequest("p"));
            ServerMessage reply = c.await(ServerMessage.class, m -> m instanceof Pong || m instanceof ErrorReply);
            if (reply instanceof Pong) return c;
            assertTrue(System.nanoTime() < deadline, "the connection was still refused: " + reply);
        }
    }

    private static void assertClosedByServer(Socket s) throws IOException {
        s.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
        InputStream in = s.getInputStream();
        try {
            while (in.read() >= 0) {
                // a TLS alert may come before the end; what matters is that the end comes
            }
        } catch (java.net.SocketException reset) {
            // closed with unread input: a reset is a close too
        }
    }
}
