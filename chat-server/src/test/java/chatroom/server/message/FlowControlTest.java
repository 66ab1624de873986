package chatroom.server.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.protocol.Ack;
import chatroom.common.protocol.ChatMessage;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ErrorReply;
import chatroom.common.protocol.LoginRequest;
import chatroom.common.protocol.SayRequest;
import chatroom.common.protocol.TypingRequest;
import chatroom.common.codec.ProtocolCodec;
import chatroom.common.testing.TestClient;
import chatroom.server.testing.TestServer;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowControlTest {
    @TempDir
    Path data;
    TestServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) server.close();
    }

    @Test
    void sendingFasterThanTheLimitIsRefusedWithRateLimitedNotDropped() throws Exception {
        // One token per ten seconds after a burst of three: the fourth request cannot get a token in time.
        server = TestServer.start(data, c -> c.withLimits(c.maxFrameBytes(), c.outboxMaxBytes(), 3, 0.1));
        TestClient alice = server.register("alice");
        for (int i = 0; i < 3; i++) alice.request(id -> new SayRequest(id, "lobby", "ok"), Ack.class);
        ErrorReply limited = alice.requestError(id -> new SayRequest(id, "lobby", "too fast"));
        assertEquals(ErrorCode.RATE_LIMITED, limited.code());
        assertTrue(limited.retryAfterMs() > 0);
        alice.send(new TypingRequest("typing-1", "lobby", null));
        assertEquals(ErrorCode.RATE_LIMITED, assertInstanceOf(ErrorReply.class, alice.awaitReply("typing-1")).code());
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedAndOthersGetEverything() throws Exception {
        // The default 1 MiB outbox: alice and bob read along and stay far below it; sleepy does not.
        server = TestServer.start(data, c -> c.withLimits(c.maxFrameBytes(), c.outboxMaxBytes(), 1_000_000, 1_000_000));
        server.register("sleepy").close();
        TestClient alice = server.register("alice");
        TestClient bob = server.register("bob");
        ProtocolCodec codec = new ProtocolCodec();
        try (Socket sleepy = chatroom.common.testing.TrustAnyTls.connect("127.0.0.1", server.port())) {
            sleepy.getOutputStream().write(codec.frame(new LoginRequest("l", "sleepy", TestServer.passwordOf("sleepy"))));
            sleepy.getOutputStream().flush();
            // Wait until sleepy is in the room (bob sees it connect), then never read again.
            bob.await(chatroom.common.protocol.PresenceEvent.class, p -> p.user().equals("sleepy"));
            // About 12 MB for sleepy: far past its 1 MiB outbox plus what loopback socket buffers
            // absorb (Linux autotunes them up to 4 MB each way).
            String text = "x".repeat(12_000);
            int count = 1_000;
            for (int i = 0; i < count; i++) alice.send(new SayRequest("m" + i, "lobby", text));
            for (int i = 0; i < count; i++) {
                int n = i;
                assertNotNull(bob.await(ChatMessage.class, m -> m.id().equals("m" + n)));
            }
            // The server dropped sleepy (the slow_consumer frame itself is best effort: sleepy is not
            // reading; OutboxTest checks that it is queued last).
            bob.await(chatroom.common.protocol.PresenceEvent.class, p -> p.user().equals("sleepy") && p.status().wireName().equals("offline"));
            alice.request(id -> new SayRequest(id, "lobby", "still fine"), Ack.class);
        }
    }
}
