package chatroom.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.server.config.ServerConfig;
import chatroom.server.config.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad certificate files stop the server with a sentence that names the file and the fix. */
class ServerCertificatesTest {
    @TempDir
    Path data;

    private ServerConfig supplied(Path cert, Path key) {
        return ServerConfig.defaults(data).withTls(new TlsConfig(true, cert, key));
    }

    @Test
    void theGeneratedPairIsMadeOnceAndReadBackIdentically() {
        ServerConfig config = ServerConfig.defaults(data);
        ServerCredentials made = ServerCertificates.loadOrCreate(config, Instant.now());
        ServerCredentials again = ServerCertificates.loadOrCreate(config, Instant.now());
        assertEquals(made.fingerprint(), again.fingerprint());
        assertEquals(made.key(), again.key());
        assertTrue(made.origin().startsWith("generated in "), made.origin());
        assertTrue(again.origin().startsWith("read from "), again.origin());
        assertEquals("EC", made.key().getAlgorithm());
    }

    @Test
    void halfAGeneratedPairIsNotSilentlyReplaced() throws Exception {
        ServerConfig config = ServerConfig.defaults(data);
        ServerCertificates.loadOrCreate(config, Instant.now());
        Path key = data.resolve("tls").resolve(ServerCertificates.KEY_FILE);
        Files.delete(key);
        TlsException e = assertThrows(TlsException.class, () -> ServerCertificates.loadOrCreate(config, Instant.now()));
        assertTrue(e.getMessage().contains("server-key.pem is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("Restore it from a backup"), e.getMessage());
        assertTrue(Files.exists(data.resolve("tls").resolve(ServerCertificates.CERTIFICATE_FILE)), "the certificate is kept");
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRefused() throws Exception {
        TestCertificates.Issued one = TestCertificates.issueFromOwnCa("a.lan");
        TestCertificates.Issued other = TestCertificates.issueFromOwnCa("b.lan");
        Path cert = data.resolve("chain.pem");
        Path key = data.resolve("key.pem");
        PemFiles.writeChain(cert, one.chain());
        TestCertificates.writeTraditionalKey(key, other.keyPair());
        TlsException e = assertThrows(TlsException.class, () -> ServerCertificates.loadOrCreate(supplied(cert, key), Instant.now()));
        assertTrue(e.getMessage().contains("does not belong to the first certificate in " + cert), e.getMessage());
    }

    @Test
    void theChainMustStartWithTheServersOwnCertificate() throws Exception {
        TestCertificates.Issued issued = TestCertificates.issueFromOwnCa("a.lan");
        Path cert = data.resolve("chain.pem");
        Path key = data.resolve("key.pem");
        PemFiles.writeChain(cert, List.of(issued.chain().get(1), issued.chain().get(0)));
        PemFiles.writePrivateKey(key, issued.keyPair().getPrivate());
        TlsException e = assertThrows(TlsException.class, () -> ServerCertificates.loadOrCreate(supplied(cert, key), Instant.now()));
        assertTrue(e.getMessage().contains("Put the server's own certificate first"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path cert = data.resolve("nope.pem");
        TlsException e = assertThrows(TlsException.class,
                () -> ServerCertificates.loadOrCreate(supplied(cert, data.resolve("k.pem")), Instant.now()));
        assertEquals("The certificate file " + cert + " does not exist.", e.getMessage());
    }

    @Test
    void somethingThatIsNotPemIsExplained() throws Exception {
        Path cert = Files.writeString(data.resolve("chain.pem"), "this is not a certificate\n");
        TlsException e = assertThrows(TlsException.class,
                () -> ServerCertificates.loadOrCreate(supplied(cert, data.resolve("k.pem")), Instant.now()));
        assertTrue(e.getMessage().contains("holds no certificate"), e.getMessage());
    }

    @Test
    void aKeyFileGivenAsTheCertificateIsExplained() throws Exception {
        TestCertificates.Issued issued = TestCertificates.issueFromOwnCa("a.lan");
        Path key = data.resolve("key.pem");
        PemFiles.writePrivateKey(key, issued.keyPair().getPrivate());
        TlsException e = assertThrows(TlsException.class, () -> ServerCertificates.loadOrCreate(supplied(key, key), Instant.now()));
        assertTrue(e.getMessage().contains("holds something other than certificates (a private key)"), e.getMessage());
    }

    @Test
    void aPassphraseProtectedKeyIsRefusedWithTheCommandThatUnlocksIt() throws Exception {
        TestCertificates.Issued issued = TestCertificates.issueFromOwnCa("a.lan");
        Path cert = data.resolve("chain.pem");
        Path key = data.resolve("key.pem");
        PemFiles.writeChain(cert, issued.chain());
        writeEncrypted(key, issued.keyPair());
        TlsException e = assertThrows(TlsException.class, () -> ServerCertificates.loadOrCreate(supplied(cert, key), Instant.now()));
        assertTrue(e.getMessage().contains("protected by a passphrase"), e.getMessage());
        assertTrue(e.getMessage().contains("openssl pkey -in " + key), e.getMessage());
    }

    @Test
    void anExpiredCertificateIsReportedButStillUsable() throws Exception {
        ServerCredentials made = SelfSignedCertificate.generate("x", Instant.now());
        Instant later = Instant.now().plus(SelfSignedCertificate.VALIDITY).plusSeconds(86_400);
        assertTrue(ServerCertificates.validityProblem(made, later).orElseThrow().contains("expired"));
        assertTrue(ServerCertificates.validityProblem(made, Instant.now()).isEmpty());
    }

    private static void writeEncrypted(Path file, KeyPair pair) throws Exception {
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC)
                .setPassword("secret".toCharArray()).build();
        try (JcaPEMWriter pem = new JcaPEMWriter(Files.newBufferedWriter(file))) {
            pem.writeObject(new JcaPKCS8Generator(pair.getPrivate(), encryptor));
        }
    }
}
