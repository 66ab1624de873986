package chatroom.server;

import chatroom.common.codec.ProtocolCodec;
import chatroom.common.protocol.Bye;
import chatroom.common.protocol.Hello;
import chatroom.server.auth.AuthHandlers;
import chatroom.server.auth.LoginThrottle;
import chatroom.server.auth.PasswordHasher;
import chatroom.server.command.Dispatcher;
import chatroom.server.command.RequestGate;
import chatroom.server.config.ServerConfig;
import chatroom.server.message.MessageHandlers;
import chatroom.server.message.RateLimiter;
import chatroom.server.moderation.ModerationHandlers;
import chatroom.server.net.Connection;
import chatroom.server.net.DeferredWakes;
import chatroom.server.net.Outbox;
import chatroom.server.net.ConnectionLimits;
import chatroom.server.room.RoomHandlers;
import chatroom.server.room.RoomRegistry;
import chatroom.server.session.PresenceHandlers;
import chatroom.server.session.Session;
import chatroom.server.session.SessionRegistry;
import chatroom.server.store.AccountStore;
import chatroom.server.store.BanStore;
import chatroom.server.store.ChannelStore;
import chatroom.server.store.DataFolderLock;
import chatroom.server.store.Database;
import chatroom.server.store.MessageStore;
import chatroom.common.tls.Fingerprint;
import chatroom.server.tls.ServerCertificates;
import chatroom.server.tls.ServerCredentials;
import chatroom.server.tls.ServerTls;
import java.io.IOException;
import java.util.Optional;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the store, wires every component, accepts connections and stops
 * gracefully. There are no static registries; tests start as many servers as they like.
 */
public final class ChatServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatServer.class);
    /**
     * How the person reading the log runs this server's commands: each launcher sets it ({@code ./chat
     * server}, or the installed package's {@code chatroom-server}), so the first-start hint can be pasted.
     */
    public static final String COMMAND_PROPERTY = "chatroom.command";
    /** How long a login's or logout's presence and member events may wait to share a write. */
    static final Duration EVENT_COALESCING = Duration.ofMillis(100);

    private final ServerConfig config;
    private final DataFolderLock folderLock;
    private final Database database;
    private final SessionRegistry sessions;
    private final RoomRegistry rooms;
    private final Dispatcher dispatcher;
    private final RequestGate gate = new RequestGate();
    private final ProtocolCodec codec = new ProtocolCodec();
    private final ScheduledExecutorService timers;
    private final DeferredWakes deferredWakes;
    private final ServerSocket serverSocket;
    private final Hello hello;
    private final Set<Thread> connectionThreads = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionIds = new AtomicLong();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread acceptor;
    private final ServerTls tls;
    private final ConnectionLimits limits;
    private final PasswordHasher hasher;
    /** Acceptor thread only. */
    private long lastRefusalWarning;
    private long refusedSinceWarning;

    private ChatServer(ServerConfig config, Clock clock, PasswordHasher hasher) throws IOException {
        this.config = config;
        this.limits = new ConnectionLimits(config.maxUnauthenticated(), config.maxConnectionsPerIp());
        this.folderLock = DataFolderLock.acquire(config.dataDir());
        try {
            this.database = Database.open(config.dataDir());
            database.runAfterCommitsWith(Outbox::batch);
        } catch (RuntimeException e) {
            folderLock.close();
            throw e;
        }
        AccountStore accounts = new AccountStore(database);
        BanStore bans = new BanStore(database);
        ChannelStore channels = new ChannelStore(database);
        MessageStore messages = new MessageStore(database);
        this.sessions = new SessionRegistry(codec);
        this.rooms = new RoomRegistry(channels);
        this.hasher = hasher;
        this.dispatcher = new Dispatcher(
                new AuthHandlers(accounts, bans, channels, rooms, sessions, hasher, new LoginThrottle(clock), clock,
                        config.defaultRoom()),
                new RoomHandlers(channels, rooms, sessions, codec, clock),
                new MessageHandlers(messages, channels, accounts, rooms, sessions, codec, clock),
                new PresenceHandlers(sessions, accounts),
                new ModerationHandlers(accounts, bans, sessions, clock),
                accounts,
                new RateLimiter(clock, config.rateBurst(), config.ratePerSecond()),
                gate);
        ScheduledThreadPoolExecutor timerPool =
                new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("timers").daemon().factory());
        // Every connection schedules an auth timeout and cancels it at login; drop those at once.
        timerPool.setRemoveOnCancelPolicy(true);
        this.timers = timerPool;
        this.deferredWakes = new DeferredWakes(timers, EVENT_COALESCING);
        this.hello = new Hello(1, config.serverName() + " " + Version.current(), config.motd());
        try {
            this.tls = config.tls().enabled() ? startTls(config, clock) : null;
            serverSocket = new ServerSocket();
            serverSocket.setReuseAddress(true);
            serverSocket.bind(new InetSocketAddress(config.host(), config.port()), 1024);
        } catch (IOException | RuntimeException e) {
            timers.shutdownNow();
            database.close();
            folderLock.close();
            throw e;
        }
        explainFirstStart(accounts);
        acceptor = Thread.ofPlatform().name("acceptor").start(this::acceptLoop);
        log.info("Chatroom server {} listening on {}:{} (data in {})", Version.current(), config.host(), port(),
                config.dataDir().toAbsolutePath());
        if (tls != null) {
            log.info("TLS is on. Certificate SHA-256 fingerprint: {}  (users compare it with what their client shows "
                    + "the first time they connect)", tls.fingerprint());
        } else {
            log.warn("TLS is OFF (--no-tls or tls = false): passwords and messages cross the network in plain text, "
                    + "readable by anyone on it. Clients must tick \"Plain connection\".");
        }
        if (config.ratePerSecond() == 0) {
            log.warn("Flood control is OFF (rate.per_second = 0): any user may send as fast as the server stores.");
        }
    }

    private static ServerTls startTls(ServerConfig config, Clock clock) {
        ServerCredentials credentials = ServerCertificates.loadOrCreate(config, clock.instant());
        ServerCertificates.validityProblem(credentials, clock.instant()).ifPresent(log::warn);
        log.info("Certificate {}", credentials.origin());
        return ServerTls.create(credentials);
    }

    /** The fingerprint of the certificate clients see, or empty when TLS is off. */
    public Optional<Fingerprint> fingerprint() {
        return Optional.ofNullable(tls).map(ServerTls::fingerprint);
    }

    /** Starts a server; returns once it accepts connections. */
    public static ChatServer start(ServerConfig config, Clock clock) throws IOException {
        return new ChatServer(config, clock, new PasswordHasher(config.passwordIterations()));
    }

    /**
     * Starts a server that hashes new passwords with {@code hasher} instead of the configured
     * iterations. Only the benchmark server uses it, to log in thousands of users in seconds; the
     * configuration cannot go below the safe minimum.
     */
    public static ChatServer start(ServerConfig config, Clock clock, PasswordHasher hasher) throws IOException {
        return new ChatServer(config, clock, hasher);
    }

    /** PBKDF2 derivations run so far (see {@link PasswordHasher#derivations}). */
    public long passwordDerivations() {
        return hasher.derivations();
    }

    /** The port the server listens on (the real one when the config said 0). */
    public int port() {
        return serverSocket.getLocalPort();
    }

    private void explainFirstStart(AccountStore accounts) {
        try {
            if (!accounts.hasAdmin()) {
                log.info("There is no admin yet. Create one (the server may keep running) with:  {} --data {} user add NAME --role admin",
                        System.getProperty(COMMAND_PROPERTY, "java -jar chat-server.jar"), config.dataDir().toAbsolutePath());
            }
        } catch (java.sql.SQLException e) {
            log.warn("Could not check for an admin account: {}", e.getMessage());
        }
    }

    private void acceptLoop() {
        ThreadFactory factory = Thread.ofVirtual().name("conn-", 1)
                .uncaughtExceptionHandler((t, e) -> log.error("Uncaught failure in {}", t.getName(), e))
                .factory();
        while (!stopping.get()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!stopping.get()) log.error("Accepting connections failed; the server stops accepting", e);
                return;
            }
            ConnectionLimits.Ticket ticket = limits.admit(socket.getInetAddress().getHostAddress());
            if (ticket.verdict() == ConnectionLimits.Verdict.DROPPED) {
                noteRefusal(ticket);
                closeQuietly(socket);
                continue;
            }
            if (ticket.verdict() == ConnectionLimits.Verdict.REFUSED) noteRefusal(ticket);
            Connection connection = new Connection(connectionIds.incrementAndGet(), socket, ticket, tls, config, codec,
                    dispatcher, sessions, rooms, timers, deferredWakes, hello);
            Thread thread = factory.newThread(() -> {
                try {
                    connection.run();
                } finally {
                    connectionThreads.remove(Thread.currentThread());
                }
            });
            connectionThreads.add(thread);
            thread.start();
        }
    }

    /** One warning a minute at most: a flood of refusals must not flood the log as well. */
    private void noteRefusal(ConnectionLimits.Ticket ticket) {
        refusedSinceWarning++;
        long now = System.nanoTime();
        if (lastRefusalWarning != 0 && now - lastRefusalWarning < TimeUnit.MINUTES.toNanos(1)) return;
        log.warn("Refused {} connection(s) over the caps; the latest: {}", refusedSinceWarning, ticket.refusal());
        lastRefusalWarning = now;
        refusedSinceWarning = 0;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("Closing a dropped connection failed: {}", e.getMessage());
        }
    }

    /**
     * Stops gracefully: no new connections, {@code bye server_shutdown} to every client, waits up
     * to the shutdown grace for the connections to end, then flushes and closes the store.
     * Idempotent; a second caller waits for the first to finish.
     */
    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        log.info("Shutting down: telling {} connections", sessions.connections().size());
        try {
            serverSocket.close();
        } catch (IOException e) {
            log.warn("Closing the listening socket failed: {}", e.getMessage());
        }
        // Requests being handled finish (a message being stored still gets its ack); new ones
        // get server_shutdown. Then everyone gets bye.
        if (!gate.closeAndAwait(config.shutdownGrace().dividedBy(2))) {
            log.warn("Some requests were still running at shutdown; their clients may not get a reply");
        }
        for (Session s : sessions.connections()) s.close(new Bye(null, "server_shutdown"));
        Instant deadline = Instant.now().plus(config.shutdownGrace());
        for (Thread t : Set.copyOf(connectionThreads)) {
            Duration left = Duration.between(Instant.now(), deadline);
            try {
                if (left.isNegative() || !t.join(left)) break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            acceptor.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        database.close();
        timers.shutdownNow();
        try {
            folderLock.close();
        } catch (IOException e) {
            log.warn("Releasing the data folder lock failed: {}", e.getMessage());
        }
        log.info("Stopped");
        stopped.countDown();
    }

    /** Blocks until {@link #close} has finished. */
    public void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
