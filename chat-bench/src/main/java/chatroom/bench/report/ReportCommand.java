package chatroom.bench.report;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code chat-bench report RESULTS.jsonl}: the side-by-side table from the JSON lines of a run.
 * Each (scenario, server) was run several times; the table shows the median of the runs, taking
 * for a fanout sweep the highest rate that delivered everything within the p99 limit.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Prints the side-by-side Markdown table (medians over repeated runs) from JSON lines.")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The JSON lines written by chat-bench run --out.")
    Path results;

    @picocli.CommandLine.Option(names = "--p99-limit-ms", defaultValue = "50")
    double p99LimitMs;

    @Override
    public Integer call() throws IOException {
        List<JsonObject> rows = new ArrayList<>();
        for (String line : Files.readAllLines(results)) {
            if (!line.isBlank()) rows.add(JsonParser.parseString(line).getAsJsonObject());
        }
        System.out.print(table(rows, p99LimitMs));
        return 0;
    }

    /** The table: one line per scenario, variant and server, with the medians of its runs. */
    static String table(List<JsonObject> rows, double p99LimitMs) {
        // Group by scenario (+ members and rate where they vary) and server, keeping run order.
        Map<String, List<JsonObject>> groups = new LinkedHashMap<>();
        for (JsonObject r : rows) {
            if (r.has("warmup") && r.get("warmup").getAsBoolean()) continue;
            groups.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r);
        }
        StringBuilder out = new StringBuilder();
        out.append("| scenario | server | runs | delivered | deliveries/s | p50 ms | p99 ms | p99.9 ms | max ms "
                + "| server µs/delivery | server RSS MiB (start → max) | notes |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, List<JsonObject>> g : groups.entrySet()) {
            List<JsonObject> runs = g.getValue();
            JsonObject first = runs.getFirst();
            String scenario = first.get("scenario").getAsString();
            if (scenario.equals("idle")) {
                out.append(String.format(Locale.ROOT, "| idle %s | %s | %d | %s | | | | | | | %s → %s | %s KiB RSS per "
                                + "connection over the second half (%s over all)%s, %s connects/s |\n",
                        num(median(runs, "connections")), first.get("server").getAsString(), runs.size(),
                        num(median(runs, "failed")) + " failed", num(median(runs, "server_rss_mib_before")),
                        num(median(runs, "server_rss_mib_after")),
                        num(median(runs, "second_half_rss_kib_per_connection")),
                        num(median(runs, "rss_kib_per_connection")),
                        first.has("heap_kib_per_connection") ? "; live heap " + num(median(runs,
                                "heap_kib_per_connection")) + " KiB" : "",
                        num(median(runs, "connects_per_s"))));
                continue;
            }
            List<JsonObject> chosen = scenario.equals("fanout-sweep") ? bestPassing(runs, p99LimitMs) : runs;
            String label = label(first);
            if (chosen.isEmpty()) {
                out.append("| ").append(label).append(" | ").append(first.get("server").getAsString())
                        .append(" | ").append(runs.size()).append(" | no rate passed | | | | | | | | |\n");
                continue;
            }
            StringBuilder notes = new StringBuilder();
            if (scenario.equals("fanout-sweep")) notes.append(bestRates(runs, chosen)).append("; ");
            if (chosen.getFirst().has("stalled_cut_off")) {
                notes.append("stalled client cut off: ").append(chosen.stream().filter(r -> r.get("stalled_cut_off").getAsBoolean()).count())
                        .append("/").append(chosen.size()).append(" runs after ").append(num(median(chosen, "stalled_bytes_read") / 1024))
                        .append(" KiB; ");
            }
            if (chosen.getFirst().has("churn_connects")) notes.append(num(median(chosen, "churn_connects"))).append(" visits; ");
            double corrupted = median(chosen, "corrupted");
            double disorder = median(chosen, "out_of_order");
            if (corrupted > 0) notes.append(num(corrupted)).append(" corrupted lines; ");
            if (disorder > 0) notes.append(num(disorder)).append(" out of order; ");
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %s%% | %s | %s | %s | %s | %s | %s | %s → %s | %s |\n",
                    label, first.get("server").getAsString(), chosen.size(), num(median(chosen, "delivered_ratio") * 100),
                    num(median(chosen, "deliveries_per_s")), num(median(chosen, "p50_ms")), num(median(chosen, "p99_ms")),
                    num(median(chosen, "p999_ms")), num(median(chosen, "max_ms")),
                    num(median(chosen, "server_cpu_us_per_delivery")), num(median(chosen, "server_rss_mib_start")),
                    num(median(chosen, "server_rss_mib_max")), notes.toString().replaceAll("; $", "")));
        }
        return out.toString();
    }

    private static String key(JsonObject r) {
        String scenario = r.get("scenario").getAsString();
        String variant = scenario.equals("fanout-sweep") || scenario.equals("idle") ? ""
                : "/" + r.get("members").getAsInt() + "/" + r.get("rate").getAsDouble();
        return scenario + variant + "|" + r.get("server").getAsString() + "|" + r.get("protocol").getAsString();
    }

    private static String label(JsonObject r) {
        String scenario = r.get("scenario").getAsString();
        if (scenario.equals("fanout-sweep")) return "fanout " + r.get("members").getAsInt() + " members, max rate";
        return scenario + " " + r.get("members").getAsInt() + " members"
                + (r.get("rooms").getAsInt() > 1 ? " in " + r.get("rooms").getAsInt() + " rooms" : "")
                + ", " + num(r.get("rate").getAsDouble()) + " msg/s";
    }

    /** For each run of a sweep, its highest passing step; runs are told apart by their run number. */
    private static List<JsonObject> bestPassing(List<JsonObject> steps, double p99LimitMs) {
        Map<String, JsonObject> best = new LinkedHashMap<>();
        for (JsonObject s : steps) {
            boolean passed = s.get("delivered").getAsLong() == s.get("expected").getAsLong()
                    && s.get("unsent").getAsLong() == 0 && s.get("p99_ms").getAsDouble() < p99LimitMs
                    && s.get("corrupted").getAsLong() == 0 && s.get("out_of_order").getAsLong() == 0;
            String run = s.has("run") ? s.get("run").getAsString() : "1";
            if (passed && (!best.containsKey(run) || best.get(run).get("rate").getAsDouble() < s.get("rate").getAsDouble())) {
                best.put(run, s);
            }
        }
        return new ArrayList<>(best.values());
    }

    /**
     * The median over every run of its best passing rate, a run where no rate passed counting as
     * 0, and each run's own: "best rate 5,000 msg/s (runs: 10,000, 5,000, none)".
     */
    static String bestRates(List<JsonObject> steps, List<JsonObject> best) {
        Map<String, Double> byRun = new LinkedHashMap<>();
        for (JsonObject s : steps) byRun.put(s.has("run") ? s.get("run").getAsString() : "1", 0.0);
        for (JsonObject b : best) byRun.put(b.has("run") ? b.get("run").getAsString() : "1", b.get("rate").getAsDouble());
        double[] v = byRun.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        StringBuilder each = new StringBuilder();
        for (double rate : byRun.values()) each.append(each.isEmpty() ? "" : ", ").append(rate == 0 ? "none" : num(rate));
        return "best rate " + (median == 0 ? "none" : num(median) + " msg/s") + " (runs: " + each + ")";
    }

    static double median(List<JsonObject> rows, String field) {
        double[] v = rows.stream().filter(r -> r.has(field)).mapToDouble(r -> r.get(field).getAsDouble()).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String num(double v) {
        if (Double.isNaN(v)) return "–";
        if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%,.0f", v);
        if (Math.abs(v) >= 10) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
