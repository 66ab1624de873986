package chatroom.server.reliability;

import chatroom.server.reliability.Fault.Direction;
import chatroom.server.reliability.FaultPlanner.Planned;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection through {@link FaultyProxy}: a pump thread per direction copies bytes and carries
 * out the planned fault when its direction reaches the planned byte. A direction that ends in an
 * orderly way passes the end on ({@code shutdownOutput}), as a real middlebox does; the sockets are
 * closed once both directions have ended.
 *
 * <p>Lock: {@code lock} guards the plan and the byte counts; it is never held during I/O.
 */
final class ProxyLink {
    private final FaultyProxy proxy;
    private final int index;
    private final Socket client;
    private final Socket server;
    private final FaultPlanner planner; // null: this connection gets no faults
    private final Object lock = new Object();
    private Planned next; // guarded by lock
    private final long[] carried = new long[2]; // bytes forwarded per direction, guarded by lock
    private final byte[] lastByte = new byte[2]; // per direction; touched only by that direction's pump
    private volatile boolean swallowReplies;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger pumpsRunning = new AtomicInteger(2);
    private Thread up;
    private Thread down;

    ProxyLink(FaultyProxy proxy, int index, Socket client, Socket server, FaultPlanner planner) {
        this.proxy = proxy;
        this.index = index;
        this.client = client;
        this.server = server;
        this.planner = planner;
        this.next = planner == null ? null : planner.first();
    }

    void start() {
        up = Thread.ofVirtual().name("proxy-" + index + "-up").start(() -> pump(Direction.UP, client, server));
        down = Thread.ofVirtual().name("proxy-" + index + "-down").start(() -> pump(Direction.DOWN, server, client));
    }

    private void pump(Direction d, Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (d == Direction.DOWN && swallowReplies) continue;
                if (!forward(d, buffer, n, to, out)) return;
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // One side went away (often because of our own fault): the connection is over.
            close();
        } finally {
            if (pumpsRunning.decrementAndGet() == 0) close();
        }
    }

    /** Forwards one chunk, acting on a fault that falls inside it; false when this direction is done. */
    private boolean forward(Direction d, byte[] buffer, int n, Socket to, OutputStream out) throws IOException {
        int done = 0;
        while (done < n) {
            Planned fault = takeDue(d, n - done);
            if (fault == null) {
                write(d, out, buffer, done, n);
                return true;
            }
            int at = done + (int) Math.max(0, fault.atByte() - carried(d));
            proxy.fired(fault.kind(), "connection " + index + ": " + fault);
            switch (fault.kind()) {
                case STALL -> {
                    write(d, out, buffer, done, at);
                    done = at;
                    proxy.pause(Duration.ofMillis(fault.millis()));
                    synchronized (lock) {
                        next = planner.after(fault);
                    }
                }
                case CUT_MID_FRAME -> {
                    int cut = insideFrame(d, buffer, done, at);
                    write(d, out, buffer, done, cut);
                    to.shutdownOutput(); // FIN right after the partial frame
                    close();
                    return false;
                }
                case RESET -> {
                    write(d, out, buffer, done, n);
                    reset();
                    return false;
                }
                case HALF_CLOSE -> {
                    write(d, out, buffer, done, n);
                    to.shutdownOutput();
                    return false; // stop reading this way; the other direction carries on
                }
                case ACK_LOSS -> {
                    // Upward the chunk (most likely a say) still goes through; downward the replies stop here.
                    if (d == Direction.DOWN) write(d, out, buffer, done, at);
                    swallowReplies = true;
                    if (d == Direction.UP) write(d, out, buffer, done, n);
                    Thread.ofVirtual().name("proxy-" + index + "-ack-loss").start(() -> {
                        if (!proxy.pause(Duration.ofMillis(fault.millis()))) reset();
                    });
                    return true; // keep carrying says to the server until the reset
                }
            }
        }
        return true;
    }

    /**
     * Where to cut so the receiver is left holding part of a frame: at {@code at}, or one byte
     * later if {@code at} falls exactly between two frames. Meaningful for plain TCP; under TLS any
     * cut lands inside a record, which is the TLS equivalent.
     */
    private int insideFrame(Direction d, byte[] buffer, int done, int at) {
        byte before = at > done ? buffer[at - 1] : lastByte[d.ordinal()];
        boolean boundary = before == '\n' || carried(d) + (at - done) == 0;
        return boundary ? at + 1 : at;
    }

    private void write(Direction d, OutputStream out, byte[] buffer, int from, int to) throws IOException {
        if (to <= from) return;
        out.write(buffer, from, to - from);
        out.flush();
        lastByte[d.ordinal()] = buffer[to - 1];
        synchronized (lock) {
            carried[d.ordinal()] += to - from;
        }
        proxy.carried(d, to - from);
    }

    private long carried(Direction d) {
        synchronized (lock) {
            return carried[d.ordinal()];
        }
    }

    /** The planned fault if it falls within the next {@code length} bytes of {@code d}; it is then consumed. */
    private Planned takeDue(Direction d, int length) {
        synchronized (lock) {
            if (next == null || next.direction() != d || proxy.isCalm()) return null;
            if (next.atByte() >= carried[d.ordinal()] + length) return null;
            Planned due = next;
            next = null;
            return due;
        }
    }

    /** Resets both sides: SO_LINGER 0 makes close() send RST instead of FIN. */
    void reset() {
        if (closed.get()) return;
        try {
            client.setSoLinger(true, 0);
            server.setSoLinger(true, 0);
        } catch (IOException e) {
            // Already closed: nothing left to reset.
        }
        close();
    }

    /** Closes both sockets (idempotent); the pumps end on the resulting errors. */
    void close() {
        if (!closed.compareAndSet(false, true)) return;
        closeQuietly(client);
        closeQuietly(server);
        proxy.forget(this);
    }

    /** Waits up to {@code timeout} for both pump threads to end. */
    void join(Duration timeout) throws InterruptedException {
        if (up != null) up.join(timeout);
        if (down != null) down.join(timeout);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Closing is best effort: the socket is unusable either way.
        }
    }
}
