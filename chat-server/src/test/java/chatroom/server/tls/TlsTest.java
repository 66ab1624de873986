package chatroom.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chatroom.common.protocol.Hello;
import chatroom.common.testing.TestClient;
import chatroom.common.testing.TrustAnyTls;
import chatroom.common.tls.Fingerprint;
import chatroom.server.config.TlsConfig;
import chatroom.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server speaks TLS 1.3 or 1.2 and nothing older, with a certificate that outlives restarts. */
class TlsTest {
    @TempDir
    Path data;
    TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void aDefaultClientNegotiatesTls13AndSeesThePrintedFingerprint() throws Exception {
        server = TestServer.start(data);
        try (SSLSocket socket = TrustAnyTls.connect("127.0.0.1", server.port())) {
            assertEquals("TLSv1.3", socket.getSession().getProtocol());
            Certificate leaf = socket.getSession().getPeerCertificates()[0];
            assertEquals(server.fingerprint(), Fingerprint.of(leaf));
            TestClient client = new TestClient(socket);
            client.await(Hello.class);
        }
    }

    @Test
    void aTls12OnlyClientIsStillServed() throws Exception {
        server = TestServer.start(data);
        try (SSLSocket socket = TrustAnyTls.connect("127.0.0.1", server.port(), "TLSv1.2")) {
            assertEquals("TLSv1.2", socket.getSession().getProtocol());
            new TestClient(socket).await(Hello.class);
        }
    }

    /**
     * The JDK's own client will not even offer TLS 1.1 any more, so the test writes the
     * ClientHello itself. The same hello offering TLS 1.2 gets a ServerHello: that proves the
     * hand-made hello is sound, and that 1.1 is refused for its version alone.
     */
    @Test
    void aClientOfferingAtMostTls11IsRefusedWithAProtocolVersionAlert() throws Exception {
        server = TestServer.start(data);
        assertEquals(ServerAnswer.SERVER_HELLO, answerTo(0x0303));
        assertEquals(ServerAnswer.PROTOCOL_VERSION_ALERT, answerTo(0x0302));
        assertEquals(ServerAnswer.PROTOCOL_VERSION_ALERT, answerTo(0x0301));
    }

    @Test
    void opensslNegotiatesTls13AndCannotGetTls11() throws Exception {
        assumeTrue(onPath("openssl"), "openssl is not installed");
        server = TestServer.start(data);
        String modern = openssl("s_client", "-connect", "127.0.0.1:" + server.port(), "-brief");
        assertTrue(modern.contains("Protocol version: TLSv1.3"), modern);
        String old = openssl("s_client", "-connect", "127.0.0.1:" + server.port(), "-brief", "-tls1_1",
                "-cipher", "DEFAULT:@SECLEVEL=0");
        assertFalse(old.contains("Protocol version:"), old);
        String fingerprint = openssl("x509", "-noout", "-fingerprint", "-sha256", "-in",
                data.resolve("tls/server-cert.pem").toString());
        assertEquals(server.fingerprint(), Fingerprint.parse(fingerprint));
    }

    @Test
    void theCertificateAndItsFingerprintSurviveARestart() throws Exception {
        server = TestServer.start(data);
        Fingerprint first = server.fingerprint();
        Fingerprint seenFirst = seenByClient();
        server.restart();
        assertEquals(first, server.fingerprint());
        assertEquals(seenFirst, seenByClient());
        assertEquals(first, seenFirst);
    }

    @Test
    void theGeneratedKeyIsReadableOnlyByTheServersAccount() throws Exception {
        assumeTrue(Files.getFileAttributeView(data, PosixFileAttributeView.class) != null, "POSIX permissions only");
        server = TestServer.start(data);
        Path dir = data.resolve(ServerCertificates.FOLDER);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(ServerCertificates.KEY_FILE))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(ServerCertificates.CERTIFICATE_FILE))));
        try (var leftovers = Files.list(dir)) {
            assertEquals(2, leftovers.count(), "no temporary files left behind");
        }
    }

    @Test
    void anAdminsOwnChainAndKeyAreServedInsteadOfTheGeneratedOnes() throws Exception {
        TestCertificates.Issued issued = TestCertificates.issueFromOwnCa("chat.example.lan");
        Path chain = data.resolve("chain.pem");
        Path key = data.resolve("key.pem");
        PemFiles.writeChain(chain, issued.chain());
        TestCertificates.writeTraditionalKey(key, issued.keyPair());
        server = TestServer.start(data, c -> c.withTls(new TlsConfig(true, chain, key)));
        try (SSLSocket socket = TrustAnyTls.connect("127.0.0.1", server.port())) {
            Certificate[] seen = socket.getSession().getPeerCertificates();
            assertEquals(2, seen.length, "leaf and CA");
            assertEquals(Fingerprint.of(issued.chain().getFirst()), Fingerprint.of(seen[0]));
            assertEquals(Fingerprint.of(issued.chain().getFirst()), server.fingerprint());
        }
        assertFalse(Files.exists(data.resolve(ServerCertificates.FOLDER)), "no self-signed certificate was made");
    }

    @Test
    void plainTcpWhenTlsIsOffAndATlsClientIsNotServedThen() throws Exception {
        server = TestServer.start(data, c -> c.withTls(TlsConfig.off()));
        TestClient plain = server.register("alice");
        plain.request(id -> new chatroom.common.protocol.PingRequest(id), chatroom.common.protocol.Pong.class);
        assertThrows(SSLException.class, () -> TrustAnyTls.connect("127.0.0.1", server.port()).close());
        assertFalse(Files.exists(data.resolve(ServerCertificates.FOLDER)));
    }

    @Test
    void aPlainClientOnTheTlsPortGetsNothingAndIsClosedAtTheLoginDeadline() throws Exception {
        server = TestServer.start(data, c -> c.withTimeouts(Duration.ofMillis(500), c.pingInterval()));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
            long start = System.nanoTime();
            int first = socket.getInputStream().read();
            assertEquals(-1, first, "no hello in plain text, and then the connection closes");
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(9), "closed by the deadline, not our timeout");
        }
        // And a real client logs in as usual.
        server.register("alice");
    }

    @Test
    void aClientTricklingItsHandshakeIsCutOffAtTheLoginDeadline() throws Exception {
        server = TestServer.start(data, c -> c.withTimeouts(Duration.ofMillis(800), c.pingInterval()));
        byte[] hello = TlsHello.clientHello(0x0303);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(100);
            boolean closed = false;
            // One byte every 100 ms would take over 20 s; the server must not wait for it.
            for (int i = 0; i < hello.length && !closed; i++) {
                try {
                    socket.getOutputStream().write(hello[i]);
                    socket.getOutputStream().flush();
                    closed = socket.getInputStream().read() == -1;
                } catch (SocketTimeoutException stillOpen) {
                    // Read timed out: the server is still waiting for the rest.
                } catch (IOException reset) {
                    closed = true;
                }
            }
            assertTrue(closed, "the server closed the trickling connection");
        }
    }

    private Fingerprint seenByClient() throws IOException {
        try (SSLSocket socket = TrustAnyTls.connect("127.0.0.1", server.port())) {
            return Fingerprint.of(socket.getSession().getPeerCertificates()[0]);
        }
    }

    enum ServerAnswer { SERVER_HELLO, PROTOCOL_VERSION_ALERT, OTHER_ALERT, CLOSED, OTHER }

    private ServerAnswer answerTo(int version) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
            socket.getOutputStream().write(TlsHello.clientHello(version));
            socket.getOutputStream().flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int contentType = in.read();
            if (contentType == -1) return ServerAnswer.CLOSED;
            in.readUnsignedShort(); // record version
            int length = in.readUnsignedShort();
            byte[] body = in.readNBytes(length);
            if (contentType == 0x16 && body.length > 0 && body[0] == 0x02) return ServerAnswer.SERVER_HELLO;
            if (contentType == 0x15 && body.length == 2) {
                return body[1] == 70 ? ServerAnswer.PROTOCOL_VERSION_ALERT : ServerAnswer.OTHER_ALERT;
            }
            return ServerAnswer.OTHER;
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) return true;
        }
        return false;
    }

    private static String openssl(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close(); // s_client reads commands from stdin: end them at once
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "openssl finished");
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A minimal TLS ClientHello for a chosen legacy version. */
    static final class TlsHello {
        private TlsHello() {
        }

        static byte[] clientHello(int version) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(version >> 8);
            body.write(version);
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            body.writeBytes(random);
            body.write(0); // no session id
            int[] suites = {0xC02B, 0xC02F, 0xC009, 0xC013, 0xC00A, 0xC014, 0x002F};
            short16(body, suites.length * 2);
            for (int s : suites) short16(body, s);
            body.write(1); // one compression method: none
            body.write(0);
            ByteArrayOutputStream ext = new ByteArrayOutputStream();
            extension(ext, 0x000A, new byte[] {0, 4, 0, 0x17, 0, 0x18}); // supported_groups: P-256, P-384
            extension(ext, 0x000B, new byte[] {1, 0}); // ec_point_formats: uncompressed
            extension(ext, 0x000D, new byte[] {0, 8, 0x04, 0x03, 0x08, 0x04, 0x04, 0x01, 0x05, 0x03}); // signature_algorithms
            short16(body, ext.size());
            body.writeBytes(ext.toByteArray());
            byte[] hello = body.toByteArray();
            ByteArrayOutputStream record = new ByteArrayOutputStream();
            record.write(0x16);
            short16(record, 0x0301); // record-layer version, as real clients send
            short16(record, hello.length + 4);
            record.write(0x01); // ClientHello
            record.write(hello.length >> 16);
            short16(record, hello.length & 0xFFFF);
            record.writeBytes(hello);
            return record.toByteArray();
        }

        private static void extension(ByteArrayOutputStream out, int type, byte[] data) {
            short16(out, type);
            short16(out, data.length);
            out.writeBytes(data);
        }

        private static void short16(ByteArrayOutputStream out, int value) {
            out.write(value >> 8);
            out.write(value);
        }
    }
}
