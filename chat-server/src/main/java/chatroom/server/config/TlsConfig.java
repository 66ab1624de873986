package chatroom.server.config;

import java.nio.file.Path;

/**
 * How the server encrypts connections.
 *
 * @param enabled TLS on the main port (the default); false serves plain TCP, for trusted test
 *     networks or a TLS-terminating proxy in front
 * @param certificate a PEM certificate chain the admin supplies (leaf first), or null to use the
 *     self-signed certificate the server makes in {@code data/tls}
 * @param privateKey the PEM private key of {@code certificate}; given exactly when it is
 */
public record TlsConfig(boolean enabled, Path certificate, Path privateKey) {
    public TlsConfig {
        if ((certificate == null) != (privateKey == null)) {
            throw new ConfigException(certificate == null
                    ? "tls.private_key is set but tls.certificate is not: give both, or neither to use the server's own certificate."
                    : "tls.certificate is set but tls.private_key is not: give both, or neither to use the server's own certificate.");
        }
    }

    /** TLS with the server's own self-signed certificate. */
    public static TlsConfig selfSigned() {
        return new TlsConfig(true, null, null);
    }

    /** Plain TCP. */
    public static TlsConfig off() {
        return new TlsConfig(false, null, null);
    }

    /** Whether the admin supplied the certificate. */
    public boolean suppliedCertificate() {
        return certificate != null;
    }
}
