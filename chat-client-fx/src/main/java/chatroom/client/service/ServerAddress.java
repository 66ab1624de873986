package chatroom.client.service;

import java.util.Objects;

/** Where a server listens. */
public record ServerAddress(String host, int port) {
    /** The port the server uses unless told otherwise. */
    public static final int DEFAULT_PORT = 7447;

    public ServerAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) throw new IllegalArgumentException("host is blank");
        if (port < 1 || port > 65_535) throw new IllegalArgumentException("port out of range: " + port);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
