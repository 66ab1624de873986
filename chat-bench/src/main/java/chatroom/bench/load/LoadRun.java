package chatroom.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * A room full of simulated users on one server, and the steps that load it. Members are spread
 * over {@code rooms} rooms; the first {@code sendersPerRoom} of each room send, on an open-loop
 * schedule: message k of a sender is due at a fixed time, and its latency is measured from that
 * time, so a server that falls behind cannot hide it by slowing the senders down. Each sender
 * keeps at most {@code window} messages in flight, counted by one listener of its room (the
 * probe). {@link Readers} reads every member; one thread writes for every sender.
 */
public final class LoadRun implements AutoCloseable {
    /** The messages that count: those due in {@code [from, to)}, by {@link System#nanoTime}. */
    record Window(long from, long to) {
        static final Window NONE = new Window(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /** What to build. */
    public record Spec(Wire wire, InetSocketAddress address, int members, int rooms, int sendersPerRoom, int size,
                       int window, String nickPrefix, int connectConcurrency) {
        /** The name of room {@code k}. */
        String room(int k) {
            return rooms == 1 ? "bench" : "r" + k;
        }

        int senders() {
            return rooms * sendersPerRoom;
        }
    }

    private final Spec spec;
    private final List<Member> members = new ArrayList<>();
    private final Readers readers;
    /** The highest seq of each sender that its probe has seen. */
    private final AtomicLongArray probeSeen;
    private final int[] probeOf;
    private final long[] nextSeq;
    private volatile Window window = Window.NONE;
    private final long connectNanos;

    private LoadRun(Spec spec) throws IOException, InterruptedException {
        if (spec.members() <= spec.senders()) {
            throw new IllegalArgumentException("Each room needs a listener besides its senders: members must exceed "
                    + spec.senders());
        }
        this.spec = spec;
        this.probeSeen = new AtomicLongArray(spec.senders());
        this.probeOf = new int[spec.senders()];
        this.nextSeq = new long[spec.senders()];
        for (int s = 0; s < spec.senders(); s++) probeOf[s] = spec.senders() + s % spec.rooms();
        this.readers = new Readers();
        long start = System.nanoTime();
        connectAll();
        this.connectNanos = System.nanoTime() - start;
    }

    /** Connects, logs in and joins every member, starting each one's reader as soon as it is in. */
    public static LoadRun connect(Spec spec) throws IOException, InterruptedException {
        return new LoadRun(spec);
    }

    private void connectAll() throws IOException, InterruptedException {
        Semaphore slots = new Semaphore(spec.connectConcurrency());
        List<Future<Member>> joining = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < spec.members(); i++) {
                int index = i;
                slots.acquire();
                joining.add(pool.submit(() -> {
                    try {
                        return join(index);
                    } finally {
                        slots.release();
                    }
                }));
            }
        }
        for (Future<Member> f : joining) {
            try {
                Member m = f.get();
                members.add(m);
            } catch (ExecutionException e) {
                close();
                throw new IOException("A member could not join: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    private Member join(int index) throws IOException {
        int room = index % spec.rooms();
        int rank = index / spec.rooms();
        int sender = rank < spec.sendersPerRoom() ? index : -1; // the first members of each room send
        Client c = spec.wire().connect(spec.address(), 16 * 1024);
        String nick = spec.nickPrefix() + index;
        spec.wire().login(c, nick);
        spec.wire().join(c, spec.room(room));
        Member m = new Member(index, nick, spec.room(room), sender, c, spec.size(), spec.senders());
        readers.start(c, client -> m.onLine(this));
        return m;
    }

    Wire wire() {
        return spec.wire();
    }

    Window window() {
        return window;
    }

    /** Called by a member's reader for each message it gets in order. */
    void seen(int member, int sender, long seq) {
        if (probeOf[sender] == member) probeSeen.lazySet(sender, seq);
    }

    /** How long connecting everyone took. */
    public Duration connectTime() {
        return Duration.ofNanos(connectNanos);
    }

    /** The spec. */
    public Spec spec() {
        return spec;
    }

    /** Listeners per message: the room's members other than the sender. */
    private long recipients(int sender) {
        int room = sender % spec.rooms();
        long inRoom = spec.members() / spec.rooms() + (room < spec.members() % spec.rooms() ? 1 : 0);
        return inRoom - 1;
    }

    /**
     * Sends at {@code rate} messages per second in all for {@code warmup} then {@code measure},
     * then waits up to {@code drain} for the last deliveries, and reports the measured part.
     *
     * @param serverPid the server's process, for its CPU and memory (-1 if unknown)
     */
    public StepResult step(String scenario, String server, double rate, Duration warmup, Duration measure,
                           Duration drain, long serverPid, Map<String, Object> extra) throws InterruptedException {
        int senders = spec.senders();
        long interval = Math.max(1, Math.round(1e9 * senders / rate));
        long start = System.nanoTime() + 20_000_000;
        long from = start + warmup.toNanos();
        long to = from + measure.toNanos();
        long hardStop = to + drain.toNanos();
        for (Member m : members) m.takeLatencies(); // forget the previous step's
        // Counted before the window opens: no delivery counts while there is none, and a message due
        // at the window's start may be delivered before this thread wakes at that time.
        long deliveredBefore = sum(m -> m.delivered.get());
        window = new Window(from, to);
        long[] scheduled = new long[senders];
        long[] unsent = new long[senders];
        Thread sending = Thread.ofPlatform().name("senders").start(() ->
                send(start, interval, from, to, hardStop, scheduled, unsent));
        ResourceSampler sampler = new ResourceSampler(serverPid);
        sleepUntil(from);
        long corruptedBefore = sum(m -> m.corrupted.get());
        long orderBefore = sum(m -> m.outOfOrder.get());
        long serverCpu0 = ProcStats.cpuMicros(serverPid);
        long selfCpu0 = ProcStats.cpuMicros(ProcStats.self());
        sampler.start();
        sleepUntil(to);
        long serverCpu1 = ProcStats.cpuMicros(serverPid);
        long selfCpu1 = ProcStats.cpuMicros(ProcStats.self());
        sending.join();
        long expected = 0;
        long totalScheduled = 0;
        long totalUnsent = 0;
        for (int s = 0; s < senders; s++) {
            expected += scheduled[s] * recipients(s);
            totalScheduled += scheduled[s];
            totalUnsent += unsent[s];
        }
        while (sum(m -> m.delivered.get()) - deliveredBefore < expected && System.nanoTime() < hardStop) {
            LockSupport.parkNanos(2_000_000);
        }
        window = Window.NONE;
        sampler.stop();
        long delivered = sum(m -> m.delivered.get()) - deliveredBefore;
        Histogram latency = new Histogram(3);
        for (Member m : members) latency.add(m.takeLatencies());
        double seconds = measure.toNanos() / 1e9;
        double cpuSeconds = (to - from) / 1e9;
        return new StepResult(scenario, server, spec.wire().label(), spec.members(), spec.rooms(), senders, spec.size(),
                spec.window(), rate, seconds, totalScheduled, totalUnsent, expected, delivered,
                sum(m -> m.corrupted.get()) - corruptedBefore, sum(m -> m.outOfOrder.get()) - orderBefore,
                delivered / seconds, ms(latency, 50), ms(latency, 99), ms(latency, 99.9),
                latency.getTotalCount() == 0 ? -1 : latency.getMaxValue() / 1000.0,
                serverCpu0 < 0 || delivered == 0 ? -1 : (double) (serverCpu1 - serverCpu0) / delivered,
                serverCpu0 < 0 ? -1 : (serverCpu1 - serverCpu0) / 1e4 / cpuSeconds,
                (selfCpu1 - selfCpu0) / 1e4 / cpuSeconds,
                sampler.startMib(), sampler.maxMib(), sampler.endMib(), extra == null ? new HashMap<>() : extra);
    }

    /**
     * Sends for every sender on this one platform thread: each round writes, per sender, all its
     * messages that are due (as far as its window allows) in one write, then sleeps until the next
     * is due. One thread and one timed sleep per round instead of one per message keeps the
     * generator's own scheduling out of the measurement.
     */
    private void send(long start, long interval, long from, long to, long hardStop, long[] scheduled, long[] unsent) {
        int senders = spec.senders();
        long[] due = new long[senders];
        Payload payload = new Payload(spec.size());
        byte[] batch = new byte[64 * 1024];
        for (int s = 0; s < senders; s++) due[s] = start + interval * s / senders; // spread over one interval
        boolean[] failed = new boolean[senders];
        while (true) {
            long now = System.nanoTime();
            if (now > hardStop) break;
            long next = Long.MAX_VALUE;
            boolean blocked = false;
            for (int s = 0; s < senders; s++) {
                if (failed[s] || due[s] >= to) continue;
                int length = 0;
                long seq = nextSeq[s];
                while (due[s] <= now && due[s] < to && seq - probeSeen.get(s) < spec.window() && length < 48 * 1024) {
                    seq++;
                    byte[] line = spec.wire().message(members.get(s).room, seq, payload.text(s, seq, due[s]));
                    System.arraycopy(line, 0, batch, length, line.length);
                    length += line.length;
                    if (due[s] >= from) scheduled[s]++;
                    due[s] += interval;
                }
                nextSeq[s] = seq;
                if (length > 0) {
                    try {
                        members.get(s).client.write(batch, length);
                    } catch (IOException e) {
                        failed[s] = true; // what it had yet to send counts as unsent, below
                    }
                }
                if (due[s] < to) {
                    if (due[s] <= now) blocked = true; // due but its window is full
                    next = Math.min(next, due[s]);
                }
            }
            if (next == Long.MAX_VALUE) break;
            long wait = blocked ? 20_000 : next - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
        }
        for (int s = 0; s < senders; s++) {
            for (; due[s] < to; due[s] += interval) {
                if (due[s] >= from) {
                    scheduled[s]++;
                    unsent[s]++;
                }
            }
        }
    }

    private long sum(java.util.function.ToLongFunction<Member> f) {
        long total = 0;
        for (Member m : members) total += f.applyAsLong(m);
        return total;
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? -1 : h.getValueAtPercentile(percentile) / 1000.0;
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long left; (left = nanoTime - System.nanoTime()) > 0; ) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    @Override
    public void close() {
        readers.close();
        for (Member m : members) m.client.close();
    }
}
