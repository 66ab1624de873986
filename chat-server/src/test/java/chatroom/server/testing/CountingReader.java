package chatroom.server.testing;

import chatroom.common.codec.FrameReader;
import chatroom.common.codec.ProtocolCodec;
import chatroom.common.protocol.Ack;
import chatroom.common.protocol.ChatMessage;
import chatroom.common.protocol.ClientMessage;
import chatroom.common.protocol.Hello;
import chatroom.common.protocol.LoginRequest;
import chatroom.common.protocol.PresenceEvent;
import chatroom.common.protocol.ServerMessage;
import chatroom.common.protocol.Welcome;
import chatroom.common.testing.TrustAnyTls;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A logged-in client for load tests that counts what it receives and forgets it, so thousands of
 * messages cost the test no memory (unlike {@code TestClient}, which keeps what no one awaited).
 * It tracks room messages, acks, seq gaps per room and each user's latest presence.
 */
public final class CountingReader implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Socket socket;
    private final OutputStream out;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final Map<String, Long> lastSeq = new HashMap<>();
    private final Map<String, String> presence = new HashMap<>();
    private long messages;
    private long acks;
    private long gaps;
    private boolean welcomed;
    private boolean closed;
    private String failure;

    private CountingReader(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        Thread.ofVirtual().name("counting-reader").start(this::readLoop);
    }

    /** Connects to {@code server} and logs {@code user} in (password as {@link TestServer#passwordOf}). */
    public static CountingReader login(TestServer server, String user) throws IOException {
        CountingReader r = new CountingReader(TrustAnyTls.connect("127.0.0.1", server.port()));
        r.send(new LoginRequest("login", user, TestServer.passwordOf(user)));
        r.await(() -> r.welcomed, "the welcome");
        return r;
    }

    /** Sends a frame. Its own lock: a send blocked by TCP must not stop the reader from counting. */
    public void send(ClientMessage message) throws IOException {
        synchronized (out) {
            out.write(codec.frame(message));
        }
    }

    /** Waits until {@code n} room messages have arrived. */
    public void awaitMessages(long n) {
        await(() -> messages >= n, n + " messages");
    }

    /** Waits until {@code n} acks have arrived. */
    public void awaitAcks(long n) {
        await(() -> acks >= n, n + " acks");
    }

    /** Waits until {@code user}'s latest presence is {@code status} (wire name). */
    public void awaitPresence(String user, String status) {
        await(() -> status.equals(presence.get(user)), user + " " + status);
    }

    /** Messages whose seq was not one more than the last in their room. */
    public synchronized long gaps() {
        return gaps;
    }

    private synchronized void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (failure != null || closed) {
                throw new AssertionError("waiting for " + what + ": the connection ended"
                        + (failure == null ? "" : " (" + failure + ")") + "; " + messages + " messages, " + acks + " acks");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new AssertionError("timed out waiting for " + what + "; " + messages + " messages, " + acks + " acks");
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    private void readLoop() {
        try {
            FrameReader reader = new FrameReader(socket.getInputStream(), 1 << 20);
            String frame;
            while ((frame = reader.readFrame()) != null) {
                ServerMessage m = codec.decodeServer(frame);
                synchronized (this) {
                    count(m);
                    notifyAll();
                }
            }
        } catch (Exception e) {
            synchronized (this) {
                if (!closed) failure = e.toString();
            }
        } finally {
            synchronized (this) {
                closed = true;
                notifyAll();
            }
        }
    }

    private void count(ServerMessage m) {
        switch (m) {
            case Welcome w -> {
                w.rooms().forEach(r -> lastSeq.put(r.room(), r.lastSeq()));
                welcomed = true;
            }
            case ChatMessage c when c.room() != null -> {
                messages++;
                Long last = lastSeq.put(c.room(), c.seq());
                if (last != null && c.seq() != last + 1) gaps++;
            }
            case Ack a -> acks++;
            case PresenceEvent p -> presence.put(p.user(), p.status().wireName());
            case Hello h -> { }
            default -> { }
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (this) {
            closed = true;
        }
        socket.close();
    }
}
