package chatroom.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.server.ChatServer;
import chatroom.server.auth.PasswordHasher;
import chatroom.server.config.ServerConfig;
import chatroom.server.config.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generator against a real Chatroom server counts every delivery, and against a relay that
 * loses or garbles lines it says so: a benchmark that cannot see a loss would be worthless.
 */
class LoadRunTest {
    @TempDir
    Path data;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyMessageReachesEveryOtherMemberOfARealServer(boolean tls) throws Exception {
        ServerConfig config = ServerConfig.defaults(data).withAddress("127.0.0.1", 0)
                .withLimits(65_536, 1 << 20, 10, 0) // flood control off, as in a benchmark
                .withTls(tls ? TlsConfig.selfSigned() : TlsConfig.off());
        try (ChatServer server = ChatServer.start(config, Clock.systemUTC(), new PasswordHasher(1_000))) {
            LoadRun.Spec spec = new LoadRun.Spec(Wire.named(tls ? "chat-tls" : "chat"),
                    new InetSocketAddress("127.0.0.1", server.port()), 6, 1, 2, 100, 16, "t", 4);
            try (LoadRun run = LoadRun.connect(spec)) {
                StepResult r = run.step("fanout", "chatroom", 200, Duration.ofMillis(200), Duration.ofSeconds(1),
                        Duration.ofSeconds(10), ProcessHandle.current().pid(), null);
                assertTrue(r.scheduled() >= 190, r.json());
                assertEquals(r.scheduled() * 5, r.expected(), "each message goes to the 5 other members");
                assertTrue(r.complete(), r.json());
                assertTrue(r.p99Ms() > 0, r.json());
            }
        }
    }

    @Test
    void rooms_spreadMembersAndCountOnlyTheirOwnRoom() throws Exception {
        ServerConfig config = ServerConfig.defaults(data).withAddress("127.0.0.1", 0).withLimits(65_536, 1 << 20, 10, 0)
                .withTls(TlsConfig.off());
        try (ChatServer server = ChatServer.start(config, Clock.systemUTC(), new PasswordHasher(1_000))) {
            LoadRun.Spec spec = new LoadRun.Spec(Wire.named("chat"), new InetSocketAddress("127.0.0.1", server.port()),
                    9, 3, 1, 100, 16, "r", 4);
            try (LoadRun run = LoadRun.connect(spec)) {
                StepResult r = run.step("rooms", "chatroom", 150, Duration.ofMillis(200), Duration.ofSeconds(1),
                        Duration.ofSeconds(10), -1, null);
                assertEquals(r.scheduled() * 2, r.expected(), "three members a room: two listeners per message");
                assertTrue(r.complete(), r.json());
            }
        }
    }

    @Test
    void lostAndGarbledLinesAreCounted() throws Exception {
        try (LossyRelay relay = new LossyRelay()) {
            LoadRun.Spec spec = new LoadRun.Spec(Wire.named("seed"), new InetSocketAddress("127.0.0.1", relay.port()),
                    4, 1, 1, 100, 16, "s", 4);
            try (LoadRun run = LoadRun.connect(spec)) {
                StepResult r = run.step("fanout", "lossy", 200, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2),
                        -1, null);
                assertFalse(r.complete(), r.json());
                assertTrue(r.delivered() < r.expected(), r.json());
                assertTrue(r.corrupted() > 0, r.json());
            }
        }
    }

    /**
     * The seed protocol with faults: it relays each line to every client, but drops every tenth
     * line it relays and cuts every 25th in half.
     */
    private static final class LossyRelay implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        private final List<OutputStream> clients = new CopyOnWriteArrayList<>();
        private final AtomicLong relayed = new AtomicLong();
        private final java.util.concurrent.locks.ReentrantLock relayLock = new java.util.concurrent.locks.ReentrantLock();

        LossyRelay() throws IOException {
            Thread.ofVirtual().start(this::accept);
        }

        int port() {
            return listener.getLocalPort();
        }

        private void accept() {
            try {
                while (true) {
                    Socket s = listener.accept();
                    OutputStream out = s.getOutputStream();
                    out.write("NICK\n".getBytes());
                    Thread.ofVirtual().start(() -> serve(s, out));
                }
            } catch (IOException e) {
                // Closed by the test.
            }
        }

        private void serve(Socket s, OutputStream out) {
            try (s) {
                InputStream in = s.getInputStream();
                StringBuilder line = new StringBuilder();
                boolean named = false;
                for (int c; (c = in.read()) >= 0; ) {
                    if (c != '\n') {
                        line.append((char) c);
                        continue;
                    }
                    if (!named) {
                        named = true;
                        clients.add(out);
                    } else {
                        relay(line.toString());
                    }
                    line.setLength(0);
                }
            } catch (IOException e) {
                // The client went away.
            }
        }

        private void relay(String line) throws IOException {
            relayLock.lock(); // one line at a time, so the only garbling is the deliberate one
            try {
                long n = relayed.incrementAndGet();
                if (n % 10 == 0) return;
                String sent = n % 25 == 0 ? line.substring(0, line.length() / 2) : line;
                for (OutputStream o : clients) o.write((sent + "\n").getBytes());
            } finally {
                relayLock.unlock();
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
