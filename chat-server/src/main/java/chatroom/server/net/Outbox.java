package chatroom.server.net;

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
 * call (in chunks of {@value #WRITE_CHUNK} bytes), so a burst of broadcasts costs one system call,
 * not one per frame. The frames are the shared bytes every member's outbox holds; the writer copies
 * them into a chunk it allocates per wake-up, so an idle connection keeps no write buffer at all.
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
    /** The most the writer copies into one write: several TLS records, or one large plain write. */
    static final int WRITE_CHUNK = 64 * 1024;

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
    private boolean wakePending; // guarded by lock: queued in the current thread's batch
    /** The outboxes offered to inside {@link #batch} on this thread, to wake when it ends. */
    private static final ThreadLocal<List<Outbox>> BATCH = new ThreadLocal<>();

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
        this.out = out;
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
            List<Outbox> batch = BATCH.get();
            if (batch == null) {
                ready.signal();
            } else if (!wakePending) {
                wakePending = true;
                batch.add(this);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work}, waking the writers of the outboxes it offers frames to only when it ends.
     * The store runs a whole group commit's deliveries in one batch, so each member's writer wakes
     * once and writes every message of the commit with one call, instead of waking (and competing
     * for the outbox's lock) once per message.
     */
    public static void batch(Runnable work) {
        if (BATCH.get() != null) {
            work.run();
            return;
        }
        List<Outbox> offered = new ArrayList<>();
        BATCH.set(offered);
        try {
            work.run();
        } finally {
            BATCH.remove();
            for (Outbox o : offered) o.wake();
        }
    }

    private void wake() {
        lock.lock();
        try {
            wakePending = false;
            ready.signal();
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
                long bytes;
                lock.lock();
                try {
                    while (queue.isEmpty() && !closing) ready.await();
                    batch.addAll(queue);
                    queue.clear();
                    bytes = queuedBytes;
                    queuedBytes = 0;
                    last = closing;
                } finally {
                    lock.unlock();
                }
                write(batch, bytes);
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

    /** Writes the frames in as few calls as possible: one per chunk, and a frame larger than a chunk on its own. */
    private void write(List<byte[]> frames, long bytes) throws IOException {
        if (frames.size() == 1) {
            out.write(frames.getFirst());
            out.flush();
            return;
        }
        byte[] chunk = new byte[(int) Math.min(bytes, WRITE_CHUNK)];
        int used = 0;
        for (byte[] frame : frames) {
            if (used + frame.length > chunk.length) {
                out.write(chunk, 0, used);
                used = 0;
            }
            if (frame.length > chunk.length) {
                out.write(frame);
            } else {
                System.arraycopy(frame, 0, chunk, used, frame.length);
                used += frame.length;
            }
        }
        if (used > 0) out.write(chunk, 0, used);
        out.flush();
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            log.debug("Closing a socket failed: {}", e.getMessage());
        }
    }
}
