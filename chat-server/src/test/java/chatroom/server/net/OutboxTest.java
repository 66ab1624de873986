package chatroom.server.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    private final DeferredWakes wakes = new DeferredWakes(timers, Duration.ofMillis(10));

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
        Outbox outbox = new Outbox("writer-test", out, () -> {
            closed.set(true);
            closedLatch.countDown();
        }, 1_000, SLOW, timers, wakes);
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
        Outbox outbox = new Outbox("writer-test", out, closed::countDown, 1_000, SLOW, timers, wakes);
        assertTrue(outbox.offer(new byte[5_000]));
        outbox.close("bye\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(closed.await(10, TimeUnit.SECONDS));
        assertTrue(out.size() == 5_000 + 4, "the big frame and the last frame were written");
        assertFalse(outbox.overflowed());
    }

    /** Records each write call separately, so a test can see which frames shared one. */
    private static final class RecordingStream extends OutputStream {
        final List<String> writes = new ArrayList<>();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes.add(new String(b, off, len, StandardCharsets.UTF_8));
            notifyAll();
        }

        synchronized List<String> awaitWrites(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (writes.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new AssertionError("expected " + count + " writes, got " + writes);
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return List.copyOf(writes);
        }
    }

    private static byte[] frame(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void deferredFramesWaitForTheDeferredWakeAndShareOneWrite() throws Exception {
        // The timer thread is busy until released, so the deferred wake cannot run between the offers.
        CountDownLatch timerFree = new CountDownLatch(1);
        timers.execute(() -> {
            try {
                timerFree.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        RecordingStream out = new RecordingStream();
        Outbox outbox = new Outbox("writer-test", out, () -> { }, 1_000, SLOW, timers, wakes);
        assertTrue(outbox.offerDeferred(frame("presence a")));
        assertTrue(outbox.offerDeferred(frame("member a")));
        assertTrue(outbox.offerDeferred(frame("presence b")));
        timerFree.countDown();
        assertEquals(List.of("presence a\nmember a\npresence b\n"), out.awaitWrites(1));
        outbox.close(null);
    }

    @Test
    void anOrdinaryFrameTakesTheDeferredOnesAlongInOrder() throws Exception {
        DeferredWakes never = new DeferredWakes(timers, Duration.ofHours(1));
        RecordingStream out = new RecordingStream();
        Outbox outbox = new Outbox("writer-test", out, () -> { }, 1_000, SLOW, timers, never);
        assertTrue(outbox.offerDeferred(frame("presence a")));
        assertTrue(outbox.offerDeferred(frame("member a")));
        assertTrue(outbox.offer(frame("message 1")));
        assertEquals(List.of("presence a\nmember a\nmessage 1\n"), out.awaitWrites(1));
        outbox.close(null);
    }

    @Test
    void anIdleWriterEndsAndTheNextFrameStartsAnother() throws Exception {
        RecordingStream out = new RecordingStream();
        CountDownLatch closed = new CountDownLatch(1);
        Outbox outbox = new Outbox("writer-test", out, closed::countDown, 1_000, SLOW, timers, wakes);
        assertFalse(outbox.writerRunning(), "no writer before there is anything to write");
        assertTrue(outbox.offer(frame("one")));
        assertEquals(List.of("one\n"), out.awaitWrites(1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (outbox.writerRunning()) {
            assertTrue(System.nanoTime() < deadline, "the writer ended once the queue was empty");
            Thread.onSpinWait();
            Thread.yield();
        }
        assertEquals(1, closed.getCount(), "a writer that ends for lack of work leaves the socket open");
        assertTrue(outbox.offer(frame("two")));
        assertEquals(List.of("one\n", "two\n"), out.awaitWrites(2));
        outbox.close(null);
        assertTrue(closed.await(10, TimeUnit.SECONDS), "closing starts a writer that closes the socket");
    }
}
