package chatroom.bench.load;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one measured step of a scenario found: printed as one JSON line (for the report) and one
 * table row (for the person watching). Latencies are in milliseconds; -1 marks what was not measured.
 */
public record StepResult(
        String scenario, String server, String protocol, int members, int rooms, int senders, int size, int window,
        double rate, double seconds, long scheduled, long unsent, long expected, long delivered, long corrupted,
        long outOfOrder, double deliveriesPerSecond, double p50Ms, double p99Ms, double p999Ms, double maxMs,
        double serverCpuMicrosPerDelivery, double serverCpuPercent, double generatorCpuPercent,
        double serverRssMibStart, double serverRssMibMax, double serverRssMibEnd, Map<String, Object> extra) {

    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    /** Delivered over expected: 1.0 means every member got every message. */
    public double deliveredRatio() {
        return expected == 0 ? 1.0 : (double) delivered / expected;
    }

    /** Every message reached every member whole, in order, and nothing was left unsent. */
    public boolean complete() {
        return delivered == expected && unsent == 0 && corrupted == 0 && outOfOrder == 0;
    }

    /** The JSON line. */
    public String json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", scenario);
        m.put("server", server);
        m.put("protocol", protocol);
        m.put("members", members);
        m.put("rooms", rooms);
        m.put("senders", senders);
        m.put("size", size);
        m.put("window", window);
        m.put("rate", rate);
        m.put("seconds", seconds);
        m.put("scheduled", scheduled);
        m.put("unsent", unsent);
        m.put("expected", expected);
        m.put("delivered", delivered);
        m.put("delivered_ratio", round(deliveredRatio(), 6));
        m.put("corrupted", corrupted);
        m.put("out_of_order", outOfOrder);
        m.put("deliveries_per_s", Math.round(deliveriesPerSecond));
        m.put("p50_ms", round(p50Ms, 3));
        m.put("p99_ms", round(p99Ms, 3));
        m.put("p999_ms", round(p999Ms, 3));
        m.put("max_ms", round(maxMs, 3));
        m.put("server_cpu_us_per_delivery", round(serverCpuMicrosPerDelivery, 3));
        m.put("server_cpu_pct", round(serverCpuPercent, 1));
        m.put("generator_cpu_pct", round(generatorCpuPercent, 1));
        m.put("server_rss_mib_start", round(serverRssMibStart, 1));
        m.put("server_rss_mib_max", round(serverRssMibMax, 1));
        m.put("server_rss_mib_end", round(serverRssMibEnd, 1));
        m.putAll(extra);
        return GSON.toJson(m);
    }

    /** The table header matching {@link #row}. */
    public static String header() {
        return String.format(Locale.ROOT, "%-14s %-9s %6s %8s %9s %11s %8s %8s %8s %8s %7s %6s %6s",
                "scenario", "server", "members", "rate", "delivered", "deliveries/s", "p50 ms", "p99 ms", "p99.9", "max ms",
                "µs/del", "srv%", "gen%");
    }

    /** One table row. */
    public String row() {
        return String.format(Locale.ROOT, "%-14s %-9s %6d %8.0f %8.4f%% %11.0f %8.2f %8.2f %8.2f %8.1f %7.3f %6.0f %6.0f",
                scenario, server, members, rate, deliveredRatio() * 100, deliveriesPerSecond, p50Ms, p99Ms, p999Ms, maxMs,
                serverCpuMicrosPerDelivery, serverCpuPercent, generatorCpuPercent);
    }

    private static double round(double v, int digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return -1;
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
