package chatroom.server.reliability;

import chatroom.common.codec.FrameReader;
import chatroom.common.codec.ProtocolCodec;
import chatroom.common.codec.ProtocolException;
import chatroom.common.protocol.ClientMessage;
import chatroom.common.protocol.ServerMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One connection of {@link ReconnectingClient}: a reader thread decodes server frames into a
 * queue, so the client's own thread can wait for "a frame or a deadline" and write requests without
 * a second writer. The end of the stream, orderly or not, shows up as {@link #END}.
 */
final class ClientConnection implements AutoCloseable {
    /** Queued after the last frame when the connection ends. */
    static final Object END = new Object();

    private final Socket socket;
    private final OutputStream out;
    private final ProtocolCodec codec;
    private final LinkedBlockingQueue<Object> incoming = new LinkedBlockingQueue<>();

    ClientConnection(Socket socket, ProtocolCodec codec) throws IOException {
        this.socket = socket;
        this.codec = codec;
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        Thread.ofVirtual().name("reliable-client-reader").start(this::readLoop);
    }

    private void readLoop() {
        try {
            FrameReader reader = new FrameReader(socket.getInputStream(), 16 * 1024 * 1024);
            String frame;
            while ((frame = reader.readFrame()) != null) {
                try {
                    incoming.add(codec.decodeServer(frame));
                } catch (ProtocolException e) {
                    // A frame that does not decode is a server bug, not a network fault: the driver fails on it.
                    incoming.add(new AssertionError("undecodable frame from the server: " + frame, e));
                }
            }
        } catch (IOException | ProtocolException e) {
            // Reset, cut, TLS alert: all mean the connection is over.
        }
        incoming.add(END);
    }

    /** The next frame ({@link ServerMessage}), {@link #END}, or null if none came within {@code wait}. */
    Object next(Duration wait) throws InterruptedException {
        Object next = incoming.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (next instanceof AssertionError e) throw e;
        return next;
    }

    /** Sends one request; an IOException means the connection is gone. */
    void send(ClientMessage message) throws IOException {
        out.write(codec.frame(message));
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Already broken: that is why we are closing it.
        }
    }
}
