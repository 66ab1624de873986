package chatroom.server.tls;

import chatroom.common.tls.Fingerprint;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What the server proves itself with: its certificate chain (its own certificate first) and the
 * private key of that certificate.
 *
 * @param chain the certificate chain, leaf first, never empty
 * @param key the leaf certificate's private key
 * @param origin where they came from, for the start-up log ("generated in …", "read from …")
 */
public record ServerCredentials(List<X509Certificate> chain, PrivateKey key, String origin) {
    public ServerCredentials {
        chain = List.copyOf(chain);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(origin, "origin");
        if (chain.isEmpty()) throw new IllegalArgumentException("chain is empty");
    }

    /** The server's own certificate. */
    public X509Certificate leaf() {
        return chain.getFirst();
    }

    /** The SHA-256 fingerprint clients pin. */
    public Fingerprint fingerprint() {
        return Fingerprint.of(leaf());
    }
}
