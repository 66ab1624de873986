package chatroom.server.tls;

import chatroom.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Finds the credentials the server runs with: the admin's PEM files when the settings name them,
 * otherwise the self-signed pair in {@code data/tls}, made on first start and reused after, so the
 * fingerprint clients pinned stays the same across restarts.
 */
public final class ServerCertificates {
    /** The folder in the data folder holding the generated pair. */
    public static final String FOLDER = "tls";
    public static final String CERTIFICATE_FILE = "server-cert.pem";
    public static final String KEY_FILE = "server-key.pem";

    private ServerCertificates() {
    }

    /** The credentials to use, generating the self-signed pair if there is none yet. */
    public static ServerCredentials loadOrCreate(ServerConfig config, Instant now) {
        if (config.tls().suppliedCertificate()) {
            return read(config.tls().certificate(), config.tls().privateKey(), "read from " + config.tls().certificate());
        }
        Path dir = config.dataDir().resolve(FOLDER);
        Path cert = dir.resolve(CERTIFICATE_FILE);
        Path key = dir.resolve(KEY_FILE);
        boolean hasCert = Files.exists(cert);
        boolean hasKey = Files.exists(key);
        if (hasCert && hasKey) return read(cert, key, "read from " + cert);
        if (hasCert || hasKey) {
            throw new TlsException("Only half of the server's certificate is in " + dir.toAbsolutePath() + ": "
                    + (hasCert ? KEY_FILE : CERTIFICATE_FILE) + " is missing. Restore it from a backup to keep the "
                    + "fingerprint clients have pinned, or delete " + (hasCert ? CERTIFICATE_FILE : KEY_FILE)
                    + " to make a new certificate (every user will then be asked to accept the new fingerprint).");
        }
        ServerCredentials made = SelfSignedCertificate.generate(config.serverName(), now);
        try {
            createOwnerOnlyFolder(dir);
            // The key first: a certificate without its key is useless, the reverse can be re-issued.
            PemFiles.writePrivateKey(key, made.key());
            PemFiles.writeChain(cert, made.chain());
        } catch (IOException e) {
            throw new TlsException("Cannot save the server's new certificate in " + dir.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
        return new ServerCredentials(made.chain(), made.key(), "generated in " + dir.toAbsolutePath());
    }

    /** Whether {@link #loadOrCreate} would make a new self-signed pair (none supplied, none made yet). */
    public static boolean needsGenerating(ServerConfig config) {
        Path dir = config.dataDir().resolve(FOLDER);
        return !config.tls().suppliedCertificate()
                && !Files.exists(dir.resolve(CERTIFICATE_FILE)) && !Files.exists(dir.resolve(KEY_FILE));
    }

    /** Warnings an admin should see at start: an expired or not yet valid certificate. */
    public static Optional<String> validityProblem(ServerCredentials credentials, Instant now) {
        X509Certificate leaf = credentials.leaf();
        try {
            leaf.checkValidity(Date.from(now));
            return Optional.empty();
        } catch (CertificateExpiredException e) {
            return Optional.of("The server's certificate expired on " + leaf.getNotAfter().toInstant()
                    + ". Our clients trust it by its pinned fingerprint and keep working, but other TLS tools will refuse it; "
                    + "renew it (" + credentials.origin() + ").");
        } catch (CertificateNotYetValidException e) {
            return Optional.of("The server's certificate is valid only from " + leaf.getNotBefore().toInstant()
                    + "; check this machine's clock.");
        }
    }

    private static ServerCredentials read(Path certFile, Path keyFile, String origin) {
        List<X509Certificate> chain = PemFiles.readChain(certFile);
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        if (!matches(key, chain.getFirst().getPublicKey())) {
            throw new TlsException("The private key in " + keyFile + " does not belong to the first certificate in "
                    + certFile + ". Put the server's own certificate first in the chain, and use its key.");
        }
        return new ServerCredentials(chain, key, origin);
    }

    /** Proves the pair belongs together by signing with one and verifying with the other. */
    private static boolean matches(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) return false;
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) return true; // an unusual key type: the TLS handshake will tell
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void createOwnerOnlyFolder(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (Files.getFileAttributeView(parent, PosixFileAttributeView.class) != null) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectory(dir);
            PemFiles.restrictToOwner(dir);
        }
    }
}
