package chatroom.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    /**
     * 200 connections (10 users logged in, 190 guests) to a server in a child JVM: SIGTERM ends it
     * with status 0 within 10 s, every client gets bye, and the store is closed cleanly (no WAL
     * left to replay), so the next start needs no recovery and has every message.
     */
    @Test
    void sigtermWithTwoHundredClientsEndsTheProcessWithStatusZeroAfterTellingEveryone() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=logback.xml", "--enable-native-access=ALL-UNNAMED",
                Main.class.getName(), "--host", "127.0.0.1", "--port", "0", "--data", data.toString())
                .redirectErrorStream(true);
        // All 200 come from 127.0.0.1; the guests must outlast the login deadline until the stop.
        builder.environment().put("CHATROOM_MAX_CONNECTIONS_PER_IP", "1000");
        builder.environment().put("CHATROOM_AUTH_TIMEOUT_SECONDS", "120");
        Process process = builder.start();
        List<TestClient> clients = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            int port = CompletableFuture.supplyAsync(() -> portFrom(out)).get(60, TimeUnit.SECONDS);
            CompletableFuture.runAsync(() -> out.lines().forEach(line -> { })); // keep the pipe drained
            List<Ack> acks = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<TestClient>> users = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    String name = "user" + i;
                    users.add(pool.submit(() -> registerOn(port, name)));
                }
                List<Future<TestClient>> guests = new ArrayList<>();
                for (int i = 0; i < 190; i++) {
                    guests.add(pool.submit(() -> {
                        TestClient c = TestClient.connectTls(port);
                        c.await(chatroom.common.protocol.Hello.class);
                        return c;
                    }));
                }
                for (Future<TestClient> f : users) clients.add(f.get());
                for (Future<TestClient> f : guests) clients.add(f.get());
            }
            for (TestClient user : clients.subList(0, 10)) {
                acks.add(user.request(id -> new SayRequest(id, "lobby", "before the stop"), Ack.class));
            }

            long stopping = System.nanoTime();
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the server stops within 10 s");
            Duration took = Duration.ofNanos(System.nanoTime() - stopping);
            assertEquals(0, process.exitValue());
            for (TestClient c : clients) assertEquals(new Bye(null, "server_shutdown"), c.awaitClose().getLast());
            assertFalse(Files.exists(data.resolve("chat.db-wal")), "a clean close leaves no WAL to replay");
            System.out.printf("shutdown: clients=%d exit=0 took=%d ms%n", clients.size(), took.toMillis());

            try (TestServer again = TestServer.start(data)) {
                TestClient c = again.login("user0");
                HistoryPage page = c.request(id -> new HistoryRequest(id, "lobby", null, null, null, null), HistoryPage.class);
                assertEquals(acks.stream().map(Ack::seq).sorted().toList(),
                        page.messages().stream().map(ChatMessage::seq).toList());
            }
        } finally {
            process.destroyForcibly();
            for (TestClient c : clients) c.close();
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
