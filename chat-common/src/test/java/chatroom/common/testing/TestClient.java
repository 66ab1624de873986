package chatroom.common.testing;

import chatroom.common.codec.FrameReader;
import chatroom.common.codec.ProtocolCodec;
import chatroom.common.codec.ProtocolException;
import chatroom.common.protocol.ClientMessage;
import chatroom.common.protocol.ErrorReply;
import chatroom.common.protocol.ServerMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A small protocol client for tests: a reader thread decodes every server frame into a queue;
 * the test sends requests and waits, with a deadline, for the frames it expects. Frames that do
 * not match are kept, so later expectations still see them in order.
 */
public final class TestClient implements AutoCloseable {
    /** How long an expectation waits before the test fails. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Object EOF = new Object();

    private final Socket socket;
    private final OutputStream out;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final LinkedBlockingQueue<Object> incoming = new LinkedBlockingQueue<>();
    private final List<ServerMessage> unmatched = new ArrayList<>();
    private boolean closedByServer;
    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong();

    /** Connects to {@code host:port} over plain TCP. */
    public TestClient(String host, int port) throws IOException {
        this(new Socket(host, port));
    }

    /** Speaks the protocol over {@code socket} (plain, or TLS with the handshake done). */
    public TestClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        Thread.ofVirtual().name("test-client-reader").start(this::readLoop);
    }

    /** Connects to the loopback address over plain TCP. */
    public static TestClient connect(int port) throws IOException {
        return new TestClient("127.0.0.1", port);
    }

    /**
     * Connects to the loopback address over TLS, accepting any certificate: these tests are about
     * the protocol; the pinning tests check certificates.
     */
    public static TestClient connectTls(int port) throws IOException {
        return new TestClient(TrustAnyTls.connect("127.0.0.1", port));
    }

    /** The underlying socket, e.g. to inspect the TLS session. */
    public Socket socket() {
        return socket;
    }

    private void readLoop() {
        try {
            FrameReader reader = new FrameReader(socket.getInputStream(), 16 * 1024 * 1024);
            String frame;
            while ((frame = reader.readFrame()) != null) {
                try {
                    incoming.add(codec.decodeServer(frame));
                } catch (ProtocolException e) {
                    incoming.add(new AssertionError("The server sent an undecodable frame: " + frame + " (" + e.getMessage() + ")"));
                }
            }
        } catch (IOException | ProtocolException e) {
            // The connection ended; EOF below tells the waiting test.
        }
        incoming.add(EOF);
    }

    /**
     * A fresh request id, unique in the test JVM: a new connection must not reuse a say id of an
     * earlier one, or the server rightly takes it for a retry.
     */
    public String nextId() {
        return "t" + IDS.incrementAndGet();
    }

    /** Sends a request. */
    public void send(ClientMessage message) throws IOException {
        sendRaw(codec.frame(message));
    }

    /** Sends raw bytes, for malformed input. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a raw line (a newline is added). */
    public void sendLine(String line) throws IOException {
        sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Waits for the next frame of {@code type} matching {@code test}, skipping (and keeping) others. */
    public <T extends ServerMessage> T await(Class<T> type, Predicate<? super T> test) {
        for (int i = 0; i < unmatched.size(); i++) {
            ServerMessage m = unmatched.get(i);
            if (type.isInstance(m) && test.test(type.cast(m))) {
                unmatched.remove(i);
                return type.cast(m);
            }
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Object next = poll(deadline, "a " + type.getSimpleName());
            if (next instanceof ServerMessage m && type.isInstance(m) && test.test(type.cast(m))) return type.cast(m);
            if (next instanceof ServerMessage m) unmatched.add(m);
        }
    }

    /** Waits for the next frame of {@code type}. */
    public <T extends ServerMessage> T await(Class<T> type) {
        return await(type, m -> true);
    }

    /** Sends a request with a fresh id and waits for the reply of {@code type} to it. */
    public <T extends ServerMessage> T request(java.util.function.Function<String, ClientMessage> request, Class<T> replyType)
            throws IOException {
        String id = nextId();
        send(request.apply(id));
        ServerMessage reply = awaitReply(id);
        if (!replyType.isInstance(reply)) {
            throw new AssertionError("Expected " + replyType.getSimpleName() + " but got " + reply);
        }
        return replyType.cast(reply);
    }

    /** Sends a request with a fresh id and waits for the error reply to it. */
    public ErrorReply requestError(java.util.function.Function<String, ClientMessage> request) throws IOException {
        return request(request, ErrorReply.class);
    }

    /** Waits for whatever frame replies to {@code id} (carries {@code re} = id). */
    public ServerMessage awaitReply(String id) {
        return await(ServerMessage.class, m -> id.equals(Replies.re(m)));
    }

    /** Waits until the server closes the connection; returns the frames that came before it. */
    public List<ServerMessage> awaitClose() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<ServerMessage> seen = new ArrayList<>(unmatched);
        unmatched.clear();
        if (closedByServer) return seen;
        while (true) {
            Object next = poll(deadline, "the connection to close");
            if (next == EOF) {
                closedByServer = true;
                return seen;
            }
            seen.add((ServerMessage) next);
        }
    }

    /** Frames received so far that no expectation consumed (drains what has arrived). */
    public List<ServerMessage> pending() {
        Object next;
        while ((next = incoming.poll()) != null) {
            if (next == EOF) {
                closedByServer = true;
                incoming.add(EOF);
                break;
            }
            if (next instanceof ServerMessage m) unmatched.add(m);
        }
        return List.copyOf(unmatched);
    }

    private Object poll(long deadline, String what) {
        try {
            long left = deadline - System.nanoTime();
            Object next = left <= 0 ? null : incoming.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("Timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what
                        + "; received meanwhile: " + unmatched);
            }
            if (next instanceof AssertionError e) throw e;
            if (next == EOF && !what.equals("the connection to close")) {
                incoming.add(EOF);
                throw new AssertionError("The server closed the connection while waiting for " + what
                        + "; received before: " + unmatched);
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
