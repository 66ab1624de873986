package chatroom.server.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's outgoing frames: a queue bounded in bytes, drained by the connection's writer
 * thread, which is the only thread that writes to the socket. Any thread may {@link #offer} a
 * frame; offering never blocks on I/O. The writer takes everything queued and writes it with one
 * call (in chunks of {@value #WRITE_CHUNK} bytes), so a burst of broadcasts costs one system call,
 * not one per frame. The frames are the shared bytes every member's outbox holds; the writer copies
 * them into a chunk it allocates per wake-up, so an idle connection keeps no write buffer at all.
 *
 * <p>The writer is a virtual thread that exists only while there is writing to do: a frame offered
 * to an empty outbox starts it, and it ends as soon as the queue is empty. Most connections of a
 * chat server sit idle, and a parked thread keeps its stack, a few KiB each. Starting a virtual
 * thread costs about what waking a parked one does (both hand it to the scheduler), and one that
 * ends without blocking never copies its stack to the heap. Waiting with a timeout for more work
 * instead (a linger) made every wake-up arm and cancel a timer, which halved the rate the server
 * could fan out at.
 *
 * <p>When a frame would push the queue past its bound, the client is a slow consumer: the queue
 * is dropped, a last frame (the {@code slow_consumer} error) is queued, and the socket is closed
 * after a short grace whether or not the client read it.
 *
 * <p>Frames offered with {@link #offerDeferred} (presence and member events) wake the writer
 * through {@link DeferredWakes}, a moment later, so a storm of them costs one write per client, not
 * one per event. They share the queue with every other frame, so the order of frames never changes.
 *
 * <p>Lock: {@code lock} guards the queue and flags; it is never held while writing.
 */
public final class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final long CLOSE_GRACE_MS = 2_000;
    /** The most the writer copies into one write: several TLS records, or one large plain write. */
    static final int WRITE_CHUNK = 64 * 1024;
    /** A queue that held more frames than this at once is replaced when the writer ends. */
    private static final int SMALL_QUEUE = 16;

    private final String writerName;

    private final OutputStream out;
    private final Closeable socket;
    private final Closeable transport;
    private final long maxBytes;
    private final byte[] overflowFrame;
    private final ScheduledExecutorService timers;
    private final DeferredWakes deferredWakes;
    private final ReentrantLock lock = new ReentrantLock();
    private ArrayDeque<byte[]> queue = new ArrayDeque<>(SMALL_QUEUE); // guarded by lock
    private long queuedBytes;
    private boolean closing;
    private boolean overflowed;
    private boolean wakePending; // guarded by lock: queued in the current thread's batch
    private boolean deferredWakePending; // guarded by lock: queued in deferredWakes
    private boolean writerRunning; // guarded by lock
    /** The outboxes offered to inside {@link #batch} on this thread, to wake when it ends. */
    private static final ScopedValue<List<Outbox>> BATCH = ScopedValue.newInstance();

    /**
     * @param writerName the writer thread's name
     * @param out the socket's output stream
     * @param socket closed when the writer finishes, or by force after a grace when closing
     * @param maxBytes the bound on queued bytes
     * @param overflowFrame the last frame sent to a slow consumer
     * @param timers runs the forced close
     * @param deferredWakes wakes the writer for {@link #offerDeferred} frames
     */
    public Outbox(String writerName, OutputStream out, Closeable socket, long maxBytes, byte[] overflowFrame,
                  ScheduledExecutorService timers, DeferredWakes deferredWakes) {
        this(writerName, out, socket, socket, maxBytes, overflowFrame, timers, deferredWakes);
    }

    /**
     * An outbox whose forced close goes below the socket: a TLS socket's close must write
     * {@code close_notify}, which waits for the very writer that is stuck on a client that does
     * not read, so the forced close closes the TCP connection under it instead.
     *
     * @param socket closed by the writer when it finishes (politely, for TLS)
     * @param transport closed by force after the grace
     */
    public Outbox(String writerName, OutputStream out, Closeable socket, Closeable transport, long maxBytes,
                  byte[] overflowFrame, ScheduledExecutorService timers, DeferredWakes deferredWakes) {
        this.writerName = writerName;
        this.out = out;
        this.socket = socket;
        this.transport = transport;
        this.maxBytes = maxBytes;
        this.overflowFrame = overflowFrame;
        this.timers = timers;
        this.deferredWakes = deferredWakes;
    }

    /**
     * Queues a frame. Returns false when the outbox is closing (the frame is dropped) or has just
     * overflowed (the client is being disconnected).
     */
    public boolean offer(byte[] frame) {
        return offer(frame, false);
    }

    /**
     * Queues a frame whose writer wake-up may wait for {@link DeferredWakes#delay()}, so that it
     * goes out in one write with the others like it. Returns as {@link #offer} does.
     */
    public boolean offerDeferred(byte[] frame) {
        return offer(frame, true);
    }

    private boolean offer(byte[] frame, boolean deferred) {
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
            if (deferred) {
                if (!deferredWakePending) {
                    deferredWakePending = true;
                    deferredWakes.add(this);
                }
                return true;
            }
            // A scoped value, not a ThreadLocal: looking one up leaves nothing behind in the
            // thread, and every connection's reader offers its own replies.
            List<Outbox> batch = BATCH.isBound() ? BATCH.get() : null;
            if (batch == null) {
                wakeWriterLocked();
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
        if (BATCH.isBound()) {
            work.run();
            return;
        }
        List<Outbox> offered = new ArrayList<>();
        try {
            ScopedValue.where(BATCH, offered).run(work);
        } finally {
            for (Outbox o : offered) o.wake();
        }
    }

    private void wake() {
        lock.lock();
        try {
            wakePending = false;
            if (!queue.isEmpty()) wakeWriterLocked();
        } finally {
            lock.unlock();
        }
    }

    /** The deferred wake-up: when another wake-up's writer already took the frames, no writer is started. */
    void wakeDeferred() {
        lock.lock();
        try {
            deferredWakePending = false;
            if (!queue.isEmpty()) wakeWriterLocked();
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

    /** True while a writer thread exists (for tests). */
    boolean writerRunning() {
        lock.lock();
        try {
            return writerRunning;
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
        wakeWriterLocked();
        // A client that does not read would keep the writer blocked forever; the grace bounds that.
        timers.schedule(() -> closeQuietly(transport), CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a writer unless one runs; a running one looks at the queue again, under the lock,
     * before it ends. Starting a virtual thread only hands it to the scheduler, so this does not
     * block under the lock.
     */
    private void wakeWriterLocked() {
        if (!writerRunning) {
            writerRunning = true;
            Thread.ofVirtual().name(writerName).start(this::writeLoop);
        }
    }

    /**
     * The writer: runs until the queue is empty, or until the outbox closes or a write fails, in
     * which case it closes the socket.
     */
    private void writeLoop() {
        List<byte[]> batch = new ArrayList<>();
        int largestTake = 0;
        boolean idle = false;
        try {
            while (true) {
                boolean last;
                long bytes;
                lock.lock();
                try {
                    if (queue.isEmpty() && !closing) {
                        // Under the lock, so the next offer sees no writer and starts one.
                        writerRunning = false;
                        // A deque never shrinks, and a burst may have grown it to thousands of slots.
                        if (largestTake > SMALL_QUEUE) queue = new ArrayDeque<>(SMALL_QUEUE);
                        idle = true;
                        return;
                    }
                    batch.addAll(queue);
                    largestTake = Math.max(largestTake, queue.size());
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
        } finally {
            if (!idle) {
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
