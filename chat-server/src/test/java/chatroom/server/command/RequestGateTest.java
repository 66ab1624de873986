package chatroom.server.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.codec.ProtocolCodec;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ErrorReply;
import chatroom.common.protocol.SayRequest;
import chatroom.server.net.DeferredWakes;
import chatroom.server.net.Outbox;
import chatroom.server.session.Session;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestGateTest {
    @Test
    void shutdownWaitsForARequestInFlightAndRefusesNewOnes() throws Exception {
        RequestGate gate = new RequestGate();
        assertTrue(gate.enter());
        CompletableFuture<Boolean> closing = CompletableFuture.supplyAsync(() -> gate.closeAndAwait(Duration.ofSeconds(10)));
        // The request in flight keeps shutdown waiting; once closing began nobody else gets in.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!gate.isClosed()) {
            if (System.nanoTime() > deadline) throw new AssertionError("shutdown never began");
            Thread.onSpinWait();
        }
        assertFalse(gate.enter());
        assertFalse(closing.isDone());
        gate.leave();
        assertTrue(closing.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aRequestAfterShutdownBeganGetsServerShutdown() throws Exception {
        RequestGate gate = new RequestGate();
        assertTrue(gate.closeAndAwait(Duration.ofSeconds(1)));
        // With the gate closed, the dispatcher refuses before touching any handler.
        Dispatcher dispatcher = new Dispatcher(null, null, null, null, null, null, null, gate);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        ProtocolCodec codec = new ProtocolCodec();
        try {
            CountDownLatch closed = new CountDownLatch(1);
            Outbox outbox = new Outbox("writer-test", out, closed::countDown, 1 << 20, new byte[0], timers,
                    new DeferredWakes(timers, Duration.ofMillis(100)));
            Session session = new Session(1, "127.0.0.1", outbox, codec);
            dispatcher.dispatch(session, new SayRequest("m-1", "lobby", "hello"));
            outbox.close(null);
            assertTrue(closed.await(10, TimeUnit.SECONDS), "the writer wrote the reply and closed");
        } finally {
            timers.shutdownNow();
        }
        ErrorReply reply = (ErrorReply) codec.decodeServer(out.toString(StandardCharsets.UTF_8).strip());
        assertEquals(ErrorCode.SERVER_SHUTDOWN, reply.code());
        assertEquals("m-1", reply.re());
    }
}
