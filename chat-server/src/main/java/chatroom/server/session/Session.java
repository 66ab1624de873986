package chatroom.server.session;

import chatroom.common.codec.ProtocolCodec;
import chatroom.common.protocol.ServerMessage;
import chatroom.server.net.Outbox;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One client connection. The connection's reader thread owns the request handling; any thread may
 * {@link #send} to it, which only queues the frame in the session's {@link Outbox}.
 *
 * <p>Lock order: {@code holdLock} is taken before the outbox's lock, never the other way round.
 */
public final class Session {
    private final long id;
    private final String remoteAddress;
    private final Outbox outbox;
    private final ProtocolCodec codec;
    private volatile SessionUser user;
    /**
     * Messages (say, dm) this session may have waiting in the store at once. The reader goes on
     * reading while they wait, so a pipelining client gets many messages into one group commit;
     * past this many it waits, so a flood is held back in TCP, not in the server's memory.
     */
    public static final int MAX_PENDING_WRITES = 64;

    private final ReentrantLock holdLock = new ReentrantLock();
    private final Semaphore writeSlots = new Semaphore(MAX_PENDING_WRITES);
    private List<byte[]> held; // guarded by holdLock; non-null while a reply must go first

    /** Creates a session for a connection from {@code remoteAddress}. */
    public Session(long id, String remoteAddress, Outbox outbox, ProtocolCodec codec) {
        this.id = id;
        this.remoteAddress = remoteAddress;
        this.outbox = outbox;
        this.codec = codec;
    }

    /** A number unique within this server run, for logs. */
    public long id() {
        return id;
    }

    /** The client's IP address. */
    public String remoteAddress() {
        return remoteAddress;
    }

    /** The logged-in user, or null before login. */
    public SessionUser user() {
        return user;
    }

    /** True once logged in. */
    public boolean authenticated() {
        return user != null;
    }

    /** Marks the session as logged in; called once by the login path. */
    public void authenticate(SessionUser user) {
        this.user = user;
    }

    /** Takes a slot for a message going to the store, waiting while all are taken. Reader thread only. */
    public void acquireWriteSlot() {
        writeSlots.acquireUninterruptibly();
    }

    /** Gives back a slot once the message is stored (or failed to be). */
    public void releaseWriteSlot() {
        writeSlots.release();
    }

    /** Waits until none of this session's messages is still in the store. Reader thread only. */
    public void awaitPendingWrites() {
        writeSlots.acquireUninterruptibly(MAX_PENDING_WRITES);
        writeSlots.release(MAX_PENDING_WRITES);
    }

    /** Queues a message for this client. Returns false when the session is closing. */
    public boolean send(ServerMessage message) {
        return outbox.offer(codec.frame(message));
    }

    /** Queues an already encoded frame (broadcasts encode once for everyone). */
    public boolean sendFrame(byte[] frame) {
        return sendFrame(frame, false);
    }

    /**
     * Queues an encoded event whose delivery may wait a moment to share a write with others
     * ({@link Outbox#offerDeferred}): presence and member events of logins and logouts.
     */
    public boolean sendDeferred(byte[] frame) {
        return sendFrame(frame, true);
    }

    private boolean sendFrame(byte[] frame, boolean deferred) {
        holdLock.lock();
        try {
            if (held != null) {
                held.add(frame);
                return true;
            }
        } finally {
            holdLock.unlock();
        }
        return deferred ? outbox.offerDeferred(frame) : outbox.offer(frame);
    }

    /**
     * Holds back frames sent to this session until {@link #release}. Used while the session joins
     * rooms: it must receive live messages from the moment it is registered, but only after the
     * reply ({@code welcome}, {@code joined}) that tells it where history ends.
     */
    public void hold() {
        holdLock.lock();
        try {
            if (held == null) held = new ArrayList<>();
        } finally {
            holdLock.unlock();
        }
    }

    /** Sends {@code reply}, then whatever was held back, and stops holding. */
    public void release(ServerMessage reply) {
        byte[] first = reply == null ? null : codec.frame(reply);
        holdLock.lock();
        try {
            if (first != null) outbox.offer(first);
            if (held != null) {
                for (byte[] frame : held) outbox.offer(frame);
                held = null;
            }
        } finally {
            holdLock.unlock();
        }
    }

    /** Sends {@code last} (may be null) as the final frame and closes the connection after it. */
    public void close(ServerMessage last) {
        outbox.close(last == null ? null : codec.frame(last));
    }

    /** True once the session is closing: the reader stops handling requests. */
    public boolean closing() {
        return outbox.closing();
    }

    @Override
    public String toString() {
        SessionUser u = user;
        return "session " + id + " (" + remoteAddress + (u == null ? "" : ", " + u.name()) + ")";
    }
}
