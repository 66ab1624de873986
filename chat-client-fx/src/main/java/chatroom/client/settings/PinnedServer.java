package chatroom.client.settings;

import chatroom.common.tls.Fingerprint;
import java.util.Objects;

/**
 * A server whose certificate the user accepted on first connection, like an entry in SSH's
 * {@code known_hosts}: later connections to the same host and port must present a certificate
 * with this fingerprint, so a changed certificate is reported instead of trusted.
 *
 * <p>Pins are per host <em>and</em> port, because two servers on one machine have separate
 * certificates. The host is normalised like {@link ServerEntry#host()}, so the pin is found again
 * whichever way the user spells an IPv6 literal.
 *
 * @param host        the host name or IP address, without brackets even for IPv6 literals
 * @param port        the TCP port, 1 to 65535
 * @param fingerprint the SHA-256 fingerprint of the certificate the user accepted
 */
public record PinnedServer(String host, int port, Fingerprint fingerprint) {

    public PinnedServer {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(fingerprint, "fingerprint");
        host = Hosts.normalise(host);
        Hosts.checkPort(port);
    }

    /**
     * Whether this pin is for the server at {@code host} and {@code port}. The host is compared
     * case-insensitively and may be given in brackets; a blank host matches no pin rather than
     * throwing, since it names no server.
     */
    public boolean sameServerAs(String host, int port) {
        Objects.requireNonNull(host, "host");
        return this.port == port && Hosts.same(this.host, Hosts.strip(host));
    }

    /** The server as the user would type it, like {@link ServerEntry#label()}. */
    public String label() {
        return Hosts.label(host, port);
    }
}
