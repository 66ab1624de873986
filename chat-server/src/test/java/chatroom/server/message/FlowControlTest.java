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
import chatroom.server.testing.CountingReader;
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
    void aFloodIsAnsweredInFullAndOthersKeepTalking() throws Exception {
        server = TestServer.start(data); // the defaults: a burst of 10, then 5 a second
        TestClient mallory = server.register("mallory");
        TestClient alice = server.register("alice");
        TestClient bob = server.register("bob");
        int flood = 500;
        for (int i = 0; i < flood; i++) mallory.send(new SayRequest("f" + i, "lobby", "flood " + i));
        Ack fromBob = bob.request(id -> new SayRequest(id, "lobby", "bob is still heard"), Ack.class);
        assertEquals("bob is still heard", alice.await(ChatMessage.class, m -> m.seq() == fromBob.seq()).text());

        // Every flood frame gets exactly one answer: an ack or rate_limited, never silence.
        int acked = 0;
        int limited = 0;
        for (int i = 0; i < flood; i++) {
            switch (mallory.awaitReply("f" + i)) {
                case Ack a -> acked++;
                case ErrorReply e when e.code() == ErrorCode.RATE_LIMITED && e.retryAfterMs() != null -> limited++;
                case chatroom.common.protocol.ServerMessage other -> throw new AssertionError("unexpected " + other);
            }
        }
        assertEquals(flood, acked + limited);
        assertTrue(acked >= 10 && limited > 0, acked + " acked, " + limited + " refused");
    }

    /**
     * Sleepy logs in and never reads while 10,000 messages of 4 KB (40 MB for each reader) flow:
     * the server drops it once its outbox passes the bound, keeps its heap flat, and alice and bob
     * get every message. The readers here count and forget, so the heap measured is the server's.
     */
    @Test
    void aClientThatStopsReadingIsDroppedWhileTheHeapStaysFlatAndOthersGetEverything() throws Exception {
        server = TestServer.start(data, c -> c.withLimits(c.maxFrameBytes(), c.outboxMaxBytes(), 1_000_000, 1_000_000));
        server.register("sleepy").close();
        server.register("alice").close();
        server.register("bob").close();
        ProtocolCodec codec = new ProtocolCodec();
        long baseline = usedHeapAfterGc();
        try (Socket sleepy = chatroom.common.testing.TrustAnyTls.connect("127.0.0.1", server.port());
             CountingReader alice = CountingReader.login(server, "alice");
             CountingReader bob = CountingReader.login(server, "bob")) {
            sleepy.getOutputStream().write(codec.frame(new LoginRequest("l", "sleepy", TestServer.passwordOf("sleepy"))));
            sleepy.getOutputStream().flush();
            bob.awaitPresence("sleepy", "online");
            String text = "x".repeat(4_000);
            int count = 10_000;
            long peak = 0;
            for (int i = 0; i < count; i++) {
                alice.send(new SayRequest("m" + i, "lobby", text));
                if (i % 2_000 == 1_999) {
                    bob.awaitMessages(i + 1); // keep the readers close behind, as real ones are
                    peak = Math.max(peak, usedHeapAfterGc() - baseline);
                }
            }
            alice.awaitAcks(count);
            alice.awaitMessages(count);
            bob.awaitMessages(count);
            bob.awaitPresence("sleepy", "offline");
            long after = usedHeapAfterGc() - baseline;
            System.out.printf("slow-consumer: messages=%d dropped=sleepy heap-peak=+%.1f MB heap-after=+%.1f MB gaps=%d%n",
                    count, peak / 1048576.0, after / 1048576.0, bob.gaps() + alice.gaps());
            // Sleepy's share alone would be 40 MB if its queue were unbounded.
            assertTrue(peak < 24L << 20, "heap grew by " + (peak >> 20) + " MB during the flow");
            assertTrue(after < 8L << 20, "heap grew by " + (after >> 20) + " MB and stayed");
            assertEquals(0, bob.gaps() + alice.gaps(), "seq gaps");
        }
    }

    private static long usedHeapAfterGc() {
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
