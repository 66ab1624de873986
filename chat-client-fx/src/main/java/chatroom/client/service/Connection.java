package chatroom.client.service;

import chatroom.common.codec.FrameReader;
import chatroom.common.codec.FrameTooLargeException;
import chatroom.common.codec.ProtocolCodec;
import chatroom.common.codec.ProtocolException;
import chatroom.common.protocol.ClientMessage;
import chatroom.common.protocol.ServerMessage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import chatroom.common.tls.Fingerprint;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection to the server. A virtual reader thread decodes frames and passes them to the
 * {@link Listener}; a virtual writer thread is the only one that writes the socket, so
 * {@link #send} never blocks its caller (the FX thread, usually). The listener is called on the
 * reader thread: it must hand the work on, not do it there.
 */
public final class Connection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    /** A client sends little; a queue this deep means the server stopped reading. */
    private static final int MAX_QUEUED_FRAMES = 10_000;
    private static final byte[] CLOSE = new byte[0];
    /**
     * Server frames may exceed the 64 KiB limit on client frames (a history page of long messages);
     * this bound only stops a broken server from filling the heap.
     */
    static final int MAX_SERVER_FRAME_BYTES = 16 * 1024 * 1024;

    /** Receives what the reader thread sees. */
    public interface Listener {
        void onMessage(ServerMessage message);

        /** Called once, when the connection is gone; {@code problem} is null after {@link #close}. */
        void onClosed(String problem);
    }

    private final Socket raw;
    private final Socket socket;
    private final Fingerprint fingerprint;
    private final ProtocolCodec codec;
    private final Listener listener;
    private final BlockingQueue<byte[]> outgoing = new ArrayBlockingQueue<>(MAX_QUEUED_FRAMES);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String problem;

    private Connection(Socket raw, Socket socket, Fingerprint fingerprint, ProtocolCodec codec, Listener listener) {
        this.raw = raw;
        this.socket = socket;
        this.fingerprint = fingerprint;
        this.codec = codec;
        this.listener = listener;
    }

    /**
     * Connects and, for a TLS address, runs the handshake (blocking: call it off the FX thread).
     * Nothing is read or sent until {@link #start}, so the owner can check {@link #fingerprint()}
     * against its pin first.
     */
    public static Connection open(ServerAddress address, int connectTimeoutMillis, ProtocolCodec codec, Listener listener)
            throws IOException {
        Socket raw = new Socket();
        try {
            raw.setTcpNoDelay(true);
            raw.setKeepAlive(true);
            raw.connect(new InetSocketAddress(address.host(), address.port()), connectTimeoutMillis);
            if (!address.tls()) return new Connection(raw, raw, null, codec, listener);
            SSLSocket tls = ClientTls.handshake(raw, address, connectTimeoutMillis);
            return new Connection(raw, tls, ClientTls.fingerprintOf(tls), codec, listener);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** The fingerprint of the server's certificate, or null on a plain connection. */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /**
     * Starts reading and writing. Separate from {@link #open} so the owner can record the
     * connection before its first frame or its close can arrive.
     */
    public void start() {
        Thread.ofVirtual().name("client-reader").start(this::readLoop);
        Thread.ofVirtual().name("client-writer").start(this::writeLoop);
    }

    /** Queues a frame for the writer thread. Sending on a closed connection does nothing. */
    public void send(ClientMessage message) {
        if (closed.get()) return;
        if (!outgoing.offer(codec.frame(message))) {
            fail("The server stopped reading from this connection.");
        }
    }

    /** Closes the socket; the listener hears {@code onClosed(null)} unless a problem came first. */
    @Override
    public void close() {
        shutdown();
    }

    private void readLoop() {
        try {
            FrameReader reader = new FrameReader(socket.getInputStream(), MAX_SERVER_FRAME_BYTES);
            while (true) {
                String frame;
                try {
                    frame = reader.readFrame();
                } catch (FrameTooLargeException e) {
                    // The stream cannot be read past this point.
                    fail("The server sent a frame larger than " + MAX_SERVER_FRAME_BYTES / (1024 * 1024) + " MiB.");
                    return;
                } catch (ProtocolException e) {
                    // Invalid UTF-8 in one frame; the frame is consumed, so the next one can be read.
                    log.warn("Ignoring an unreadable frame from the server: {}", e.getMessage());
                    continue;
                }
                if (frame == null) {
                    fail("The server closed the connection.");
                    return;
                }
                ServerMessage message;
                try {
                    message = codec.decodeServer(frame);
                } catch (ProtocolException e) {
                    // Forward compatibility: a newer server may send types or fields we do not know.
                    log.debug("Ignoring a frame this client does not understand: {}", e.getMessage());
                    continue;
                }
                listener.onMessage(message);
            }
        } catch (IOException e) {
            fail(closed.get() ? null : "The connection was lost (" + e.getMessage() + ").");
        } finally {
            shutdown();
            listener.onClosed(problem);
        }
    }

    private void writeLoop() {
        try (OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024)) {
            while (true) {
                byte[] frame = outgoing.take();
                if (frame == CLOSE) return;
                out.write(frame);
                // Coalesce whatever else is already queued into the same flush.
                for (byte[] next; (next = outgoing.poll()) != null; ) {
                    if (next == CLOSE) {
                        out.flush();
                        return;
                    }
                    out.write(next);
                }
                out.flush();
            }
        } catch (IOException e) {
            fail("The connection was lost (" + e.getMessage() + ").");
            shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(String reason) {
        if (problem == null && !closed.get()) problem = reason;
        if (reason != null) shutdown();
    }

    private void shutdown() {
        if (!closed.compareAndSet(false, true)) return;
        outgoing.clear();
        outgoing.offer(CLOSE);
        try {
            // The TCP socket, not the TLS one: SSLSocket.close() would wait to write close_notify
            // behind a writer stuck on a server that stopped reading, and this may be the FX thread.
            raw.close();
        } catch (IOException e) {
            log.debug("Closing the socket failed", e);
        }
    }
}
