package chatroom.server.reliability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy for tests that breaks the connections it carries, on purpose and reproducibly.
 *
 * <p>It listens on a free loopback port and connects each accepted client to the target port.
 * Every connection gets a {@link FaultPlanner} seeded from the proxy's seed and the connection's
 * index, which says which {@link Fault} happens after how many bytes in which direction. It works
 * on bytes only, so it serves TLS as well as plain TCP. {@link #calm()} stops all further faults,
 * so a test can let the clients settle before it checks the outcome. {@link #close()} closes the
 * listener and every connection and waits for the threads to end.
 */
public final class FaultyProxy implements AutoCloseable {
    private static final int JOURNAL_SIZE = 100;
    /** Where TestServer listens, and so where the proxy listens too. */
    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    /**
     * How far apart faults are, in bytes, and how long the timed ones last. A fault is placed
     * uniformly within {@code upSpan} client bytes or {@code downSpan} server bytes after the
     * start of its connection (or the stall before it), so smaller spans mean more faults.
     *
     * @param maxStallMillis a stall lasts 50 ms up to 50 + this
     * @param maxHoldMillis an ack loss swallows replies for 20 ms up to 20 + this before the reset
     */
    public record Settings(int upSpan, int downSpan, int maxStallMillis, int maxHoldMillis) {
        /**
         * In the default test a client sends about 55 KiB and receives about 350 KiB, so this
         * gives each client three to six faults. Few, because every reconnect is a login, and
         * logins cost PBKDF2 time that the server spends one at a time on a small machine. Yet no
         * offset reaches half of a client's traffic either way, so every proxy fires at least two
         * faults, and with kinds dealt in turn (see {@link FaultPlanner}) four proxies whose seeds
         * differ by one fire every kind.
         */
        public static Settings defaults() {
            return new Settings(18_000, 150_000, 400, 150);
        }
    }

    private final long seed;
    private final Settings settings;
    private final int targetPort;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final Set<ProxyLink> links = ConcurrentHashMap.newKeySet();
    private final List<ProxyLink> everyLink = Collections.synchronizedList(new ArrayList<>());
    private final Map<Fault, AtomicInteger> fired = new EnumMap<>(Fault.class);
    private final ConcurrentLinkedDeque<String> journal = new ConcurrentLinkedDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger planned = new AtomicInteger();
    private final AtomicLong upBytes = new AtomicLong();
    private final AtomicLong downBytes = new AtomicLong();
    private volatile boolean calm;

    private FaultyProxy(int targetPort, long seed, Settings settings) throws IOException {
        this.targetPort = targetPort;
        this.seed = seed;
        this.settings = settings;
        for (Fault f : Fault.values()) fired.put(f, new AtomicInteger());
        listener = new ServerSocket(0, 50, LOOPBACK);
        acceptor = Thread.ofPlatform().name("faulty-proxy-" + listener.getLocalPort()).daemon().start(this::acceptLoop);
    }

    /** Starts a proxy in front of {@code targetPort} on the loopback address. */
    public static FaultyProxy start(int targetPort, long seed, Settings settings) throws IOException {
        return new FaultyProxy(targetPort, seed, settings);
    }

    /** The port clients connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** The seed the fault plans come from. */
    public long seed() {
        return seed;
    }

    private void acceptLoop() {
        while (true) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            int index = accepted.getAndIncrement();
            Socket server = new Socket();
            try {
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                server.connect(new InetSocketAddress(LOOPBACK, targetPort));
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            FaultPlanner planner = calm ? null : new FaultPlanner(seed, index, planned::getAndIncrement, settings);
            ProxyLink link = new ProxyLink(this, index, client, server, planner);
            links.add(link);
            everyLink.add(link);
            if (closed.getCount() == 0) link.close(); // raced with close()
            else link.start();
        }
    }

    /** From now on no connection, open or new, gets a fault. Stalls in progress run out. */
    public void calm() {
        calm = true;
    }

    boolean isCalm() {
        return calm;
    }

    /** How many faults of each kind have fired. */
    public Map<Fault, Integer> fired() {
        Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
        fired.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    /** How many connections the proxy has accepted. */
    public int connections() {
        return accepted.get();
    }

    /** Bytes carried from clients to the server. */
    public long upBytes() {
        return upBytes.get();
    }

    /** Bytes carried from the server to clients. */
    public long downBytes() {
        return downBytes.get();
    }

    void carried(Fault.Direction d, int bytes) {
        (d == Fault.Direction.UP ? upBytes : downBytes).addAndGet(bytes);
    }

    /** The most recent faults, oldest first, to show with a failure. */
    public List<String> journal() {
        return List.copyOf(journal);
    }

    void fired(Fault kind, String description) {
        fired.get(kind).incrementAndGet();
        journal.addLast(description);
        while (journal.size() > JOURNAL_SIZE) journal.pollFirst();
    }

    void forget(ProxyLink link) {
        links.remove(link);
    }

    /** Waits {@code duration} as fault behaviour (a stall, a hold); returns true early if the proxy closed. */
    boolean pause(Duration duration) {
        try {
            return closed.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        listener.close();
        for (ProxyLink link : List.copyOf(links)) link.close();
        try {
            acceptor.join(Duration.ofSeconds(5));
            List<ProxyLink> all;
            synchronized (everyLink) {
                all = List.copyOf(everyLink);
            }
            for (ProxyLink link : all) link.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Best effort: the socket is unusable either way.
        }
    }
}
