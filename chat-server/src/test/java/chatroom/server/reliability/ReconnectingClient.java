package chatroom.server.reliability;

import chatroom.common.codec.ProtocolCodec;
import chatroom.common.protocol.Ack;
import chatroom.common.protocol.Bye;
import chatroom.common.protocol.ChatMessage;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ErrorReply;
import chatroom.common.protocol.Hello;
import chatroom.common.protocol.HistoryPage;
import chatroom.common.protocol.HistoryRequest;
import chatroom.common.protocol.LoginRequest;
import chatroom.common.protocol.PingRequest;
import chatroom.common.protocol.PongRequest;
import chatroom.common.protocol.QuitRequest;
import chatroom.common.protocol.RoomState;
import chatroom.common.protocol.SayRequest;
import chatroom.common.protocol.ServerMessage;
import chatroom.common.protocol.ServerPing;
import chatroom.common.protocol.Welcome;
import chatroom.server.reliability.SayOutbox.Say;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * A chat client that follows the reliability guide of docs/protocol.md §8 on one room, as a real
 * client must: on every connection it reads {@code hello}, logs in and reads {@code welcome}; it
 * resends every unconfirmed {@code say} with its original id; it pages {@code history{after_seq}}
 * from the last gap-free seq it holds until a page comes back short; and it merges history and
 * live messages by seq in a {@link RoomLog}. A broken connection makes it reconnect at once (no
 * backoff: the server is local and the faults are the point).
 *
 * <p>It keeps up to {@value #WINDOW} says in flight, so there is nearly always one for the network
 * to lose. One virtual thread owns all its state; the test reads that state only after
 * {@link #finished()} completes, and meanwhile only the volatile progress line.
 *
 * <p>It also counts breaches of what the server promises about live delivery on one connection:
 * nothing before {@code welcome}, and past welcome's last_seq every seq once, in order. It counts
 * rather than stops, so that the test still exercises the merge.
 */
final class ReconnectingClient implements AutoCloseable {
    /** Opens the transport (plain or TLS) to the server, or to a proxy in front of it. */
    interface Dialer {
        Socket dial() throws IOException;
    }

    static final String ROOM = "lobby";
    private static final int WINDOW = 8;
    private static final int PAGE = HistoryRequest.MAX_LIMIT;
    /** Hello and welcome may take a while: logins run PBKDF2, and several clients log in at once on few cores. */
    private static final Duration LOGIN_WAIT = Duration.ofSeconds(20);
    /** After this much silence the client pings; longer than any stall the proxy makes. */
    private static final Duration QUIET = Duration.ofSeconds(2);
    /** A ping unanswered for this long means the connection is dead (§8.8). */
    private static final Duration ANSWER = Duration.ofSeconds(3);
    /** How often an idle client looks at its own state (e.g. whether the test asked it to finish). */
    private static final Duration TICK = Duration.ofMillis(20);
    /** Connections in a row that may fail before welcome, or end without progress, before the client gives up. */
    private static final int MAX_FAILURES_IN_A_ROW = 50;
    private static final int MAX_IDLE_CONNECTIONS_IN_A_ROW = 10;

    private final String user;
    private final String password;
    private final Dialer dialer;
    private final CountDownLatch allConfirmed;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final SayOutbox outbox;
    private final RoomLog log = new RoomLog();
    private final ClientStats stats = new ClientStats();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private boolean confirmedAll;
    private String name;
    private int requestNumber;
    private long lostAt; // when the last logged-in connection ended; 0 before the first
    private Thread driver;

    private volatile long target = -1;
    private volatile boolean stopped;
    private volatile ClientConnection current;
    private volatile String progress = "not started";

    /**
     * @param texts what to say, in order
     * @param allConfirmed counted down once every say is confirmed
     */
    ReconnectingClient(String user, String password, List<String> texts, Dialer dialer, CountDownLatch allConfirmed) {
        this.user = user;
        this.password = password;
        this.dialer = dialer;
        this.allConfirmed = allConfirmed;
        this.outbox = new SayOutbox(user, texts);
    }

    /** Starts talking. */
    ReconnectingClient start() {
        driver = Thread.ofVirtual().name("reliable-client-" + user).start(this::run);
        return this;
    }

    /** Once the room has {@code lastSeq} messages and all of this client's are confirmed, the client quits. */
    void finishAt(long lastSeq) {
        target = lastSeq;
    }

    /** Completes when the client has quit, or exceptionally with what went wrong. */
    CompletableFuture<Void> finished() {
        return finished;
    }

    String user() {
        return user;
    }

    /** What it says, in order. */
    List<Say> says() {
        return outbox.all();
    }

    /** The seq each acked say was acked with, by id (read after {@link #finished()}). */
    Map<String, Long> acks() {
        return outbox.acks();
    }

    /** The messages in the order the user saw them (read after {@link #finished()}). */
    List<ChatMessage> shown() {
        return log.shown();
    }

    /** Every message held, gaps or not (read after {@link #finished()}). */
    List<ChatMessage> held() {
        return log.held();
    }

    ClientStats stats() {
        return stats;
    }

    /** A one-line state for a failure message; racy, for diagnostics only. */
    String progress() {
        return user + ": " + progress;
    }

    private void run() {
        try {
            int failuresInARow = 0;
            int idleInARow = 0;
            while (!done()) {
                if (stopped) throw new CancellationException(user + " was stopped before it finished");
                long before = progressMark();
                failuresInARow = connectOnce() ? 0 : failuresInARow + 1;
                idleInARow = progressMark() > before ? 0 : idleInARow + 1;
                if (failuresInARow >= MAX_FAILURES_IN_A_ROW) {
                    throw new AssertionError(user + " failed to log in " + failuresInARow + " times in a row");
                }
                // Faults alone almost never strike so early so often; a server that drops the
                // connection on some request does. Fail now rather than at the test's deadline.
                if (idleInARow >= MAX_IDLE_CONNECTIONS_IN_A_ROW) {
                    throw new AssertionError(user + ": " + idleInARow + " connections in a row ended with nothing new confirmed "
                            + "or received; last state: " + progress);
                }
            }
            finished.complete(null);
        } catch (Throwable t) {
            finished.completeExceptionally(t);
        }
    }

    /** One connection, from dialling to its end; true if it got as far as welcome. */
    private boolean connectOnce() throws InterruptedException {
        stats.connections++;
        Socket socket;
        try {
            socket = dialer.dial();
        } catch (IOException e) {
            stats.lostBeforeWelcome++; // e.g. the TLS handshake was cut
            return false;
        }
        try (ClientConnection c = new ClientConnection(socket, codec)) {
            current = c;
            if (stopped) return false; // close() may have looked before current was set
            return new Connected(c).run();
        } catch (IOException e) {
            stats.lostBeforeWelcome++;
            return false;
        }
    }

    /**
     * What a connection should move on: the confirmed says while some are outstanding (other
     * clients' messages must not hide that ours never get through), else the gap-free room.
     */
    private long progressMark() {
        return outbox.allConfirmed() ? log.contiguous() : outbox.confirmedCount();
    }

    private boolean done() {
        return target >= 0 && outbox.allConfirmed() && log.contiguous() >= target;
    }

    private String nextId(String what) {
        return user + "-" + what + "-" + ++requestNumber;
    }

    private void checkConfirmed() {
        if (!confirmedAll && outbox.allConfirmed()) {
            confirmedAll = true;
            allConfirmed.countDown();
        }
    }

    /** One connection's state, from hello to its end. */
    private final class Connected {
        private final ClientConnection c;
        private final Set<String> resentHere = new HashSet<>();
        private long welcomeSeq;
        private long liveHigh;
        private String pageId;
        private long lastFrame = System.nanoTime();
        private long pingedAt;

        Connected(ClientConnection c) {
            this.c = c;
        }

        /** True if it got as far as welcome; returns when the connection is over. */
        boolean run() throws InterruptedException {
            try {
                if (!logIn()) {
                    stats.lostBeforeWelcome++;
                    return false;
                }
            } catch (IOException e) {
                stats.lostBeforeWelcome++;
                return false;
            }
            try {
                catchUp();
                converse();
            } catch (IOException e) {
                // The connection broke; the caller reconnects.
            }
            lostAt = System.nanoTime();
            return true;
        }

        private boolean logIn() throws IOException, InterruptedException {
            if (!(c.next(LOGIN_WAIT) instanceof Hello)) return false;
            String id = nextId("login");
            c.send(new LoginRequest(id, user, password));
            long deadline = System.nanoTime() + LOGIN_WAIT.toNanos();
            while (true) {
                Object f = c.next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                if (f == null || f == ClientConnection.END) return false;
                switch (f) {
                    case Welcome w when id.equals(w.re()) -> {
                        welcomed(w);
                        return true;
                    }
                    case ErrorReply e when id.equals(e.re()) -> throw new AssertionError(user + ": login refused: " + e);
                    case ChatMessage m -> stats.earlyMessages++;
                    case ServerPing p -> c.send(new PongRequest(null));
                    default -> {
                        // presence and member events may come at any time
                    }
                }
            }
        }

        private void welcomed(Welcome w) {
            stats.logins++;
            if (lostAt != 0) stats.offline(System.nanoTime() - lostAt);
            name = w.user();
            welcomeSeq = w.rooms().stream().filter(r -> r.room().equals(ROOM)).mapToLong(RoomState::lastSeq).findFirst()
                    .orElseThrow(() -> new AssertionError(user + ": welcome lists no " + ROOM + ": " + w));
            liveHigh = welcomeSeq;
        }

        /** Resends first, so the server handles the retries before it reads the history they may be in. */
        private void catchUp() throws IOException {
            for (Say say : outbox.toResend()) {
                resentHere.add(say.id());
                stats.resends++;
                say(say);
            }
            if (welcomeSeq > log.contiguous()) requestPage(log.contiguous());
        }

        private void converse() throws IOException, InterruptedException {
            while (!done()) {
                if (stopped) return;
                for (Say say : outbox.due(System.nanoTime(), WINDOW)) say(say);
                progress = "sent " + outbox.sentCount() + "/" + outbox.all().size() + ", unconfirmed "
                        + outbox.unconfirmedCount() + ", gap-free to " + log.contiguous() + ", highest " + log.highest()
                        + ", target " + target + ", " + stats;
                Object f = c.next(TICK);
                long now = System.nanoTime();
                if (f == ClientConnection.END) return;
                if (f == null) {
                    if (!alive(now)) {
                        stats.silentDrops++;
                        return;
                    }
                    continue;
                }
                lastFrame = now;
                pingedAt = 0;
                handle((ServerMessage) f);
            }
            c.send(new QuitRequest(nextId("quit")));
        }

        /** Pings after a silence; false once a ping has gone unanswered too long. */
        private boolean alive(long now) throws IOException {
            if (pingedAt == 0 && now - lastFrame > QUIET.toNanos()) {
                c.send(new PingRequest(nextId("ping")));
                pingedAt = now;
            }
            return pingedAt == 0 || now - pingedAt <= ANSWER.toNanos();
        }

        private void handle(ServerMessage m) throws IOException {
            switch (m) {
                case ChatMessage msg when ROOM.equals(msg.room()) -> live(msg);
                case Ack a -> acked(a);
                case HistoryPage h when h.re() != null && h.re().equals(pageId) -> page(h);
                case ErrorReply e -> refused(e);
                case ServerPing p -> c.send(new PongRequest(null));
                case Bye b -> {
                    // The server closes next; END follows.
                }
                default -> {
                    // presence, member, pong: nothing to do
                }
            }
        }

        private void live(ChatMessage m) throws IOException {
            if (m.seq() > welcomeSeq) {
                if (m.seq() <= liveHigh) stats.liveRepeats++;
                else if (m.seq() != liveHigh + 1) stats.liveGaps++;
            }
            liveHigh = Math.max(liveHigh, m.seq());
            if (!log.add(m)) stats.liveDuplicates++;
            ownEcho(m);
            // A live message past a hole, and no page on the way that would fill it (§8.6).
            if (pageId == null && log.highest() > log.contiguous()) {
                stats.gapFetches++;
                requestPage(log.contiguous());
            }
        }

        private void page(HistoryPage h) throws IOException {
            stats.historyPages++;
            pageId = null;
            if (!ROOM.equals(h.room())) throw new AssertionError(user + ": history for the wrong room: " + h);
            for (ChatMessage m : h.messages()) {
                if (!log.add(m)) stats.historyDuplicates++;
                ownEcho(m);
            }
            if (h.messages().size() == PAGE) {
                requestPage(h.messages().getLast().seq());
            } else if (log.highest() > log.contiguous()) {
                stats.gapFetches++;
                requestPage(log.contiguous());
            }
        }

        private void acked(Ack a) {
            if (!ROOM.equals(a.room())) throw new AssertionError(user + ": ack for the wrong room: " + a);
            outbox.acked(a.re(), a.seq());
            // Stored before this login, yet resent: the server must have taken it for a retry.
            if (resentHere.contains(a.re()) && a.seq() <= welcomeSeq) stats.dedupedResends++;
            checkConfirmed();
        }

        private void ownEcho(ChatMessage m) {
            if (m.from().equals(name)) {
                outbox.echoed(m.id());
                checkConfirmed();
            }
        }

        private void refused(ErrorReply e) {
            if (e.code() == ErrorCode.RATE_LIMITED && e.re() != null) {
                long wait = Duration.ofMillis(e.retryAfterMs() == null ? 100 : e.retryAfterMs()).toNanos();
                if (outbox.rateLimited(e.re(), System.nanoTime() + wait)) {
                    stats.rateLimited++;
                    return;
                }
            }
            throw new AssertionError(user + " got an error the test does not expect: " + e);
        }

        private void say(Say say) throws IOException {
            c.send(new SayRequest(say.id(), ROOM, say.text()));
        }

        private void requestPage(long afterSeq) throws IOException {
            pageId = nextId("page");
            c.send(new HistoryRequest(pageId, ROOM, null, null, afterSeq, PAGE));
        }
    }

    /** Stops the client, closes its connection and waits a little for its thread to end. */
    @Override
    public void close() {
        stopped = true;
        ClientConnection c = current;
        if (c != null) c.close();
        try {
            if (driver != null) driver.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
