package chatroom.server.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemGenerationException;

/**
 * Reads and writes the PEM files admins and OpenSSL use: certificate chains ({@code BEGIN
 * CERTIFICATE}, leaf first) and unencrypted private keys (PKCS#8 {@code BEGIN PRIVATE KEY}, or the
 * older {@code BEGIN RSA/EC PRIVATE KEY}). Keys are written owner-only, atomically.
 */
public final class PemFiles {
    private PemFiles() {
    }

    /** The certificates in {@code file}, in file order. */
    public static List<X509Certificate> readChain(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(reader)) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            Object item;
            while ((item = pem.readObject()) != null) {
                if (item instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                } else {
                    throw new TlsException("The certificate file " + file + " holds something other than certificates ("
                            + describe(item) + "). Put the certificate chain in one file and the private key in another.");
                }
            }
        } catch (NoSuchFileException e) {
            throw new TlsException("The certificate file " + file + " does not exist.");
        } catch (IOException | CertificateException | IllegalArgumentException e) {
            throw new TlsException("Cannot read the certificate file " + file + ": " + e.getMessage()
                    + ". It must be PEM (lines between -----BEGIN CERTIFICATE----- and -----END CERTIFICATE-----).", e);
        }
        if (chain.isEmpty()) {
            throw new TlsException("The certificate file " + file + " holds no certificate. It must be PEM "
                    + "(-----BEGIN CERTIFICATE----- ...), the server's own certificate first.");
        }
        return chain;
    }

    /** The one unencrypted private key in {@code file}. */
    public static PrivateKey readPrivateKey(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            Object item;
            while ((item = pem.readObject()) != null) {
                switch (item) {
                    case PrivateKeyInfo info -> {
                        return converter.getPrivateKey(info);
                    }
                    case PEMKeyPair pair -> {
                        return converter.getKeyPair(pair).getPrivate();
                    }
                    case PKCS8EncryptedPrivateKeyInfo ignored -> throw encrypted(file);
                    case PEMEncryptedKeyPair ignored -> throw encrypted(file);
                    default -> {
                        // EC parameters and the like precede the key in some files; skip them.
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw new TlsException("The private key file " + file + " does not exist.");
        } catch (PEMException e) {
            throw new TlsException("Cannot read the private key in " + file + ": " + e.getMessage()
                    + ". The server reads RSA, EC and Ed25519 keys in PEM.", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new TlsException("Cannot read the private key file " + file + ": " + e.getMessage()
                    + ". It must be PEM (-----BEGIN PRIVATE KEY----- ...).", e);
        }
        throw new TlsException("The file " + file + " holds no private key. It must be PEM (-----BEGIN PRIVATE KEY----- ...).");
    }

    private static TlsException encrypted(Path file) {
        return new TlsException("The private key in " + file + " is protected by a passphrase, which the server cannot "
                + "ask for at start. Write an unprotected copy readable only by the server's account: "
                + "openssl pkey -in " + file + " -out server-key.pem && chmod 600 server-key.pem");
    }

    /** Writes the certificates, leaf first, replacing {@code file} atomically. */
    public static void writeChain(Path file, List<X509Certificate> chain) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            for (X509Certificate c : chain) pem.writeObject(c);
        }
        writeOwnerOnly(file, text.toString());
    }

    /** Writes the key as PKCS#8 PEM, owner-only from the moment the file exists. */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(new JcaPKCS8Generator(key, null));
        } catch (PemGenerationException e) {
            throw new IOException("Cannot encode the private key: " + e.getMessage(), e);
        }
        writeOwnerOnly(file, text.toString());
    }

    // The temporary file is created owner-only, so the key is never readable by others, not even
    // for the moment between creating and restricting it.
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
        Path temp = posix
                ? Files.createTempFile(dir, file.getFileName() + ".", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
        try {
            if (!posix) restrictToOwner(temp);
            Files.writeString(temp, content, StandardCharsets.US_ASCII);
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Owner-only on file systems without POSIX permissions (Windows): the best java.io can do. */
    static void restrictToOwner(Path path) {
        java.io.File f = path.toFile();
        f.setReadable(false, false);
        f.setWritable(false, false);
        f.setExecutable(false, false);
        f.setReadable(true, true);
        f.setWritable(true, true);
        if (f.isDirectory()) f.setExecutable(true, true);
    }

    private static String describe(Object item) {
        return switch (item) {
            case PrivateKeyInfo ignored -> "a private key";
            case PEMKeyPair ignored -> "a private key";
            case PKCS8EncryptedPrivateKeyInfo ignored -> "an encrypted private key";
            case PEMEncryptedKeyPair ignored -> "an encrypted private key";
            default -> item.getClass().getSimpleName();
        };
    }
}
