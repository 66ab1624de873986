package chatroom.server.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates as an organisation's own CA would issue them, for tests of admin-supplied PEM files. */
final class TestCertificates {
    private TestCertificates() {
    }

    /** A chain (leaf, CA) and the leaf's RSA key pair. */
    record Issued(List<X509Certificate> chain, KeyPair keyPair) {
    }

    static Issued issueFromOwnCa(String host) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair ca = rsa.generateKeyPair();
        KeyPair leaf = rsa.generateKeyPair();
        X509Certificate caCert = certificate("CN=Test Org CA", "CN=Test Org CA", ca.getPublic(), ca.getPrivate(), true);
        X509Certificate leafCert = certificate("CN=" + host, "CN=Test Org CA", leaf.getPublic(), ca.getPrivate(), false);
        return new Issued(List.of(leafCert, caCert), leaf);
    }

    private static X509Certificate certificate(String subject, String issuer, PublicKey key, PrivateKey signer, boolean ca)
            throws Exception {
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), new X500Name(subject), key);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer)));
    }

    /** The key in the older OpenSSL form ({@code BEGIN RSA PRIVATE KEY}) many admins still have. */
    static void writeTraditionalKey(Path file, KeyPair pair) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(pair);
        }
        Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
    }
}
