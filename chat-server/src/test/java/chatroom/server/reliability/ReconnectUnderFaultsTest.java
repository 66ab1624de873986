package chatroom.server.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.protocol.ChatMessage;
import chatroom.common.protocol.HistoryPage;
import chatroom.common.protocol.HistoryRequest;
import chatroom.common.testing.TestClient;
import chatroom.common.testing.TrustAnyTls;
import chatroom.server.config.ServerConfig;
import chatroom.server.config.TlsConfig;
import chatroom.server.store.ChannelStore;
import chatroom.server.store.Database;
import chatroom.server.store.MessageStore;
import chatroom.server.testing.TestServer;
import java.net.Socket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Promise 2 of the reliability issue, "reconnect without gaps": clients behind a
 * {@link FaultyProxy} that resets, stalls, half-closes and cuts their connections send and receive
 * over a thousand messages in one room, next to a control client on a direct connection. Once the
 * faults stop and every say is confirmed, every client must have seen exactly the store's messages:
 * seq 1..N without a gap, each once, in order, every sent message exactly once, and every ack's
 * seq the stored one. A fresh reader's history must agree too.
 *
 * <p>Faults are reproducible from the seed, which every failure message names: rerun with
 * {@code -Dchatroom.faults.seed=<seed>}. With {@code -Dchatroom.soak=true} each client sends ten
 * times as many messages.
 */
class ReconnectUnderFaultsTest {
    private static final boolean SOAK = Boolean.getBoolean("chatroom.soak");
    private static final int PROXIED_CLIENTS = 4;
    private static final int SAYS_PER_CLIENT = SOAK ? 2_500 : 250;
    /** For sending everything under faults (about 10 s in the default run). */
    private static final Duration SEND_DEADLINE = SOAK ? Duration.ofMinutes(20) : Duration.ofSeconds(90);
    /** For catching up once the faults stop: history pages and a last reconnect, seconds at most. */
    private static final Duration SETTLE_DEADLINE = SOAK ? Duration.ofMinutes(2) : Duration.ofSeconds(30);

    @TempDir
    Path data;

    /** How the clients reach the server; the proxy only sees bytes either way. */
    enum Transport {
        PLAIN, TLS;

        ServerConfig configure(ServerConfig c) {
            // The rate limiter guards against floods; here the flood is the test, so it must not interfere.
            ServerConfig limits = c.withLimits(c.maxFrameBytes(), c.outboxMaxBytes(), 100_000, 100_000.0);
            return this == PLAIN ? limits.withTls(TlsConfig.off()) : limits;
        }

        ReconnectingClient.Dialer to(int port) {
            return this == PLAIN ? () -> new Socket("127.0.0.1", port) : () -> TrustAnyTls.connect("127.0.0.1", port);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transport.class)
    void everyClientSeesEveryMessageExactlyOnceInOrderDespiteFaults(Transport transport) throws Exception {
        long seed = Long.getLong("chatroom.faults.seed", new SecureRandom().nextLong());
        System.out.println(transport + ": fault seed " + seed + " (rerun with -Dchatroom.faults.seed=" + seed + ")");
        long started = System.nanoTime();
        List<FaultyProxy> proxies = new ArrayList<>();
        List<ReconnectingClient> clients = new ArrayList<>();
        try {
            List<ChatMessage> readerHistory;
            long confirmedAfter;
            try (TestServer server = TestServer.start(data, transport::configure)) {
                try {
                    CountDownLatch confirmed = startClients(server, transport, seed, proxies, clients);
                    await(confirmed, clients);
                    confirmedAfter = System.nanoTime() - started;
                    settle(proxies, clients);
                    readerHistory = freshReaderHistory(server);
                } finally {
                    for (ReconnectingClient c : clients) c.close();
                    for (FaultyProxy p : proxies) p.close();
                }
            }
            // Read after the server has stopped: the store's own sequence, durable on disk.
            List<ChatMessage> stored = storedRoom(data);
            verify(stored, readerHistory, clients, proxies);
            report(transport, seed, started, confirmedAfter, clients, proxies);
        } catch (Throwable t) {
            throw new AssertionError(failure(transport, seed, clients, proxies), t);
        }
    }

    /** Names the seed first: with it, the same faults come at the same bytes again. */
    private static String failure(Transport transport, long seed, List<ReconnectingClient> clients, List<FaultyProxy> proxies) {
        String states = clients.stream().map(ReconnectingClient::progress).collect(Collectors.joining("\n  "));
        String faults = proxies.stream().flatMap(p -> p.journal().stream().skip(Math.max(0, p.journal().size() - 5)))
                .collect(Collectors.joining("\n  "));
        return "Failed with fault seed " + seed + " (" + transport + "); rerun with -Dchatroom.faults.seed=" + seed
                + "\nclients:\n  " + states + "\nlast faults of each proxy:\n  " + faults;
    }

    /** Starts the clients, the last one direct, the others each behind its own proxy; returns their confirmation latch. */
    private static CountDownLatch startClients(TestServer server, Transport transport, long seed, List<FaultyProxy> proxies,
                                               List<ReconnectingClient> clients) throws Exception {
        Random texts = new Random(seed);
        int total = PROXIED_CLIENTS + 1;
        CountDownLatch confirmed = new CountDownLatch(total);
        for (int i = 0; i < total; i++) {
            String user = i < PROXIED_CLIENTS ? "faulty" + i : "control";
            // Registered before any client starts, so the PBKDF2 work of registering does not overlap the run.
            server.register(user).close();
            int port = server.port();
            if (i < PROXIED_CLIENTS) {
                // One proxy per client, so each client's n-th connection gets the same plan for a seed.
                FaultyProxy proxy = FaultyProxy.start(server.port(), seed + i, FaultyProxy.Settings.defaults());
                proxies.add(proxy);
                port = proxy.port();
            }
            clients.add(new ReconnectingClient(user, TestServer.passwordOf(user), texts(texts, user, SAYS_PER_CLIENT),
                    transport.to(port), confirmed));
        }
        for (ReconnectingClient c : clients) c.start();
        return confirmed;
    }

    /** Waits until every say is confirmed; a client that fails meanwhile fails the test at once, not at the deadline. */
    private static void await(CountDownLatch confirmed, List<ReconnectingClient> clients) throws Exception {
        long deadline = System.nanoTime() + SEND_DEADLINE.toNanos();
        while (!confirmed.await(100, TimeUnit.MILLISECONDS)) {
            for (ReconnectingClient c : clients) {
                if (c.finished().isCompletedExceptionally()) c.finished().get(); // throws the client's failure
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Not every say was confirmed within " + SEND_DEADLINE.toSeconds() + " s");
            }
        }
    }

    /** Stops the faults, tells every client how many messages exist, and waits until each has them all. */
    private static void settle(List<FaultyProxy> proxies, List<ReconnectingClient> clients) throws Exception {
        for (FaultyProxy p : proxies) p.calm();
        long n = clients.stream().mapToLong(c -> c.says().size()).sum();
        for (ReconnectingClient c : clients) c.finishAt(n);
        CompletableFuture<?>[] all = clients.stream().map(ReconnectingClient::finished).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(all).get(SETTLE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("A client failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("Clients did not catch up to seq " + n + " within " + SETTLE_DEADLINE.toSeconds() + " s");
        }
    }

    /** A new account that was never online pages the whole room forward from after_seq 0. */
    private static List<ChatMessage> freshReaderHistory(TestServer server) throws Exception {
        List<ChatMessage> all = new ArrayList<>();
        TestClient reader = server.register("reader");
        long after = 0;
        while (true) {
            long from = after;
            HistoryPage page = reader.request(id -> new HistoryRequest(id, ReconnectingClient.ROOM, null, null, from,
                    HistoryRequest.MAX_LIMIT), HistoryPage.class);
            all.addAll(page.messages());
            if (page.messages().size() < HistoryRequest.MAX_LIMIT) return all;
            after = page.messages().getLast().seq();
        }
    }

    private static List<ChatMessage> storedRoom(Path data) throws Exception {
        try (Database db = Database.open(data)) {
            long room = new ChannelStore(db).findRoom(ReconnectingClient.ROOM).orElseThrow().id();
            MessageStore messages = new MessageStore(db);
            List<ChatMessage> all = new ArrayList<>();
            while (true) {
                List<ChatMessage> page = messages.page(room, null, all.isEmpty() ? 0L : all.getLast().seq(), 500);
                all.addAll(page);
                if (page.size() < 500) return all;
            }
        }
    }

    private static void verify(List<ChatMessage> stored, List<ChatMessage> readerHistory, List<ReconnectingClient> clients,
                               List<FaultyProxy> proxies) {
        long n = clients.stream().mapToLong(c -> c.says().size()).sum();
        assertEquals(LongStream.rangeClosed(1, n).boxed().toList(), stored.stream().map(ChatMessage::seq).toList(),
                "the store must hold seqs 1.." + n + ", one per message sent");
        Map<String, String> sentTexts = new HashMap<>();
        for (ReconnectingClient c : clients) {
            for (SayOutbox.Say s : c.says()) sentTexts.put(c.user() + "/" + s.id(), s.text());
        }
        Map<String, String> storedTexts = stored.stream().collect(Collectors.toMap(m -> m.from() + "/" + m.id(), ChatMessage::text,
                (a, b) -> {
                    throw new AssertionError("a message is stored twice: " + a);
                }));
        assertEquals(sentTexts, storedTexts, "every message sent must be stored once, with its text (by sender and id)");
        assertEquals(stored, readerHistory, "a fresh reader's history must be the store's sequence");

        for (ReconnectingClient c : clients) {
            assertEquals(stored, c.shown(), c.user() + " must have seen every message exactly once, in seq order");
            assertEquals(stored, c.held(), c.user() + " must hold nothing beyond the store");
            for (Map.Entry<String, Long> ack : c.acks().entrySet()) {
                ChatMessage m = stored.get((int) (ack.getValue() - 1));
                assertEquals(c.user() + "/" + ack.getKey(), m.from() + "/" + m.id(),
                        c.user() + "'s ack of " + ack.getKey() + " must carry the stored message's seq");
            }
        }

        ClientStats faulty = total(clients.subList(0, PROXIED_CLIENTS));
        ClientStats control = clients.getLast().stats();
        assertEquals(0, faulty.liveGaps + control.liveGaps, "live messages skipped a seq after welcome on some connection");
        assertEquals(0, faulty.liveRepeats + control.liveRepeats, "a connection got a live seq twice or out of order");
        assertEquals(0, faulty.earlyMessages + control.earlyMessages, "a message arrived before welcome");
        assertEquals(0, control.reconnects(), "the control client's direct connection must never break: " + control);

        // The run proves nothing unless the faults happened and the recovery paths ran.
        Map<Fault, Integer> fired = fired(proxies);
        for (Fault f : Fault.values()) assertTrue(fired.get(f) > 0, "no " + f + " fault fired: " + fired);
        assertTrue(faulty.reconnects() > 0, "no client reconnected: " + faulty);
        assertTrue(faulty.resends > 0, "no say was resent: " + faulty);
        assertTrue(faulty.dedupedResends > 0, "no resend hit a message the server already had: " + faulty);
    }

    private static ClientStats total(List<ReconnectingClient> clients) {
        ClientStats sum = new ClientStats();
        for (ReconnectingClient c : clients) sum.add(c.stats());
        return sum;
    }

    private static Map<Fault, Integer> fired(List<FaultyProxy> proxies) {
        Map<Fault, Integer> sum = new EnumMap<>(Fault.class);
        for (Fault f : Fault.values()) sum.put(f, 0);
        for (FaultyProxy p : proxies) p.fired().forEach((f, k) -> sum.merge(f, k, Integer::sum));
        return sum;
    }

    private static void report(Transport transport, long seed, long started, long confirmedAfter,
                               List<ReconnectingClient> clients, List<FaultyProxy> proxies) {
        long n = clients.stream().mapToLong(c -> c.says().size()).sum();
        long unacked = clients.stream().mapToLong(c -> c.says().size() - c.acks().size()).sum();
        System.out.printf("%s seed=%d: %d messages from %d clients (%d behind the proxy) in %.1f s (all confirmed after %.1f s); "
                        + "%d proxied connections carrying %d KiB up, %d KiB down; faults %s; faulty clients: %s; "
                        + "confirmed only by their echo: %d; control: %s%n",
                transport, seed, n, clients.size(), PROXIED_CLIENTS, (System.nanoTime() - started) / 1e9, confirmedAfter / 1e9,
                proxies.stream().mapToInt(FaultyProxy::connections).sum(),
                proxies.stream().mapToLong(FaultyProxy::upBytes).sum() / 1024,
                proxies.stream().mapToLong(FaultyProxy::downBytes).sum() / 1024, fired(proxies),
                total(clients.subList(0, PROXIED_CLIENTS)), unacked, clients.getLast().stats());
        for (FaultyProxy p : proxies) System.out.println("  proxy seed " + p.seed() + ": " + String.join("; ", p.journal()));
    }

    /** Texts of varied length with characters that stress framing: quotes, backslashes, newlines, U+2028, emoji. */
    private static List<String> texts(Random random, String user, int count) {
        String[] pieces = {"a", "b", "z", " ", "é", "ß", "\"", "\\", "\n", "\u2028", "😀", "{", "}", "漢"};
        List<String> texts = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            StringBuilder text = new StringBuilder(user).append(" #").append(i).append(' ');
            int length = random.nextInt(random.nextInt(10) == 0 ? 600 : 60);
            for (int k = 0; k < length; k++) text.append(pieces[random.nextInt(pieces.length)]);
            texts.add(text.toString());
        }
        return texts;
    }
}
