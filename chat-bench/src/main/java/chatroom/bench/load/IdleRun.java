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
 * after a full GC), against the server's footprint before the first connection.
 */
public final class IdleRun {
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private IdleRun() {
    }

    /** Runs the scenario and returns its JSON fields. */
    public static Map<String, Object> run(Wire wire, InetSocketAddress address, int connections, int concurrency,
                                          String nickPrefix, long serverPid, Duration settle)
            throws IOException, InterruptedException {
        boolean jvm = isJvm(serverPid);
        long heapBefore = jvm ? heapUsedKib(serverPid) : -1;
        long rssBefore = ProcStats.rssKib(serverPid);
        long cpuBefore = ProcStats.cpuMicros(serverPid);
        List<Client> clients = new ArrayList<>();
        Semaphore slots = new Semaphore(concurrency);
        long start = System.nanoTime();
        List<Future<Client>> pending = new ArrayList<>();
        Readers readers = new Readers();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < connections; i++) {
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
        double connectSeconds = (System.nanoTime() - start) / 1e9;
        LoadRun.sleepUntil(System.nanoTime() + settle.toNanos());
        long heapAfter = jvm ? heapUsedKib(serverPid) : -1;
        long rssAfter = ProcStats.rssKib(serverPid);
        long cpuAfter = ProcStats.cpuMicros(serverPid);
        int connected = clients.size();
        readers.close();
        for (Client c : clients) c.close();

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("connections", connected);
        out.put("failed", failed);
        if (firstFailure != null) out.put("first_failure", firstFailure);
        out.put("connect_seconds", round(connectSeconds));
        out.put("connects_per_s", round(connected / connectSeconds));
        out.put("server_cpu_ms_per_connect", round((cpuAfter - cpuBefore) / 1000.0 / Math.max(1, connected)));
        out.put("server_rss_mib_before", round(rssBefore / 1024.0));
        out.put("server_rss_mib_after", round(rssAfter / 1024.0));
        out.put("rss_kib_per_connection", round((double) (rssAfter - rssBefore) / Math.max(1, connected)));
        if (jvm) {
            out.put("heap_mib_before", round(heapBefore / 1024.0));
            out.put("heap_mib_after", round(heapAfter / 1024.0));
            out.put("heap_kib_per_connection", round((double) (heapAfter - heapBefore) / Math.max(1, connected)));
        }
        return out;
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
        Matcher m = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
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
