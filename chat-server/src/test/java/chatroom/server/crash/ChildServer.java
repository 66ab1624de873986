package chatroom.server.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server in a child JVM, so that it can be killed with SIGKILL: an in-process server
 * cannot die without taking the test with it, and only a dead process shows what reached the disk.
 *
 * <p>A child is {@linkplain #spawn spawned} ahead of time and boots (see {@link WarmStart}) while
 * the previous one still runs; {@link #start()} then turns it into the server on the data folder.
 */
final class ChildServer {
    private static final Pattern LISTENING = Pattern.compile("listening on [^ ]+:(\\d+)");
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);
    private static final int TAIL_LINES = 40;

    private final Process process;
    private final Path data;
    private final Deque<String> tail = new ConcurrentLinkedDeque<>();
    private final CompletableFuture<Integer> listening = new CompletableFuture<>();
    private int port;
    private long startCpuMillis;
    private volatile boolean killed;

    private ChildServer(Process process, Path data, Path consoleLog) {
        this.process = process;
        this.data = data;
        Thread.ofVirtual().name("child-console-" + process.pid()).start(() -> drain(consoleLog));
    }

    /**
     * Starts a child JVM that will serve {@code data} on a free loopback port once {@link #start()}
     * is called. Its console goes to {@code consoleDir/server-PID.log}; the pipe is drained for the
     * life of the process, so a chatty server never blocks on it.
     */
    static ChildServer spawn(Path data, Path consoleDir) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // sqlite-jdbc extracts its native library at every start and deletes it only on a normal exit:
        // each kill would leave 1 MB in the system's temp folder, so it goes to the test's own folder.
        Path nativeLibs = Files.createDirectories(consoleDir.resolve("sqlite-native"));
        List<String> command = new ArrayList<>(List.of(java,
                // Small and quick to boot. Tiered compilation stays on: C1 alone makes PBKDF2 ~5x slower.
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Dorg.sqlite.tmpdir=" + nativeLibs,
                "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=logback.xml", "--enable-native-access=ALL-UNNAMED",
                WarmStart.class.getName(), "--host", "127.0.0.1", "--port", "0", "--data", data.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(consoleDir.toFile()).redirectErrorStream(true);
        // The default limit (burst 10, 5/s) would turn most pipelined messages into rate_limited retries.
        builder.environment().put("CHATROOM_RATE_BURST", "1000000");
        builder.environment().put("CHATROOM_RATE_PER_SECOND", "1000000");
        // Logins queue for one hashing core; on a busy machine the third can outlast the default 10 s.
        builder.environment().put("CHATROOM_AUTH_TIMEOUT_SECONDS", "60");
        Process process = builder.start();
        return new ChildServer(process, data, consoleDir.resolve("server-" + process.pid() + ".log"));
    }

    /** Lets the child become the server and waits until it listens. */
    ChildServer start() throws IOException {
        try (OutputStream in = process.getOutputStream()) {
            in.write("go\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The child is already gone; waiting for "listening" below reports its exit status.
        }
        try {
            port = listening.get(START_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("The server did not start on " + data + ": " + e.getMessage()
                    + "\n--- its last lines ---\n" + lastLines(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the server started", e);
        }
        startCpuMillis = cpuMillis();
        return this;
    }

    private void drain(Path consoleLog) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(consoleLog, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                log.write(line);
                log.write('\n');
                tail.addLast(line);
                if (tail.size() > TAIL_LINES) tail.pollFirst();
                Matcher m = LISTENING.matcher(line);
                if (!listening.isDone() && m.find()) listening.complete(Integer.parseInt(m.group(1)));
            }
        } catch (IOException e) {
            // The process died mid-line; the exit status below says enough.
        }
        listening.completeExceptionally(new IllegalStateException("the process ended (status "
                + process.onExit().join().exitValue() + ") without saying where it listens"));
    }

    int port() {
        return port;
    }

    /** CPU milliseconds the process had used when it said "listening", warm-up included. */
    long startCpuMillis() {
        return startCpuMillis;
    }

    /** CPU milliseconds the process has used so far (0 where the platform does not tell). */
    long cpuMillis() {
        return process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }

    /** True from the moment {@link #kill()} or {@link #stop()} began: connection losses after it are expected. */
    boolean killed() {
        return killed;
    }

    /** SIGKILL: no shutdown hook, no checkpoint, no flush. Returns once the process is gone. */
    void kill() throws InterruptedException {
        killed = true;
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) throw new IllegalStateException("the server survived SIGKILL");
    }

    /** SIGTERM, the graceful stop; returns the exit status. */
    int stop() throws InterruptedException {
        killed = true;
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not stop within 15 s of SIGTERM; last lines:\n" + lastLines());
        }
        return process.exitValue();
    }

    /** The last lines the child printed, for failure messages. */
    String lastLines() {
        return String.join("\n", List.copyOf(tail));
    }

    /** Kills the process if it still runs, for cleanup after a failure. */
    void destroy() {
        killed = true;
        process.destroyForcibly();
    }
}
