package chatroom.client.service;

import static chatroom.client.service.UiThreadStandIn.WAIT;
import static chatroom.client.service.UiThreadStandIn.onUi;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.model.Role;
import chatroom.common.protocol.Welcome;
import chatroom.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server over its connection caps turns the client away with a sentence the user sees. */
class ConnectionRefusedTest {
    @TempDir
    Path data;
    private final ExecutorService ui = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        ui.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void aLoginPastThePerAddressCapFailsWithTheServersReason() throws Exception {
        try (TestServer server = TestServer.start(data, c -> c.withConnectionCaps(100, 1))) {
            server.createAccount("bob", Role.USER);
            server.connect(); // 127.0.0.1's only place
            NetworkChatService service = onUi(ui, () -> new NetworkChatService(ui, NetworkChatService.tcp(),
                    address -> Optional.of(server.fingerprint()), timer,
                    new Backoff(Duration.ofHours(1), Duration.ofHours(1), () -> 0), Clock.systemUTC()));
            CompletableFuture<Welcome> login = onUi(ui, () -> service.logIn(
                    new ServerAddress("127.0.0.1", server.port()), "bob", TestServer.passwordOf("bob"), false));
            ExecutionException e = assertThrows(ExecutionException.class, () -> login.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            RequestFailedException failed = assertInstanceOf(RequestFailedException.class, e.getCause());
            assertTrue(failed.getMessage().contains("max_connections_per_ip"), failed.getMessage());
        }
    }
}
