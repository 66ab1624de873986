package chatroom.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.protocol.Ack;
import chatroom.common.protocol.Bye;
import chatroom.common.protocol.ChatMessage;
import chatroom.common.protocol.HistoryPage;
import chatroom.common.protocol.HistoryRequest;
import chatroom.common.protocol.SayRequest;
import chatroom.common.protocol.ServerMessage;
import chatroom.common.testing.TestClient;
import chatroom.server.config.ServerConfig;
import chatroom.server.testing.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShutdownTest {
    @TempDir
    Path data;

    @Test
    void stoppingTellsEveryClientByeServerShutdown() throws Exception {
        TestServer server = TestServer.start(data);
        TestClient alice = server.register("alice");
        TestClient guest = server.connect();
        server.stop();
        assertEquals(new Bye(null, "server_shutdown"), alice.awaitClose().getLast());
        assertEquals(new Bye(null, "server_shutdown"), guest.awaitClose().getLast());
        server.close();
    }

    @Test
    void aSecondServerOnTheSameDataFolderIsRefused() throws Exception {
        try (TestServer first = TestServer.start(data)) {
            IOException e = assertThrows(IOException.class,
                    () -> ChatServer.start(ServerConfig.defaults(data).withAddress("127.0.0.1", 0), Clock.systemUTC()));
            assertTrue(e.getMessage().contains("Another Chatroom server is already using the data folder"), e.getMessage());
        }
    }

    @Test
    void sigtermEndsTheProcessWithStatusZeroAfterTellingClients() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=logback.xml", "--enable-native-access=ALL-UNNAMED",
                Main.class.getName(), "--host", "127.0.0.1", "--port", "0", "--data", data.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            int port = CompletableFuture.supplyAsync(() -> portFrom(out)).get(60, TimeUnit.SECONDS);
            CompletableFuture.runAsync(() -> out.lines().forEach(line -> { })); // keep the pipe drained
            TestClient alice = registerOn(port, "alice");
            Ack ack = alice.request(id -> new SayRequest(id, "lobby", "before the stop"), Ack.class);
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the server stops within 10 s");
            assertEquals(0, process.exitValue());
            List<ServerMessage> last = alice.awaitClose();
            assertEquals(new Bye(null, "server_shutdown"), last.getLast());

            // The next start needs no recovery and has the message.
            try (TestServer again = TestServer.start(data)) {
                TestClient c = again.login("alice");
                HistoryPage page = c.request(id -> new HistoryRequest(id, "lobby", null, null, null, null), HistoryPage.class);
                assertEquals(List.of(ack.seq()), page.messages().stream().map(ChatMessage::seq).toList());
            }
        } finally {
            process.destroyForcibly();
        }
    }

    private static TestClient registerOn(int port, String user) throws IOException {
        TestClient c = TestClient.connectTls(port);
        c.await(chatroom.common.protocol.Hello.class);
        c.request(id -> new chatroom.common.protocol.RegisterRequest(id, user, TestServer.passwordOf(user)),
                chatroom.common.protocol.Welcome.class);
        return c;
    }

    private static int portFrom(BufferedReader out) {
        Pattern listening = Pattern.compile("listening on [^ ]+:(\\d+)");
        try {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = listening.matcher(line);
                if (m.find()) return Integer.parseInt(m.group(1));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("the server ended without saying where it listens");
    }
}
