package chatroom.server.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.protocol.Ack;
import chatroom.common.protocol.Bye;
import chatroom.common.protocol.Hello;
import chatroom.common.protocol.RegisterRequest;
import chatroom.common.protocol.SayRequest;
import chatroom.common.protocol.Welcome;
import chatroom.common.testing.PackagedApp;
import chatroom.common.testing.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server, started through the app image's own launcher and trimmed runtime, as the
 * installed service starts it: it must serve TLS, store a message in SQLite and stop cleanly.
 * Each of those fails if jlink left out a module it needs or the image lacks SQLite's library.
 */
class ServerAppImageIT {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path temp;

    @Test
    void theLauncherServesTlsStoresAMessageAndStopsCleanly() throws Exception {
        Path data = temp.resolve("data");
        Path tmp = Files.createDirectories(temp.resolve("tmp"));
        // Only the temporary folder is redirected, to see whether SQLite unpacks its library there.
        Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS", "\"-Djava.io.tmpdir=" + tmp + "\"");
        try (PackagedApp server = PackagedApp.start(PackagedApp.launcher("chatroom-server"),
                List.of("--data", data.toString(), "--host", "127.0.0.1", "--port", "0"), env)) {
            Matcher listening = server.awaitLine(LISTENING, START);
            int port = Integer.parseInt(listening.group(1));
            server.awaitLine(Pattern.compile("no admin yet.*chatroom-server --data "), START);

            try (TestClient client = TestClient.connectTls(port)) {
                Hello hello = client.await(Hello.class);
                assertEquals(1, hello.protocol());
                assertTrue(hello.server().startsWith("chatroom-server "), hello.server());

                Welcome welcome = client.request(id -> new RegisterRequest(id, "smoke", "packaged server test"), Welcome.class);
                assertEquals("smoke", welcome.user());
                Ack ack = client.request(id -> new SayRequest(id, "lobby", "hello from the app image"), Ack.class);
                assertEquals(1, ack.seq());
                // While the server runs: sqlite-jdbc deletes a library it unpacked when the JVM exits.
                try (Stream<Path> files = Files.list(tmp)) {
                    assertEquals(List.of(), files.filter(f -> f.getFileName().toString().contains("sqlite")).toList(),
                            "SQLite should load its library from the image, not unpack it");
                }

                int exit = server.stop(Duration.ofSeconds(30));
                // Windows has no SIGTERM: the process is ended without a goodbye.
                if (!isWindows()) {
                    client.await(Bye.class);
                    assertEquals(0, exit, server.output());
                }
            }
            assertTrue(Files.exists(data.resolve("chat.db")), "no database in " + data);
            assertFalse(server.output().contains("ERROR"), server.output());
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
