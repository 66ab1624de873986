package chatroom.server.net;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's outgoing frames: a queue bounded in bytes, drained by the connection's own writer
 * thread, which is the only thread that writes to the socket. Any thread may {@link #offer} a
 * frame; offering never blocks on I/O. The writer takes everything queued and writes it with one
 * flush, so a burst of broadcasts costs one system call, not one per frame.
 *
 * <p>When a frame would push the queue past its bound, the client is a slow consumer: the queue
 * is dropped, a last frame (the {@code slow_consumer} error) is queued, and the socket is closed
 * after a short grace whether or not the client read it.
 *
 * <p>Lock: {@code lock} guards the queue and flags; it is never held while writing.
 */
public final class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final long CLOSE_GRACE_MS = 2_000;

    private final OutputStream out;
    private final Closeable socket;
    private final Closeable transport;
    private final long maxBytes;
    private final byte[] overflowFrame;
    private final ScheduledExecutorService timers;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean closing;
    private boolean overflowed;

    /**
     * @param out the socket's output stream
     * @param socket closed when the writer finishes, or by force after a grace when closing
     * @param maxBytes the bound on queued bytes
     * @param overflowFrame the last frame sent to a slow consumer
     * @param timers runs the forced close
     */
    public Outbox(OutputStream out, Closeable socket, long maxBytes, byte[] overflowFrame,
                  ScheduledExecutorService timers) {
        this(out, socket, socket, maxBytes, overflowFrame, timers);
    }

    /**
     * An outbox whose forced close goes below the socket: a TLS socket's close must write
     * {@code close_notify}, which waits for the very writer that is stuck on a client that does
     * not read, so the forced close closes the TCP connection under it instead.
     *
     * @param socket closed by the writer when it finishes (politely, for TLS)
     * @param transport closed by force after the grace
     */
    public Outbox(OutputStream out, Closeable socket, Closeable transport, long maxBytes, byte[] overflowFrame,
                  ScheduledExecutorService timers) {
        this.out = new BufferedOutputStream(out, 64 * 1024);
        this.socket = socket;
        this.transport = transport;
        this.maxBytes = maxBytes;
        this.overflowFrame = overflowFrame;
        this.timers = timers;
    }

    /**
     * Queues a frame. Returns false when the outbox is closing (the frame is dropped) or has just
     * overflowed (the client is being disconnected).
     */
    public boolean offer(byte[] frame) {
        lock.lock();
        try {
            if (closing) return false;
            // A lone frame larger than the bound (a big history page) is let through; the bound is
            // on the backlog of a client that does not keep up.
            if (queuedBytes > 0 && queuedBytes + frame.length > maxBytes) {
                overflowed = true;
                queue.clear();
                queuedBytes = 0;
                beginClose(overflowFrame);
                return false;
            }
            queue.add(frame);
            queuedBytes += frame.length;
            ready.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code lastFrame} (may be null) as the final frame; the socket closes once it is written. */
    public void close(byte[] lastFrame) {
        lock.lock();
        try {
            if (!closing) beginClose(lastFrame);
        } finally {
            lock.unlock();
        }
    }

    /** True once the client overflowed its queue. */
    public boolean overflowed() {
        lock.lock();
        try {
            return overflowed;
        } finally {
            lock.unlock();
        }
    }

    /** True once closing began: nothing more will be queued. */
    public boolean closing() {
        lock.lock();
        try {
            return closing;
        } finally {
            lock.unlock();
        }
    }

    private void beginClose(byte[] lastFrame) {
        closing = true;
        if (lastFrame != null) {
            queue.add(lastFrame);
            queuedBytes += lastFrame.length;
        }
        ready.signal();
        // A client that does not read would keep the writer blocked forever; the grace bounds that.
        timers.schedule(() -> closeQuietly(transport), CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    /** The writer loop: runs on the connection's writer thread until the outbox closes or a write fails. */
    public void drain() {
        List<byte[]> batch = new ArrayList<>();
        try {
            while (true) {
                boolean last;
                lock.lock();
                try {
                    while (queue.isEmpty() && !closing) ready.await();
                    batch.addAll(queue);
                    queue.clear();
                    queuedBytes = 0;
                    last = closing;
                } finally {
                    lock.unlock();
                }
                for (byte[] frame : batch) out.write(frame);
                out.flush();
                batch.clear();
                if (last) break;
            }
        } catch (IOException e) {
            log.debug("Write failed, closing the connection: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.lock();
            try {
                closing = true;
                queue.clear();
            } finally {
                lock.unlock();
            }
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            log.debug("Closing a socket failed: {}", e.getMessage());
        }
    }
}
