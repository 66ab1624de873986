package chatroom.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Every server setting, validated once at start. Built by {@link ConfigLoader} from defaults, then
 * the config file, then {@code CHATROOM_*} environment variables, then command-line flags.
 *
 * @param host address to listen on
 * @param port TCP port; 0 picks a free one (tests)
 * @param dataDir folder holding the database and logs
 * @param serverName name sent in {@code hello}
 * @param motd message of the day sent in {@code hello}
 * @param defaultRoom the room every user is a member of after login
 * @param maxFrameBytes largest frame accepted, newline included
 * @param authTimeout how long a connection may stay without logging in
 * @param maxUnauthenticated connections that have not logged in yet, server-wide, beyond which
 *     new ones are refused
 * @param maxConnectionsPerIp connections from one IP address, logged in or not, beyond which new
 *     ones from it are refused
 * @param pingInterval idle time after which the server pings a client; twice this without any
 *     frame and the client is dropped
 * @param outboxMaxBytes bytes queued for one client before it is dropped as a slow consumer
 * @param rateBurst messages (say, dm, typing) a user may send at once
 * @param ratePerSecond messages a user may send per second, sustained; 0 turns the limit off
 * @param passwordIterations PBKDF2-HMAC-SHA256 iterations for new password hashes
 * @param shutdownGrace how long shutdown waits for clients to receive {@code bye}
 * @param tls whether and with which certificate connections are encrypted
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        String serverName,
        String motd,
        String defaultRoom,
        int maxFrameBytes,
        Duration authTimeout,
        int maxUnauthenticated,
        int maxConnectionsPerIp,
        Duration pingInterval,
        long outboxMaxBytes,
        int rateBurst,
        double ratePerSecond,
        int passwordIterations,
        Duration shutdownGrace,
        TlsConfig tls) {

    /** The lowest PBKDF2 iteration count accepted (OWASP's 2023 advice for PBKDF2-HMAC-SHA256). */
    public static final int MIN_PASSWORD_ITERATIONS = 600_000;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(motd, "motd");
        Objects.requireNonNull(defaultRoom, "defaultRoom");
        Objects.requireNonNull(tls, "tls");
        require(port >= 0 && port <= 65_535, "port must be between 0 and 65535, not " + port + ".");
        require(maxFrameBytes >= 1024 && maxFrameBytes <= 16 * 1024 * 1024,
                "max_frame_bytes must be between 1024 and 16777216, not " + maxFrameBytes + ".");
        require(positive(authTimeout), "auth_timeout_seconds must be positive.");
        require(maxUnauthenticated >= 1,
                "max_unauthenticated_connections must be at least 1, not " + maxUnauthenticated + ".");
        require(maxConnectionsPerIp >= 1, "max_connections_per_ip must be at least 1, not " + maxConnectionsPerIp + ".");
        require(positive(pingInterval), "ping_interval_seconds must be positive.");
        require(outboxMaxBytes >= maxFrameBytes,
                "outbox_max_bytes (" + outboxMaxBytes + ") must be at least max_frame_bytes (" + maxFrameBytes + ").");
        require(rateBurst >= 1, "rate.burst must be at least 1, not " + rateBurst + ".");
        require(ratePerSecond >= 0, "rate.per_second must be 0 (no limit) or more, not " + ratePerSecond + ".");
        require(passwordIterations >= MIN_PASSWORD_ITERATIONS,
                "password_iterations must be at least " + MIN_PASSWORD_ITERATIONS + ", not " + passwordIterations + ".");
        require(positive(shutdownGrace), "shutdown_grace_seconds must be positive.");
        String problem = chatroom.common.model.Names.problem(defaultRoom, "default room name");
        require(problem == null, problem);
    }

    /** The settings with their defaults, data in {@code dataDir}. */
    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig("0.0.0.0", 7447, dataDir, "chatroom-server", "Welcome to Chatroom.", "lobby",
                65_536, Duration.ofSeconds(10), 256, 64, Duration.ofSeconds(30), 1L << 20, 10, 5.0,
                MIN_PASSWORD_ITERATIONS, Duration.ofSeconds(5), TlsConfig.selfSigned());
    }

    /** A copy listening on {@code host}:{@code port}. */
    public ServerConfig withAddress(String host, int port) {
        return new ServerConfig(host, port, dataDir, serverName, motd, defaultRoom, maxFrameBytes, authTimeout,
                maxUnauthenticated, maxConnectionsPerIp, pingInterval, outboxMaxBytes, rateBurst, ratePerSecond,
                passwordIterations, shutdownGrace, tls);
    }

    /** A copy with other timeouts (tests use short ones). */
    public ServerConfig withTimeouts(Duration authTimeout, Duration pingInterval) {
        return new ServerConfig(host, port, dataDir, serverName, motd, defaultRoom, maxFrameBytes, authTimeout,
                maxUnauthenticated, maxConnectionsPerIp, pingInterval, outboxMaxBytes, rateBurst, ratePerSecond,
                passwordIterations, shutdownGrace, tls);
    }

    /** A copy with other limits. */
    public ServerConfig withLimits(int maxFrameBytes, long outboxMaxBytes, int rateBurst, double ratePerSecond) {
        return new ServerConfig(host, port, dataDir, serverName, motd, defaultRoom, maxFrameBytes, authTimeout,
                maxUnauthenticated, maxConnectionsPerIp, pingInterval, outboxMaxBytes, rateBurst, ratePerSecond,
                passwordIterations, shutdownGrace, tls);
    }

    /** A copy with other caps on connections. */
    public ServerConfig withConnectionCaps(int maxUnauthenticated, int maxConnectionsPerIp) {
        return new ServerConfig(host, port, dataDir, serverName, motd, defaultRoom, maxFrameBytes, authTimeout,
                maxUnauthenticated, maxConnectionsPerIp, pingInterval, outboxMaxBytes, rateBurst, ratePerSecond,
                passwordIterations, shutdownGrace, tls);
    }

    /** A copy with other TLS settings. */
    public ServerConfig withTls(TlsConfig value) {
        return new ServerConfig(host, port, dataDir, serverName, motd, defaultRoom, maxFrameBytes, authTimeout,
                maxUnauthenticated, maxConnectionsPerIp, pingInterval, outboxMaxBytes, rateBurst, ratePerSecond,
                passwordIterations, shutdownGrace, value);
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new ConfigException(message);
    }
}
