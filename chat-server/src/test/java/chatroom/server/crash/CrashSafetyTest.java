package chatroom.server.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: an acked message survives {@code kill -9} of the server.
 *
 * <p>Each iteration starts the real server in a child JVM on the same data folder, lets several
 * senders pipeline messages at it, kills it with SIGKILL at a random point (measured in acks),
 * restarts it, and lets the senders reconnect and resend what was not acked, with the same ids.
 * Between runs the database is read directly; at the end a fresh reader pages through the history.
 * 20 iterations by default; 200 with {@code -Dchatroom.soak=true}; any number with
 * {@code -Dchatroom.crash.iterations=N}. {@code -Dchatroom.crash.seed=N} replays a seed (the kill
 * points and the messages repeat; thread timing does not). The summary line goes to the output and
 * to {@code target/reliability/crash-safety.txt}.
 */
class CrashSafetyTest {
    private static final List<String> SENDERS = List.of("s1", "s2", "s3");
    private static final List<String> ROOMS = List.of("lobby", "crash");
    private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(30);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private Path data;
    private final List<Sender> senders = new ArrayList<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private ChildServer server;
    private ChildServer standby;
    private long seed;
    private int kills;
    private int unackedAtKills;

    @Test
    void ackedMessagesSurviveKillMinusNine() throws Exception {
        int iterations = Integer.getInteger("chatroom.crash.iterations", Boolean.getBoolean("chatroom.soak") ? 200 : 20);
        seed = Long.getLong("chatroom.crash.seed", new SecureRandom().nextLong());
        System.out.println("crash-safety: seed=" + seed + " iterations=" + iterations + " (replay with -Dchatroom.crash.seed=" + seed + ")");
        long began = System.nanoTime();
        Random random = new Random(seed);
        data = dir.resolve("data");
        Semaphore loginTurn = new Semaphore(1);
        for (int i = 0; i < SENDERS.size(); i++) {
            senders.add(new Sender(SENDERS.get(i), Accounts.password(SENDERS.get(i)), ROOMS, SENDERS, seed + i + 1, loginTurn));
        }
        try {
            standby = ChildServer.spawn(data, dir); // boots while the offline accounts are made
            Accounts.createOffline(data);
            startNext();
            Accounts.createOnline(server.port(), SENDERS, ROOMS.getLast());
            StoreCheck.Result setUp = check(0, false);
            for (int i = 1; i <= iterations; i++) {
                long t0 = System.nanoTime();
                if (i > 1) startNext();
                long t1 = System.nanoTime();
                StoreCheck.Result before = i > 1 ? check(i, false) : setUp;
                assertEquals(setUp.accounts(), before.accounts(), "accounts changed before iteration " + i);
                assertEquals(setUp.bans(), before.bans(), "bans changed before iteration " + i);
                long t2 = System.nanoTime();
                String kill = runAndKill(server, before.lastSeq(), random, i);
                System.out.printf("iteration %d/%d: %s; restart %d ms (%d ms CPU), store check %d ms, whole iteration %d ms%n",
                        i, iterations, kill, millis(t1 - t0), server.startCpuMillis(), millis(t2 - t1), millis(System.nanoTime() - t0));
            }
            StoreCheck.Result end = resendEverything(iterations + 1);

            startNext();
            FreshReader.matchesStore(server.port(), ROOMS, SENDERS, end);
            Accounts.checkIntact(server.port(), SENDERS);
            assertEquals(0, server.stop(), "exit status after SIGTERM");
            StoreCheck.Result stopped = check(iterations + 1, true);
            assertEquals(end.rows(), stopped.rows(), "a graceful stop changed the messages");
            assertEquals(setUp.accounts(), stopped.accounts());
            assertEquals(setUp.bans(), stopped.bans());
            assertTrue(totalResent() > 0, "no kill ever left a message unacked: the fault injection did nothing");
            report(iterations, stopped, System.nanoTime() - began);
        } catch (Exception | AssertionError e) {
            throw new AssertionError("crash-safety failed with seed " + seed + " (data kept in " + dir + "): " + e.getMessage(), e);
        } finally {
            if (server != null) server.destroy();
            if (standby != null) standby.destroy();
            threads.shutdownNow();
        }
    }

    /**
     * The last round: a restart, every unacked message resent and acked, then one more kill with
     * nothing in flight; returns the store as it is after that kill, with every message sent.
     */
    private StoreCheck.Result resendEverything(int iteration) throws Exception {
        ChildServer last = startNext();
        Map<String, Long> seqAtStart = check(iteration, false).lastSeq();
        all(senders.stream().map(s -> run(() -> s.flush(last.port(), seqAtStart))).toList(), "the final resend");
        standby = ChildServer.spawn(data, dir);
        for (Sender s : senders) assertEquals(0, s.unackedCount(), s.user() + " still has unacked messages");
        last.kill();
        kills++;
        return check(iteration, true);
    }

    /** One server life: senders log in and send until the kill lands; returns what happened, for the log. */
    private String runAndKill(ChildServer child, Map<String, Long> seqAtStart, Random random, int iteration) throws Exception {
        long started = System.nanoTime();
        // The next server boots beside this one (the logins here hash on one core), off the critical path.
        standby = ChildServer.spawn(data, dir);
        AckProgress progress = new AckProgress();
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (Sender s : senders) {
            int window = 1 + random.nextInt(5);
            running.add(run(() -> s.runUntilKilled(child.port(), seqAtStart, window, progress, child::killed)));
            running.getLast().whenComplete((ok, failure) -> {
                if (failure != null) progress.failed(failure);
            });
        }
        String when;
        long loggedInAt = 0;
        if (random.nextInt(8) == 0) {
            // Now and then the kill lands while senders are still connecting and logging in.
            int loggedIn = random.nextInt(senders.size());
            progress.await(loggedIn, 0, PROGRESS_TIMEOUT);
            when = "after " + loggedIn + " logins";
        } else {
            int acks = random.nextInt(60);
            progress.await(senders.size(), 0, PROGRESS_TIMEOUT);
            loggedInAt = System.nanoTime();
            // Counted from the last login, or the early birds' acks would trigger the kill right then.
            progress.await(senders.size(), progress.acks() + acks, PROGRESS_TIMEOUT);
            when = "after " + acks + " more acks";
            if (random.nextBoolean()) {
                // Fault injection, not synchronisation: shifts the kill within a group commit.
                int micros = random.nextInt(20_000);
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(micros));
                when += " + " + micros / 1000.0 + " ms";
            }
        }
        long killedAt = System.nanoTime();
        int acked = progress.acks();
        long cpu = child.cpuMillis();
        child.kill();
        kills++;
        all(running, "iteration " + iteration);
        int unacked = senders.stream().mapToInt(Sender::unackedCount).sum();
        unackedAtKills += unacked;
        return String.format("kill %s (%d acked, %d unacked at the kill), logins %s, kill at %d ms, server CPU %d ms",
                when, acked, unacked, loggedInAt == 0 ? "-" : millis(loggedInAt - started) + " ms", millis(killedAt - started), cpu);
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** Turns the standby child (or a new one) into the running server. */
    private ChildServer startNext() throws IOException {
        server = standby != null ? standby : ChildServer.spawn(data, dir);
        standby = null;
        return server.start();
    }

    /** The store right now, failing on any deviation; the server must be idle or dead. */
    private StoreCheck.Result check(int iteration, boolean everySent) throws Exception {
        StoreCheck.Result r = StoreCheck.run(data, senders, everySent);
        List<String> problems = new ArrayList<>(r.problems());
        for (Sender s : senders) problems.addAll(s.problems());
        if (!problems.isEmpty()) {
            throw new AssertionError("the store before iteration " + iteration + ":\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(problems.size(), 50))));
        }
        return r;
    }

    private interface Work {
        void run() throws Exception;
    }

    private CompletableFuture<Void> run(Work work) {
        return CompletableFuture.runAsync(() -> {
            try {
                work.run();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, threads);
    }

    /** Waits for every sender, with a deadline; the first failure fails the test. */
    private void all(List<CompletableFuture<Void>> futures, String when) throws Exception {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("a sender failed in " + when + ": " + e.getCause(), e.getCause());
        }
    }

    private int totalResent() {
        return senders.stream().mapToInt(Sender::resent).sum();
    }

    private void report(int iterations, StoreCheck.Result end, long nanos) throws IOException {
        int sent = senders.stream().mapToInt(s -> s.sent().size()).sum();
        int acked = senders.stream().mapToInt(s -> s.acked().size()).sum();
        String line = String.format(java.util.Locale.ROOT,
                "crash-safety: iterations=%d kills=%d sent=%d acked=%d unacked-at-kill=%d resent=%d dedup-acks=%d "
                        + "rate-limited=%d lost=%d duplicates=%d redelivered=%d integrity=%s seed=%d seconds=%.1f",
                iterations, kills, sent, acked, unackedAtKills, totalResent(),
                senders.stream().mapToInt(Sender::dedupAcks).sum(), senders.stream().mapToInt(Sender::rateLimited).sum(),
                end.lost(), end.duplicates(), senders.stream().mapToInt(Sender::redelivered).sum(), end.integrity(), seed,
                nanos / 1e9);
        System.out.println(line);
        Path out = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("reliability");
        Files.createDirectories(out);
        Files.writeString(out.resolve("crash-safety.txt"), line + "\n", StandardCharsets.UTF_8);
    }
}
