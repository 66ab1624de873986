package chatroom.server.net;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The caps on connections: how many may wait without logging in, server-wide, and how many one IP
 * address may hold. The acceptor asks for a {@link Ticket} for every accepted socket; the ticket
 * says whether the connection is admitted, to be refused with a sentence, or dropped without a
 * word, and it gives its place back when the connection ends.
 *
 * <p>Refusing politely costs a TLS handshake, so the number of connections being refused at once
 * is capped too: past {@link #MAX_BEING_REFUSED} a flood is simply closed, which is all a flood
 * deserves. Every method is a short critical section under {@code lock}, taken alone; nothing
 * blocks under it.
 */
public final class ConnectionLimits {
    /** Connections being told "no" at once; more are closed without a word. */
    static final int MAX_BEING_REFUSED = 64;

    private final int maxUnauthenticated;
    private final int maxPerIp;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> perIp = new HashMap<>();
    private int unauthenticated;
    private int beingRefused;

    /** Caps at {@code maxUnauthenticated} guests server-wide and {@code maxPerIp} connections per address. */
    public ConnectionLimits(int maxUnauthenticated, int maxPerIp) {
        this.maxUnauthenticated = maxUnauthenticated;
        this.maxPerIp = maxPerIp;
    }

    /** What happens to a connection. */
    public enum Verdict {
        /** Served; counts as a guest until it logs in. */
        ADMITTED,
        /** Told why (after the TLS handshake), then closed. */
        REFUSED,
        /** Closed at once: too many are being refused already. */
        DROPPED
    }

    /** Decides on a new connection from {@code ip}. */
    public Ticket admit(String ip) {
        lock.lock();
        try {
            return decide(ip);
        } finally {
            lock.unlock();
        }
    }

    private Ticket decide(String ip) {
        int fromIp = perIp.getOrDefault(ip, 0);
        String refusal = null;
        if (fromIp >= maxPerIp) {
            refusal = "This server allows " + maxPerIp + (maxPerIp == 1 ? " connection" : " connections")
                    + " from one address, and " + ip
                    + " has them all. Close Chatroom windows you do not need, or ask the server's admin to raise "
                    + "max_connections_per_ip.";
        } else if (unauthenticated >= maxUnauthenticated) {
            refusal = "The server is busy with " + unauthenticated + " connections that have not logged in yet. "
                    + "Try again in a few seconds.";
        }
        if (refusal == null) {
            perIp.merge(ip, 1, Integer::sum);
            unauthenticated++;
            return new Ticket(ip, Verdict.ADMITTED, null);
        }
        if (beingRefused >= MAX_BEING_REFUSED) return new Ticket(ip, Verdict.DROPPED, refusal);
        beingRefused++;
        return new Ticket(ip, Verdict.REFUSED, refusal);
    }

    /** Connections not logged in yet (for tests and logs). */
    public int unauthenticated() {
        lock.lock();
        try {
            return unauthenticated;
        } finally {
            lock.unlock();
        }
    }

    /** Open connections from {@code ip} (for tests and logs). */
    public int from(String ip) {
        lock.lock();
        try {
            return perIp.getOrDefault(ip, 0);
        } finally {
            lock.unlock();
        }
    }

    /** One connection's place in the counts. Its methods are idempotent. */
    public final class Ticket {
        private final String ip;
        private final Verdict verdict;
        private final String refusal;
        private boolean loggedIn;
        private boolean released;

        private Ticket(String ip, Verdict verdict, String refusal) {
            this.ip = ip;
            this.verdict = verdict;
            this.refusal = refusal;
        }

        /** Whether the connection is served, refused or dropped. */
        public Verdict verdict() {
            return verdict;
        }

        /** Why the connection is refused; null when it is admitted. */
        public String refusal() {
            return verdict == Verdict.ADMITTED ? null : refusal;
        }

        /** The connection logged in: it no longer counts as a guest. */
        public void loggedIn() {
            lock.lock();
            try {
                if (verdict != Verdict.ADMITTED || loggedIn || released) return;
                loggedIn = true;
                unauthenticated--;
            } finally {
                lock.unlock();
            }
        }

        /** The connection ended: its place is free. */
        public void release() {
            lock.lock();
            try {
                if (released) return;
                released = true;
                switch (verdict) {
                    case ADMITTED -> {
                        if (!loggedIn) unauthenticated--;
                        perIp.computeIfPresent(ip, (k, n) -> n == 1 ? null : n - 1);
                    }
                    case REFUSED -> beingRefused--;
                    case DROPPED -> { }
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
