package chatroom.client.settings;

import java.util.Objects;

/**
 * A server the user has connected to, remembered with the user name last used there so the login
 * form can be filled in again.
 *
 * @param host  the host name or IP address, without brackets even for IPv6 literals
 * @param port  the TCP port, 1 to 65535
 * @param user  the user name last used on this server; empty when none was used yet, never null
 * @param plain whether the user ticked "Plain connection" for this server, i.e. it was started with
 *              {@code --no-tls}. Remembered per server rather than as one global switch, so that
 *              picking a TLS server from the list never silently drops encryption
 */
public record ServerEntry(String host, int port, String user, boolean plain) {

    public ServerEntry {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        // Users paste IPv6 addresses in URL form; keep one spelling so duplicates are recognised.
        host = Hosts.normalise(host);
        Hosts.checkPort(port);
    }

    /** A server reached over TLS, the normal case; see {@link #plain()}. */
    public ServerEntry(String host, int port, String user) {
        this(host, port, user, false);
    }

    /**
     * The server as the user would type it: {@code host:port}, with IPv6 literals in brackets
     * ({@code [fe80::1]:7447}) because the bare form would be ambiguous.
     */
    public String label() {
        return Hosts.label(host, port);
    }

    /**
     * Whether both entries name the same server; host names are case-insensitive, and neither the
     * user name nor {@link #plain()} matters, because both describe how the server was last used,
     * not which server it is.
     */
    public boolean sameServerAs(ServerEntry other) {
        return port == other.port && Hosts.same(host, other.host);
    }
}
