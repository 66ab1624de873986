package chatroom.server.net;

import chatroom.common.codec.FrameReader;
import chatroom.common.codec.FrameTooLargeException;
import chatroom.common.codec.ProtocolCodec;
import chatroom.common.codec.ProtocolException;
import chatroom.common.protocol.Bye;
import chatroom.common.protocol.ClientMessage;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ErrorReply;
import chatroom.common.protocol.Hello;
import chatroom.common.protocol.ServerPing;
import chatroom.server.command.Dispatcher;
import chatroom.server.config.ServerConfig;
import chatroom.server.room.RoomRegistry;
import chatroom.server.session.Session;
import chatroom.server.session.SessionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import chatroom.server.tls.ServerTls;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole life of one client connection, run on its own virtual thread: say hello, read frames
 * and hand each decoded request to the dispatcher in order, then clean up. The session's
 * {@link Outbox} runs a second virtual thread while it has frames to write; it is the only one that
 * writes to the socket, and it closes the socket when the outbox closes, so a final frame
 * ({@code bye}, {@code kicked}, an error) is written before the connection ends.
 */
public final class Connection implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    /** Undecodable frames in a row after which the client is disconnected. */
    static final int MAX_BAD_FRAMES = 10;
    /** The most a refused connection may take: its handshake, then waiting for the client to close. */
    private static final Duration REFUSAL_TIME = Duration.ofSeconds(2);
    private static final long MAX_IGNORED_BYTES = 64 * 1024;

    private final long id;
    private final Socket raw;
    private final ServerTls tls;
    /** The socket frames travel on: {@code raw}, or TLS over it once the handshake is done. */
    private Socket socket;
    private final ServerConfig config;
    private final ProtocolCodec codec;
    private final Dispatcher dispatcher;
    private final SessionRegistry sessions;
    private final RoomRegistry rooms;
    private final ScheduledExecutorService timers;
    private final DeferredWakes deferredWakes;
    private final Hello hello;
    private final ConnectionLimits.Ticket ticket;

    /** Prepares the connection; {@link #run} does the work. */
    public Connection(long id, Socket raw, ConnectionLimits.Ticket ticket, ServerTls tls, ServerConfig config,
                      ProtocolCodec codec, Dispatcher dispatcher, SessionRegistry sessions, RoomRegistry rooms,
                      ScheduledExecutorService timers, DeferredWakes deferredWakes, Hello hello) {
        this.id = id;
        this.raw = raw;
        this.ticket = ticket;
        this.tls = tls;
        this.socket = raw;
        this.config = config;
        this.codec = codec;
        this.dispatcher = dispatcher;
        this.sessions = sessions;
        this.rooms = rooms;
        this.timers = timers;
        this.deferredWakes = deferredWakes;
        this.hello = hello;
    }

    @Override
    public void run() {
        Session session = null;
        long start = System.nanoTime();
        try {
            raw.setTcpNoDelay(true);
            if (ticket.verdict() == ConnectionLimits.Verdict.REFUSED) {
                refuse();
                return;
            }
            if (tls != null) socket = tls.handshake(raw, config.authTimeout(), timers);
            byte[] slow = codec.frame(ErrorReply.of(null, ErrorCode.SLOW_CONSUMER,
                    "You were disconnected because you did not read your messages fast enough."));
            Outbox outbox = new Outbox("writer-" + id, socket.getOutputStream(), socket, raw, config.outboxMaxBytes(),
                    slow, timers, deferredWakes);
            session = new Session(id, socket.getInetAddress().getHostAddress(), outbox, codec);
            sessions.connected(session);
            session.send(hello);
            // The handshake counts against the time to log in, so TLS cannot double it.
            ScheduledFuture<?> authTimer = scheduleAuthTimeout(session,
                    config.authTimeout().minusNanos(System.nanoTime() - start));
            readLoop(session, authTimer);
        } catch (SSLException e) {
            // Port scanners, plain-text clients and clients that refuse our certificate: not the server's problem.
            log.debug("Connection {} from {}: TLS handshake failed: {}", id, raw.getInetAddress().getHostAddress(),
                    e.getMessage());
        } catch (IOException e) {
            log.debug("Connection {} ended: {}", id, e.getMessage());
        } catch (SQLException | RuntimeException e) {
            log.error("Connection {} failed; closing it", session == null ? id : session, e);
        } finally {
            ticket.release();
            if (session != null) {
                session.close(null);
                if (session.user() != null) log.info("{} disconnected", session);
                sessions.disconnected(session, rooms.loaded());
            } else {
                closeQuietly();
            }
        }
    }

    private ScheduledFuture<?> scheduleAuthTimeout(Session session, Duration left) {
        // A timer, not a read timeout: a client trickling one byte at a time must not outlast it.
        return timers.schedule(() -> {
            if (!session.authenticated()) {
                session.close(ErrorReply.of(null, ErrorCode.AUTH_TIMEOUT, "You did not log in within "
                        + config.authTimeout().toSeconds() + " seconds, so the connection is closed."));
            }
        }, Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void readLoop(Session session, ScheduledFuture<?> authTimer) throws IOException, SQLException {
        FrameReader reader = new FrameReader(socket.getInputStream(), config.maxFrameBytes());
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.pingInterval().toMillis()));
        boolean pinged = false;
        boolean loggedIn = false;
        int badFrames = 0;
        while (!session.closing()) {
            String frame;
            try {
                frame = reader.readFrame();
            } catch (SocketTimeoutException e) {
                if (!session.authenticated()) continue; // the auth timer decides
                if (pinged) {
                    session.close(new Bye(null, "ping_timeout"));
                    return;
                }
                session.send(new ServerPing());
                pinged = true;
                continue;
            } catch (FrameTooLargeException e) {
                session.close(ErrorReply.of(null, e.code(), e.getMessage()));
                return;
            } catch (ProtocolException e) {
                if (refuse(session, e, ++badFrames)) return;
                continue;
            }
            if (frame == null) return;
            pinged = false;
            ClientMessage message;
            try {
                message = codec.decodeClient(frame);
            } catch (ProtocolException e) {
                if (refuse(session, e, countsAsGarbage(e) ? ++badFrames : badFrames)) return;
                continue;
            }
            badFrames = 0;
            dispatcher.dispatch(session, message);
            if (!loggedIn && session.authenticated()) {
                loggedIn = true;
                ticket.loggedIn();
                authTimer.cancel(false); // the timers drop it, so it does not hold the session until it is due
            }
        }
    }

    /**
     * Tells a connection over the caps why it is turned away: {@code hello}, so the client knows it
     * reached a chat server, then {@code rate_limited} with the reason, then the end of the stream.
     * What the client sent meanwhile is read and dropped until it closes too, because closing with
     * unread input would reset the connection and could destroy the error before the client reads it.
     */
    private void refuse() throws IOException {
        if (tls != null) socket = tls.handshake(raw, min(config.authTimeout(), REFUSAL_TIME), timers);
        OutputStream out = socket.getOutputStream();
        out.write(codec.frame(hello));
        out.write(codec.frame(new ErrorReply(null, ErrorCode.RATE_LIMITED, ticket.refusal(), null, null,
                config.authTimeout().toMillis())));
        out.flush();
        raw.shutdownOutput();
        raw.setSoTimeout((int) REFUSAL_TIME.toMillis());
        InputStream in = socket.getInputStream();
        byte[] ignored = new byte[4096];
        long deadline = System.nanoTime() + REFUSAL_TIME.toNanos();
        try {
            long read = 0;
            for (int n; read < MAX_IGNORED_BYTES && System.nanoTime() < deadline && (n = in.read(ignored)) >= 0; ) read += n;
        } catch (IOException e) {
            log.debug("Connection {} refused; it ended with: {}", id, e.getMessage());
        }
        log.debug("Connection {} from {} refused: {}", id, raw.getInetAddress().getHostAddress(), ticket.refusal());
        closeQuietly();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Only frames that are not protocol at all count; a refused name or password is a person typing. */
    private static boolean countsAsGarbage(ProtocolException e) {
        return e.code() == ErrorCode.BAD_REQUEST || e.code() == ErrorCode.UNKNOWN_TYPE;
    }

    /** Replies with the error; returns true when the client has sent too many bad frames and is closed. */
    private static boolean refuse(Session session, ProtocolException e, int badFrames) {
        session.send(ErrorReply.of(e.re(), e.code(), e.getMessage()));
        if (badFrames < MAX_BAD_FRAMES) return false;
        session.close(new Bye(null, "too_many_errors"));
        return true;
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("Closing connection {} failed: {}", id, e.getMessage());
        }
    }
}
