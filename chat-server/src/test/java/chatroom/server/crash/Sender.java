package chatroom.server.crash;

import chatroom.common.protocol.Ack;
import chatroom.common.protocol.ChatMessage;
import chatroom.common.protocol.ClientMessage;
import chatroom.common.protocol.DmRequest;
import chatroom.common.protocol.DmState;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ErrorReply;
import chatroom.common.protocol.Hello;
import chatroom.common.protocol.LoginRequest;
import chatroom.common.protocol.QuitRequest;
import chatroom.common.protocol.RoomState;
import chatroom.common.protocol.SayRequest;
import chatroom.common.protocol.ServerMessage;
import chatroom.common.protocol.Welcome;
import chatroom.common.testing.TestClient;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One user's client, with the bookkeeping of a real one (protocol.md §8): every message gets a
 * fresh id and stays in the outbox until its ack; after a reconnect the outbox is resent with the
 * same ids. It pipelines up to a window of requests, so a kill finds messages on the wire, in the
 * server's queue and inside a group commit.
 *
 * <p>Protocol violations it sees are collected in {@link #problems()} instead of thrown, so that
 * they are never mistaken for the connection loss a kill causes.
 */
final class Sender {
    /** A message as this sender sent it; {@code channel} names its room or DM pair like {@link #room}/{@link #dm}. */
    record Msg(String from, String id, String room, String to, String text, String channel) {
        ClientMessage request() {
            return room != null ? new SayRequest(id, room, text) : new DmRequest(id, to, text);
        }
    }

    private final String user;
    private final String password;
    private final List<String> rooms;
    private final List<String> peers;
    private final Random random;
    private final Semaphore loginTurn;
    private final Map<String, Msg> sent = new LinkedHashMap<>();
    private final Map<String, Long> ackedSeq = new HashMap<>();
    private final Set<String> unacked = new LinkedHashSet<>();
    private final List<String> problems = new ArrayList<>();
    private int resent;
    private int dedupAcks;
    private int rateLimited;
    private int redelivered;

    /**
     * @param loginTurn shared by all senders: the server hashes one password at a time, so queued
     *     logins would only wait there, against TestClient's fixed 10 s deadline
     */
    Sender(String user, String password, List<String> rooms, List<String> peers, long seed, Semaphore loginTurn) {
        this.loginTurn = loginTurn;
        this.user = user;
        this.password = password;
        this.rooms = rooms;
        this.peers = peers;
        this.random = new Random(seed);
    }

    static String room(String name) {
        return "room:" + name.toLowerCase(Locale.ROOT);
    }

    static String dm(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        return x.compareTo(y) <= 0 ? "dm:" + x + "|" + y : "dm:" + y + "|" + x;
    }

    String user() {
        return user;
    }

    /**
     * One connection to a server that will be killed: logs in, resends the outbox, then sends new
     * messages with up to {@code window} in flight until the connection dies. A lost connection is
     * only an error if the server was not being killed.
     *
     * @param seqAtStart each channel's last seq when this server started, before any client
     */
    void runUntilKilled(int port, Map<String, Long> seqAtStart, int window, AckProgress progress, BooleanSupplier killed)
            throws IOException {
        try {
            session(port, seqAtStart, window, true, progress);
        } catch (AssertionError | IOException e) {
            // TestClient reports a closed connection as an AssertionError; either is the kill's doing.
            if (!killed.getAsBoolean()) throw e;
        }
    }

    /** Resends the outbox on a fresh connection and waits until every message is acked. */
    void flush(int port, Map<String, Long> seqAtStart) throws IOException {
        session(port, seqAtStart, 8, false, new AckProgress());
    }

    private void session(int port, Map<String, Long> seqAtStart, int window, boolean more, AckProgress progress)
            throws IOException {
        try (TestClient c = TestClient.connectTls(port)) {
            c.await(Hello.class);
            Welcome welcome;
            loginTurn.acquireUninterruptibly();
            try {
                welcome = c.request(id -> new LoginRequest(id, user, password), Welcome.class);
            } finally {
                loginTurn.release();
            }
            progress.loggedIn();
            Map<String, Long> atLogin = new HashMap<>();
            for (RoomState r : welcome.rooms()) atLogin.put(room(r.room()), r.lastSeq());
            for (DmState d : welcome.dms()) atLogin.put(dm(user, d.with()), d.lastSeq());
            Set<String> resends = Set.copyOf(unacked);
            Deque<String> queue = new ArrayDeque<>(unacked);
            Set<String> inFlight = new HashSet<>();
            Set<String> delivered = new HashSet<>();
            while (true) {
                while (inFlight.size() < window && (!queue.isEmpty() || more)) {
                    Msg m = queue.isEmpty() ? newMessage() : sent.get(queue.poll());
                    if (resends.contains(m.id())) resent++;
                    inFlight.add(m.id());
                    c.send(m.request());
                }
                if (inFlight.isEmpty()) break;
                switch (c.await(ServerMessage.class)) {
                    case Ack a -> acked(a, inFlight, resends, seqAtStart, atLogin, progress);
                    case ErrorReply e when inFlight.contains(e.re()) -> refused(e, inFlight, queue);
                    case ChatMessage m -> delivered(m, seqAtStart, delivered);
                    default -> {
                        // presence, member and similar events say nothing about durability
                    }
                }
            }
            c.send(new QuitRequest("bye"));
        }
    }

    private Msg newMessage() {
        String id = user + "-" + sent.size();
        int kind = random.nextInt(10);
        String room = kind < 7 ? rooms.get(kind < 5 ? 0 : 1) : null;
        String to = room == null ? peers.get(random.nextInt(peers.size())) : null;
        Msg m = new Msg(user, id, room, to, text(id), room != null ? room(room) : dm(user, to));
        sent.put(id, m);
        unacked.add(id);
        return m;
    }

    /** Mostly short texts; some long enough to span several database pages. */
    private String text(String id) {
        int length = random.nextInt(10) == 0 ? 2_000 + random.nextInt(10_000) : random.nextInt(200);
        StringBuilder b = new StringBuilder("message ").append(id).append(' ');
        for (int i = 0; i < length; i++) b.append((char) ('a' + random.nextInt(26)));
        return b.toString();
    }

    private void acked(Ack a, Set<String> inFlight, Set<String> resends, Map<String, Long> seqAtStart,
                       Map<String, Long> atLogin, AckProgress progress) {
        String id = a.re();
        if (!inFlight.remove(id)) {
            problems.add(user + ": ack for " + id + ", which is not in flight: " + a);
            return;
        }
        Msg m = sent.get(id);
        String channel = a.room() != null ? room(a.room()) : dm(user, a.to());
        if (!channel.equals(m.channel())) problems.add(user + ": ack for " + id + " names " + channel + ", not " + m.channel());
        Long before = ackedSeq.put(id, a.seq());
        if (before != null && before != a.seq()) problems.add(user + ": " + id + " acked with seq " + before + " and later " + a.seq());
        unacked.remove(id);
        long stored = seqAtStart.getOrDefault(m.channel(), 0L);
        if (resends.contains(id)) {
            // A resend acked at or below the seq the store had when this server started was committed before the kill.
            if (a.seq() <= stored) dedupAcks++;
        } else if (a.seq() <= atLogin.getOrDefault(m.channel(), 0L)) {
            problems.add(user + ": new message " + id + " got seq " + a.seq() + ", which already existed at login");
        }
        progress.acked();
    }

    private void refused(ErrorReply e, Set<String> inFlight, Deque<String> queue) {
        inFlight.remove(e.re());
        if (e.code() == ErrorCode.RATE_LIMITED) {
            // Not acked, so not stored: try again later with the same id, as the protocol says.
            rateLimited++;
            queue.addFirst(e.re());
            long ms = e.retryAfterMs() == null ? 50 : Math.min(e.retryAfterMs(), 1_000);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ms));
        } else {
            problems.add(user + ": " + e.re() + " refused with " + e.code() + ": " + e.message());
            unacked.remove(e.re());
        }
    }

    private void delivered(ChatMessage m, Map<String, Long> seqAtStart, Set<String> delivered) {
        String channel = m.room() != null ? room(m.room()) : dm(m.from(), m.to());
        if (m.seq() <= seqAtStart.getOrDefault(channel, 0L)) {
            // Stored by an earlier server process, so only a resend can have caused this delivery.
            redelivered++;
            problems.add(user + ": " + channel + " seq " + m.seq() + " (" + m.id() + ") was delivered again after a restart");
        }
        if (!delivered.add(channel + "#" + m.seq())) problems.add(user + ": " + channel + " seq " + m.seq() + " delivered twice");
    }

    /** Every message ever sent, by id, in sending order. */
    Map<String, Msg> sent() {
        return sent;
    }

    /** The seq of every acked message, by id. */
    Map<String, Long> acked() {
        return ackedSeq;
    }

    int unackedCount() {
        return unacked.size();
    }

    int resent() {
        return resent;
    }

    int dedupAcks() {
        return dedupAcks;
    }

    int rateLimited() {
        return rateLimited;
    }

    int redelivered() {
        return redelivered;
    }

    List<String> problems() {
        return problems;
    }
}
