package chatroom.server.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes the key pair and self-signed certificate a server uses when the admin supplied none.
 * ECDSA P-256: every TLS 1.2 and 1.3 client supports it, and handshakes are cheaper than with RSA.
 * Clients trust it by its pinned fingerprint, not by a CA, so a long validity only spares admins a
 * fingerprint change that every user would have to confirm.
 */
public final class SelfSignedCertificate {
    /** How long a generated certificate is valid. */
    public static final Duration VALIDITY = Duration.ofDays(3650);

    private SelfSignedCertificate() {
    }

    /** A fresh key pair and certificate for {@code serverName}, valid from an hour before {@code now}. */
    public static ServerCredentials generate(String serverName, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            String host = localHostName();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, serverName + (host == null ? "" : " on " + host))
                    .addRDN(BCStyle.O, "Chatroom (self-signed)")
                    .build();
            BigInteger serial = new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
            // An hour of slack: a client whose clock is a little behind must not see "not yet valid".
            Date from = Date.from(now.minus(Duration.ofHours(1)));
            Date to = Date.from(now.plus(VALIDITY));
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial, from, to, subject,
                    pair.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(host));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new ServerCredentials(List.of(certificate), pair.getPrivate(), "generated");
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new TlsException("Cannot make a certificate for the server: " + e.getMessage(), e);
        }
    }

    // Names let tools that check host names (openssl -verify_hostname, a browser) show something
    // sensible; our clients trust the pin, not the names.
    private static GeneralNames alternativeNames(String host) {
        Set<String> names = new LinkedHashSet<>();
        if (host != null) names.add(host);
        names.add("localhost");
        List<GeneralName> list = new ArrayList<>();
        for (String name : names) list.add(new GeneralName(GeneralName.dNSName, name));
        list.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        list.add(new GeneralName(GeneralName.iPAddress, "::1"));
        return new GeneralNames(list.toArray(GeneralName[]::new));
    }

    private static String localHostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() || !name.matches("[A-Za-z0-9.-]+") ? null : name;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
