package chatroom.client.settings;

import java.util.Locale;
import java.util.Objects;

/**
 * A server the user has connected to, remembered with the user name last used there so the login
 * form can be filled in again.
 *
 * @param host the host name or IP address, without brackets even for IPv6 literals
 * @param port the TCP port, 1 to 65535
 * @param user the user name last used on this server; empty when none was used yet, never null
 */
public record ServerEntry(String host, int port, String user) {

    public ServerEntry {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        host = host.strip();
        // Users paste IPv6 addresses in URL form; keep one spelling so duplicates are recognised.
        if (host.length() >= 2 && host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1).strip();
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("The host must not be blank.");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("The port must be between 1 and 65535, not " + port + ".");
        }
    }

    /**
     * The server as the user would type it: {@code host:port}, with IPv6 literals in brackets
     * ({@code [fe80::1]:7447}) because the bare form would be ambiguous.
     */
    public String label() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Whether both entries name the same server; host names are case-insensitive, user names do not matter. */
    public boolean sameServerAs(ServerEntry other) {
        return port == other.port && host.toLowerCase(Locale.ROOT).equals(other.host.toLowerCase(Locale.ROOT));
    }
}
