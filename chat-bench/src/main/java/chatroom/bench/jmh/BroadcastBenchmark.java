package chatroom.bench.jmh;

import chatroom.common.codec.ProtocolCodec;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ErrorReply;
import chatroom.server.net.DeferredWakes;
import chatroom.server.net.Outbox;
import chatroom.server.room.LiveRoom;
import chatroom.server.room.RoomRegistry;
import chatroom.server.session.Session;
import chatroom.server.store.ChannelStore;
import chatroom.server.store.Database;
import chatroom.server.store.RoomRow;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The server's fan-out: one encoded {@code message} frame delivered to every online session of a
 * room ({@link LiveRoom#broadcast} → {@link Session#sendFrame} → {@link Outbox#offer}). The store's
 * single writer thread runs it after each commit, so its cost times the message rate is the share
 * of that thread the fan-out takes from storing messages.
 *
 * <p>The score is the broadcasting thread's time per broadcast to {@code roomSize} sessions (100
 * unless {@code -p roomSize=…}); divide it by {@code roomSize} for the cost per delivery. Each
 * outbox's writer (a virtual thread while it has work, as in the server) drains it into a
 * byte-counting sink instead of a socket. After each broadcast, outside the measured time, the benchmark waits until the
 * writers have written everything, so every broadcast finds them idle, as at ordinary message
 * rates, and pays for waking each one. The score therefore includes those wake-ups and the
 * writers' competition for the cores and the outbox locks, but no socket I/O. Without the wait
 * the broadcasts outrun the writers (on a 2-core machine every outbox overflowed within the first
 * seconds) and the score would count frames dropped for nothing. Timing each invocation on its own
 * adds some tens of nanoseconds, small beside a broadcast.
 *
 * <p>The score depends on whether the woken writers find a free core. On a 2-core machine it
 * went from tens of microseconds per broadcast of 100 when the other core was free to about 500
 * when it was busy (every delivery then costs a context switch), sometimes between iterations
 * of one run. Compare builds only on a quiet machine, and look at the iterations, not only the mean.
 *
 * <p>{@code -prof gc} counts the allocations of every thread, the writers' included.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// The room comes from the store, and sqlite-jdbc loads a native library.
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Benchmark)
public class BroadcastBenchmark {
    /** The server's default {@code outbox_max_bytes}. */
    private static final long OUTBOX_MAX_BYTES = 1L << 20;
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** The number of online sessions in the room. */
    @Param("100")
    public int roomSize;

    private final ProtocolCodec codec = new ProtocolCodec();
    private final CountingSink sink = new CountingSink();
    private ScheduledExecutorService timers;
    private byte[] overflowFrame;
    private Path dataDir;
    private Database db;
    private LiveRoom room;
    private byte[] frame;
    private long expectedBytes;

    /** Fills a room with sessions, each with its writer running. */
    @Setup
    public void setUp() throws IOException, SQLException {
        timers = Executors.newSingleThreadScheduledExecutor();
        overflowFrame = codec.frame(ErrorReply.of(null, ErrorCode.SLOW_CONSUMER, "You did not read fast enough."));
        dataDir = Files.createTempDirectory("chat-bench-broadcast");
        db = Database.open(dataDir);
        // LiveRoom's constructor is package-private and the registry is the public way to one. The
        // room has no stored members: broadcast goes by the online set alone.
        room = new RoomRegistry(new ChannelStore(db)).load(new RoomRow(1, Samples.ROOM, Samples.ROOM, "", 0));
        for (int i = 0; i < roomSize; i++) room.online().add(newSession(i));
        frame = codec.frame(Samples.roomMessage());
    }

    /** One room message to everyone online, its author included, as {@code say} sends it. */
    @Benchmark
    public void broadcast() {
        room.broadcast(frame, null);
    }

    /** Waits, unmeasured, until the writers have written every frame broadcast so far. */
    @TearDown(Level.Invocation)
    public void awaitWriters() {
        expectedBytes += (long) roomSize * frame.length;
        long deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS;
        while (sink.bytes() < expectedBytes) {
            // Only an outbox that closed, dropping its frames, would keep the count short this long.
            if (System.nanoTime() > deadline) throw new IllegalStateException("the writers did not drain the outboxes");
            // Yield rather than spin: the writers need the cores.
            Thread.yield();
        }
    }

    /** Stops the writers and removes the database. */
    @TearDown
    public void tearDown() throws IOException {
        for (Session s : room.online()) s.close(null);
        timers.shutdownNow();
        db.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /**
     * A session whose outbox is drained by its own writer into the sink. The only code that builds
     * an {@link Outbox}, so the one place to adapt when its constructor changes.
     */
    private Session newSession(long id) {
        Outbox outbox = new Outbox("writer-" + id, sink, () -> { }, OUTBOX_MAX_BYTES, overflowFrame, timers,
                new DeferredWakes(timers, Duration.ofMillis(100)));
        return new Session(id, "127.0.0.1", outbox, codec);
    }

    /** Discards what the writers write, counting the bytes. Shared by all writers. */
    private static final class CountingSink extends OutputStream {
        private final AtomicLong bytes = new AtomicLong();

        long bytes() {
            return bytes.get();
        }

        @Override
        public void write(int b) {
            bytes.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.addAndGet(len);
        }
    }
}
