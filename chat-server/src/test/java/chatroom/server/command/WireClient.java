package chatroom.server.command;

import chatroom.common.codec.FrameReader;
import chatroom.common.codec.ProtocolCodec;
import chatroom.common.codec.ProtocolException;
import chatroom.common.protocol.ClientMessage;
import chatroom.common.protocol.Hello;
import chatroom.common.protocol.RegisterRequest;
import chatroom.common.protocol.ServerMessage;
import chatroom.common.protocol.Welcome;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A bare protocol client for the fuzz tests. Unlike TestClient it keeps nothing it was not asked
 * for: a fuzzing run sends hundreds of thousands of requests over one connection, and every frame
 * kept would be memory that grows and a list that each wait scans.
 */
final class WireClient implements AutoCloseable {
    private static final Object EOF = new Object();

    private final Socket socket;
    private final OutputStream out;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final LinkedBlockingQueue<Object> incoming = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    private WireClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        Thread.ofVirtual().name("wire-client-reader").start(this::readLoop);
    }

    /** Connects and registers {@code user}, which logs it in; returns once {@code welcome} has arrived. */
    static WireClient register(int port, String user, String password, Duration timeout) throws IOException {
        WireClient c = new WireClient(port);
        c.until(Hello.class::isInstance, timeout).orThrow("hello");
        c.send(new RegisterRequest("register", user, password));
        c.until(Welcome.class::isInstance, timeout).orThrow("welcome for " + user);
        return c;
    }

    private void readLoop() {
        try {
            FrameReader reader = new FrameReader(socket.getInputStream(), 64 * 1024 * 1024);
            String frame;
            while ((frame = reader.readFrame()) != null) {
                try {
                    incoming.add(codec.decodeServer(frame));
                } catch (ProtocolException e) {
                    incoming.add(new Undecodable(frame, e.getMessage()));
                }
            }
        } catch (IOException | ProtocolException e) {
            // The connection ended; EOF tells whoever waits.
        }
        incoming.add(EOF);
    }

    /** A frame the server sent that the protocol's own decoder refuses. */
    record Undecodable(String frame, String problem) {
    }

    /** What arrived up to the awaited frame, or up to the end of the connection or the deadline. */
    record Received(List<Object> frames, boolean matched, boolean closed) {
        Received orThrow(String what) {
            if (!matched) {
                throw new AssertionError((closed ? "The connection closed" : "Timed out") + " waiting for " + what
                        + "; received " + frames);
            }
            return this;
        }
    }

    void send(ClientMessage message) throws IOException {
        send(codec.frame(message));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Collects frames until one matches {@code last} (included), the connection ends, or the timeout. */
    Received until(Predicate<? super ServerMessage> last, Duration timeout) {
        List<Object> frames = new ArrayList<>();
        if (closed) return new Received(frames, false, true);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Object next = incoming.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) return new Received(frames, false, false);
                if (next == EOF) {
                    closed = true;
                    return new Received(frames, false, true);
                }
                frames.add(next);
                if (next instanceof ServerMessage m && last.test(m)) return new Received(frames, true, false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Received(frames, false, false);
        }
    }

    /** True once the server closed the connection (as far as reads have seen). */
    boolean closed() {
        return closed;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
