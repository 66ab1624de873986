package chatroom.client.service;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a server listens, and whether to speak TLS to it.
 *
 * @param host host name or IP address
 * @param port TCP port
 * @param tls true (the default) for TLS with a pinned certificate, false for plain TCP to a server
 *     started with {@code --no-tls}
 */
public record ServerAddress(String host, int port, boolean tls) {
    /** The port the server uses unless told otherwise. */
    public static final int DEFAULT_PORT = 7447;

    public ServerAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) throw new IllegalArgumentException("host is blank");
        if (port < 1 || port > 65_535) throw new IllegalArgumentException("port out of range: " + port);
    }

    /** A TLS address. */
    public ServerAddress(String host, int port) {
        this(host, port, true);
    }

    /** Whether both name the same host and port (host names are case-insensitive); the transport does not matter. */
    public boolean sameServerAs(String otherHost, int otherPort) {
        return port == otherPort && host.toLowerCase(Locale.ROOT).equals(otherHost.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
