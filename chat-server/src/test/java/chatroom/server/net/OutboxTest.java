package chatroom.server.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboxTest {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private static final byte[] SLOW = "slow_consumer\n".getBytes(StandardCharsets.UTF_8);

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    /** An output stream whose first write blocks until released, like a socket nobody reads. */
    private static final class StuckStream extends OutputStream {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            entered.countDown();
            try {
                if (!release.await(10, TimeUnit.SECONDS)) throw new IOException("never released");
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            written.write(b, off, len);
        }
    }

    @Test
    void aClientThatFallsBehindTheByteBoundGetsTheOverflowFrameLastAndIsClosed() throws Exception {
        StuckStream out = new StuckStream();
        AtomicBoolean closed = new AtomicBoolean();
        CountDownLatch closedLatch = new CountDownLatch(1);
        Outbox outbox = new Outbox(out, () -> {
            closed.set(true);
            closedLatch.countDown();
        }, 1_000, SLOW, timers);
        Thread writer = Thread.ofVirtual().start(outbox::drain);
        byte[] frame = new byte[100];
        Arrays.fill(frame, (byte) 'x');
        assertTrue(outbox.offer(frame));
        assertTrue(out.entered.await(10, TimeUnit.SECONDS), "the writer took the first frame and is stuck");
        int accepted = 0;
        while (outbox.offer(frame)) accepted++;
        assertTrue(outbox.overflowed());
        assertTrue(accepted <= 10, "no more than the bound is queued, was " + accepted);
        assertFalse(outbox.offer(frame), "nothing is queued after the overflow");
        out.release.countDown();
        writer.join(10_000);
        assertTrue(closedLatch.await(10, TimeUnit.SECONDS));
        byte[] all = out.written.toByteArray();
        byte[] tail = Arrays.copyOfRange(all, all.length - SLOW.length, all.length);
        assertArrayEquals(SLOW, tail, "the overflow frame is the last thing written");
        assertTrue(closed.get());
    }

    @Test
    void aLoneFrameLargerThanTheBoundIsStillDelivered() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CountDownLatch closed = new CountDownLatch(1);
        Outbox outbox = new Outbox(out, closed::countDown, 1_000, SLOW, timers);
        Thread writer = Thread.ofVirtual().start(outbox::drain);
        assertTrue(outbox.offer(new byte[5_000]));
        outbox.close("bye\n".getBytes(StandardCharsets.UTF_8));
        writer.join(10_000);
        assertTrue(closed.await(10, TimeUnit.SECONDS));
        assertTrue(out.size() == 5_000 + 4, "the big frame and the last frame were written");
        assertFalse(outbox.overflowed());
    }
}
