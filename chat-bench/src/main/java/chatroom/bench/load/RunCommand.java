package chatroom.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chat-bench run}: one scenario against one server. Each measured step prints one JSON
 * line on standard output (and appends it to {@code --out}) and one table row on standard error.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs one load scenario against a server and prints a JSON line and a table row per step.")
public final class RunCommand implements Callable<Integer> {
    /** The scenarios, with their defaults. */
    enum Scenario { idle, fanout, lowrate, slow_consumer, rooms, churn }

    @Option(names = "--scenario", required = true, description = "idle, fanout, lowrate, slow-consumer, rooms or churn.",
            converter = ScenarioConverter.class)
    Scenario scenario;

    @Option(names = "--protocol", defaultValue = "chat", description = "chat, chat-tls, irc or seed (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--server", defaultValue = "chatroom", description = "The server's name in the results (default: ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--host", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--port", required = true)
    int port;

    @Option(names = "--server-pid", defaultValue = "-1", description = "The server's process id, for its CPU and memory.")
    long serverPid;

    @Option(names = "--members", description = "Room members in all (fanout 100, rooms 1000).")
    Integer members;

    @Option(names = "--rooms", description = "Rooms the members are spread over (rooms: 100, else 1).")
    Integer rooms;

    @Option(names = "--senders", description = "Senders per room (rooms: 1, else 10).")
    Integer senders;

    @Option(names = "--rates", split = ",", description = "Total messages per second, one step each (fanout: a sweep).")
    List<Double> rates;

    @Option(names = "--stop-on-fail", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Stop a sweep at the first step with a loss or a p99 over --p99-limit-ms.")
    boolean stopOnFail;

    @Option(names = "--p99-limit-ms", defaultValue = "50")
    double p99LimitMs;

    @Option(names = "--size", defaultValue = "100", description = "Message text length in bytes.")
    int size;

    @Option(names = "--window", defaultValue = "16", description = "Messages each sender may have in flight.")
    int window;

    @Option(names = "--warmup", defaultValue = "2", description = "Seconds of load before each measurement.")
    double warmup;

    @Option(names = "--seconds", description = "Seconds measured per step (lowrate 20, else 5).")
    Double seconds;

    @Option(names = "--drain", defaultValue = "5", description = "Seconds to wait for the last deliveries.")
    double drain;

    @Option(names = "--connections", defaultValue = "10000", description = "idle: connections to open.")
    int connections;

    @Option(names = "--concurrency", defaultValue = "32", description = "Connections being opened at once.")
    int concurrency;

    @Option(names = "--churn-rate", defaultValue = "50", description = "churn: new connections per second.")
    double churnRate;

    @Option(names = "--churn-hold-ms", defaultValue = "1000", description = "churn: how long each stays.")
    long churnHoldMs;

    @Option(names = "--nick-prefix", defaultValue = "b", description = "Prefix of the simulated users' names.")
    String nickPrefix;

    @Option(names = "--out", description = "Also append the JSON lines to this file.")
    Path out;

    @Option(names = "--run", defaultValue = "1", description = "The repetition number, recorded for the report's medians.")
    String runNumber;

    @Option(names = "--warmup-rate", defaultValue = "0",
            description = "First load the server at this rate for --warmup-seconds, unreported, so its JIT is warm.")
    double warmupRate;

    @Option(names = "--warmup-seconds", defaultValue = "5")
    double warmupSeconds;

    @Override
    public Integer call() throws Exception {
        Wire wire = Wire.named(protocol);
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (scenario == Scenario.idle) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("scenario", "idle");
            r.put("server", server);
            r.put("protocol", wire.label());
            r.put("run", runNumber);
            r.putAll(IdleRun.run(wire, address, connections, concurrency, nickPrefix, serverPid, Duration.ofSeconds(60)));
            String json = new com.google.gson.Gson().toJson(r);
            emit(json);
            System.err.printf("idle %-9s %d connections in %s s (%s/s): %s KiB RSS per connection, %s KiB for each of"
                            + " the second half%n", server, r.get("connections"), r.get("connect_seconds"),
                    r.get("connects_per_s"), r.get("rss_kib_per_connection"), r.get("second_half_rss_kib_per_connection"));
            return (int) r.get("failed") == 0 ? 0 : 1;
        }
        int m = members != null ? members : scenario == Scenario.rooms ? 1000 : 100;
        int k = rooms != null ? rooms : scenario == Scenario.rooms ? 100 : 1;
        int s = senders != null ? senders : scenario == Scenario.rooms ? 1 : 10;
        List<Double> steps = rates != null ? rates : switch (scenario) {
            case fanout -> List.of(1000.0, 5000.0, 10000.0, 15000.0, 20000.0, 25000.0, 30000.0);
            case lowrate -> List.of(10.0);
            default -> List.of(2000.0);
        };
        double measured = seconds != null ? seconds : scenario == Scenario.lowrate ? 20 : 5;
        String name = scenario == Scenario.fanout && steps.size() > 1 ? "fanout-sweep" : scenario.name().replace('_', '-');
        LoadRun.Spec spec = new LoadRun.Spec(wire, address, m, k, s, size, window, nickPrefix, concurrency);
        System.err.printf("%s: connecting %d members to %s (%s)…%n", name, m, server, wire.label());
        try (LoadRun run = LoadRun.connect(spec)) {
            System.err.printf("connected in %.1f s%n%s%n", run.connectTime().toNanos() / 1e9, StepResult.header());
            Client stalled = null;
            if (scenario == Scenario.slow_consumer) {
                stalled = wire.connectStalling(address, 8192);
                wire.login(stalled, nickPrefix + "stall");
                wire.join(stalled, spec.room(0));
            }
            if (warmupRate > 0) {
                StepResult w = run.step("warm-up", server, warmupRate, seconds(0), seconds(warmupSeconds), seconds(drain),
                        serverPid, null);
                System.err.println(w.row());
            }
            boolean allPassed = true;
            for (double rate : steps) {
                Churn churn = scenario == Scenario.churn ? Churn.start(wire, address, spec.room(0), churnRate, churnHoldMs,
                        nickPrefix + "c") : null;
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("run", runNumber);
                StepResult r = run.step(name, server, rate, seconds(warmup), seconds(measured), seconds(drain), serverPid, extra);
                if (churn != null) churn.stopInto(extra);
                if (stalled != null) {
                    long bytes = stalled.drainToEnd(10_000);
                    extra.put("stalled_cut_off", bytes >= 0);
                    extra.put("stalled_bytes_read", bytes >= 0 ? bytes : -1 - bytes);
                    stalled.close();
                }
                emit(r.json());
                System.err.println(r.row());
                boolean passed = r.complete() && r.p99Ms() < p99LimitMs;
                allPassed &= passed;
                if (!passed && stopOnFail && steps.size() > 1) break;
            }
            return scenario == Scenario.fanout || allPassed ? 0 : 1;
        }
    }

    private void emit(String json) throws IOException {
        System.out.println(json);
        System.out.flush();
        if (out != null) {
            Files.writeString(out, json + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }

    /** Accepts slow-consumer as well as slow_consumer. */
    static final class ScenarioConverter implements picocli.CommandLine.ITypeConverter<Scenario> {
        @Override
        public Scenario convert(String value) {
            return Scenario.valueOf(value.replace('-', '_'));
        }
    }

    /** Users who join the room, stay a moment and leave, all through a step. */
    static final class Churn {
        private final AtomicLong connects = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private volatile boolean running = true;
        private Thread driver;

        static Churn start(Wire wire, InetSocketAddress address, String room, double perSecond, long holdMs, String prefix) {
            Churn c = new Churn();
            long interval = (long) (1e9 / perSecond);
            c.driver = Thread.ofVirtual().name("churn").start(() -> {
                long next = System.nanoTime();
                for (int n = 0; c.running; n++) {
                    String nick = prefix + n;
                    Thread.ofVirtual().start(() -> c.visit(wire, address, room, nick, holdMs));
                    next += interval;
                    try {
                        LoadRun.sleepUntil(next);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            return c;
        }

        private void visit(Wire wire, InetSocketAddress address, String room, String nick, long holdMs) {
            try (Client client = wire.connect(address, 16 * 1024)) {
                wire.login(client, nick);
                wire.join(client, room);
                connects.incrementAndGet();
                long until = System.nanoTime() + holdMs * 1_000_000;
                Thread reader = Thread.ofVirtual().start(() -> {
                    try {
                        while (client.nextLine()) wire.onOtherLine(client);
                    } catch (IOException e) {
                        // Closed below.
                    }
                });
                LoadRun.sleepUntil(until);
                client.close();
                reader.join();
            } catch (IOException | InterruptedException e) {
                if (failures.incrementAndGet() == 1) System.err.println("churn: a visit failed: " + e);
            }
        }

        void stopInto(Map<String, Object> extra) throws InterruptedException {
            running = false;
            driver.interrupt();
            driver.join();
            extra.put("churn_connects", connects.get());
            extra.put("churn_failures", failures.get());
        }
    }
}
