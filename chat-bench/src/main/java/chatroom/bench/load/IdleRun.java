package chatroom.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code idle} scenario: N users log in and stay connected, saying nothing. It measures how
 * fast they get in and what each costs the server in resident memory (and, for a JVM, in heap
 * after a full GC).
 *
 * <p>The users come in two halves with a measurement after each. The whole run's figure divides
 * all growth since the first connection by N, which for a JVM includes the young generation
 * being touched for the first time (a fixed cost, a hundred MiB or more, not a cost per
 * connection). The second half's figure is the marginal cost: what N/2 more connections add to a
 * server that is already warm and busy. Both are reported; the target is checked on the second.
 */
public final class IdleRun {
    /**
     * A heap space's line in {@code GC.heap_info}: G1 prints one ("garbage-first heap ... used
     * 21117K"), Serial and Parallel one per generation ("DefNew ... used 0K", "Tenured ... used
     * 6040K"). Indented lines (eden, survivor, metaspace) are parts or not heap, so not counted.
     */
    private static final Pattern HEAP_USED = Pattern.compile("^\\S.*? used (\\d+)K", Pattern.MULTILINE);

    private IdleRun() {
    }

    /** The server's footprint at one moment. */
    private record Footprint(long rssKib, long heapKib, long cpuMicros) {
        static Footprint of(long pid, boolean jvm) throws IOException, InterruptedException {
            long heap = jvm ? heapUsedKib(pid) : -1; // first: its full GC does not count as RSS
            return new Footprint(ProcStats.rssKib(pid), heap, ProcStats.cpuMicros(pid));
        }
    }

    /** Runs the scenario and returns its JSON fields. */
    public static Map<String, Object> run(Wire wire, InetSocketAddress address, int connections, int concurrency,
                                          String nickPrefix, long serverPid, Duration maxSettle)
            throws IOException, InterruptedException {
        boolean jvm = isJvm(serverPid);
        Footprint before = Footprint.of(serverPid, jvm);
        List<Client> clients = new ArrayList<>();
        Readers readers = new Readers();
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            int half = connections / 2;
            Outcome first = connect(wire, address, nickPrefix, 0, half, concurrency, readers, clients);
            double firstSettle = settle(serverPid, maxSettle);
            Footprint middle = Footprint.of(serverPid, jvm);
            Outcome second = connect(wire, address, nickPrefix, half, connections, concurrency, readers, clients);
            double connectSeconds = (first.nanos + second.nanos) / 1e9;
            double secondSettle = settle(serverPid, maxSettle);
            Footprint after = Footprint.of(serverPid, jvm);
            int connected = clients.size();
            int secondConnected = connected - (half - first.failed);

            out.put("connections", connected);
            out.put("failed", first.failed + second.failed);
            String firstFailure = first.firstFailure != null ? first.firstFailure : second.firstFailure;
            if (firstFailure != null) out.put("first_failure", firstFailure);
            out.put("connect_seconds", round(connectSeconds));
            out.put("connects_per_s", round(connected / connectSeconds));
            out.put("second_half_connects_per_s", round(secondConnected / (second.nanos / 1e9)));
            out.put("settle_seconds", List.of(round(firstSettle), round(secondSettle)));
            out.put("server_cpu_ms_per_connect",
                    round((after.cpuMicros - before.cpuMicros) / 1000.0 / Math.max(1, connected)));
            out.put("server_rss_mib_before", round(before.rssKib / 1024.0));
            out.put("server_rss_mib_half", round(middle.rssKib / 1024.0));
            out.put("server_rss_mib_after", round(after.rssKib / 1024.0));
            out.put("rss_kib_per_connection", perConnection(after.rssKib - before.rssKib, connected));
            out.put("second_half_rss_kib_per_connection", perConnection(after.rssKib - middle.rssKib, secondConnected));
            if (jvm) {
                out.put("heap_mib_before", round(before.heapKib / 1024.0));
                out.put("heap_mib_half", round(middle.heapKib / 1024.0));
                out.put("heap_mib_after", round(after.heapKib / 1024.0));
                out.put("heap_kib_per_connection", perConnection(after.heapKib - before.heapKib, connected));
                out.put("second_half_heap_kib_per_connection",
                        perConnection(after.heapKib - middle.heapKib, secondConnected));
            }
        } finally {
            readers.close();
            for (Client c : clients) c.close();
        }
        return out;
    }

    /**
     * Waits until the server has caught up with the logins (the presence events of N logins are N²
     * deliveries and may still be queued): until it used under 5% of a core over a whole second,
     * and at most {@code max}. Memory measured earlier would count undelivered events as cost per
     * connection. Returns the seconds waited.
     */
    private static double settle(long pid, Duration max) throws InterruptedException {
        long start = System.nanoTime();
        long before = ProcStats.cpuMicros(pid);
        while (System.nanoTime() - start < max.toNanos()) {
            Thread.sleep(1000);
            long now = ProcStats.cpuMicros(pid);
            if (now - before < 50_000) break;
            before = now;
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private record Outcome(long nanos, int failed, String firstFailure) {
    }

    /** Connects and logs in users {@code from} to {@code to} - 1, {@code concurrency} at a time. */
    private static Outcome connect(Wire wire, InetSocketAddress address, String nickPrefix, int from, int to,
                                   int concurrency, Readers readers, List<Client> clients)
            throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        long start = System.nanoTime();
        List<Future<Client>> pending = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = from; i < to; i++) {
                String nick = nickPrefix + i;
                slots.acquire();
                pending.add(pool.submit(() -> {
                    try {
                        Client c = wire.connect(address, 2048);
                        wire.login(c, nick);
                        // Keep reading (presence notices, pings) so the server never sees a slow consumer.
                        readers.start(c, wire::onOtherLine);
                        return c;
                    } finally {
                        slots.release();
                    }
                }));
            }
        }
        long nanos = System.nanoTime() - start;
        int failed = 0;
        String firstFailure = null;
        for (Future<Client> f : pending) {
            try {
                clients.add(f.get());
            } catch (ExecutionException e) {
                failed++;
                if (firstFailure == null) firstFailure = e.getCause().toString();
            }
        }
        return new Outcome(nanos, failed, firstFailure);
    }

    private static double perConnection(long kib, int connections) {
        return round((double) kib / Math.max(1, connections));
    }

    private static boolean isJvm(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline")).contains("java");
        } catch (IOException e) {
            return false;
        }
    }

    /** Heap in use after a full GC, from the JDK's jcmd (the server runs on a JDK too). */
    private static long heapUsedKib(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        return heapUsedKib(jcmd(pid, "GC.heap_info"));
    }

    /** The heap in use in {@code GC.heap_info}'s output, in KiB, or -1 when it has none. */
    static long heapUsedKib(String heapInfo) {
        Matcher m = HEAP_USED.matcher(heapInfo);
        long used = -1;
        while (m.find()) used = Math.max(used, 0) + Long.parseLong(m.group(1));
        return used;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
