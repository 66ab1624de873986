package chatroom.server.crash;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code chat.db} directly with SQLite, not through the server, and compares it with what
 * the senders know: the store is the ground truth the acks promised something about.
 */
final class StoreCheck {
    /** One stored message, in the terms the senders use. */
    record Row(String channel, long seq, String from, String id, String text) {
    }

    /**
     * What the check found.
     *
     * @param integrity the rows of {@code PRAGMA integrity_check}, joined ("ok" when healthy)
     * @param lastSeq each channel's {@code last_seq}
     * @param rows each channel's messages in seq order
     * @param accounts every account as "name role password-hash"
     * @param bans every ban as text
     * @param lost acked messages missing, or stored under another seq or channel
     * @param duplicates (sender, id) pairs stored more than once
     * @param problems every deviation, as sentences
     */
    record Result(String integrity, Map<String, Long> lastSeq, Map<String, List<Row>> rows, List<String> accounts,
                  List<String> bans, int lost, int duplicates, List<String> problems) {
    }

    private StoreCheck() {
    }

    /**
     * Checks the database in {@code data}. Call it only while no sender runs: their bookkeeping is
     * read without locks. A running server does not matter: a WAL reader neither blocks its writer
     * nor checkpoints while the server holds the database open.
     *
     * @param everySent also require every message ever sent to be stored (after the final resend)
     */
    static Result run(Path data, List<Sender> senders, boolean everySent) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("chat.db").toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            s.execute("PRAGMA query_only = 1");
            String integrity = String.join("; ", strings(s, "PRAGMA integrity_check"));
            if (!integrity.equals("ok")) problems.add("integrity_check: " + integrity);
            List<String> foreign = strings(s, "PRAGMA foreign_key_check");
            if (!foreign.isEmpty()) problems.add("foreign_key_check: " + foreign);

            Map<Long, String> users = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT id, name FROM users")) {
                while (rs.next()) users.put(rs.getLong(1), rs.getString(2));
            }
            Map<Long, String> channels = new HashMap<>();
            Map<String, Long> lastSeq = new TreeMap<>();
            try (ResultSet rs = s.executeQuery("SELECT id, kind, key, user_a, user_b, last_seq FROM channels")) {
                while (rs.next()) {
                    String channel = rs.getString(2).equals("room") ? "room:" + rs.getString(3)
                            : Sender.dm(users.get(rs.getLong(4)), users.get(rs.getLong(5)));
                    channels.put(rs.getLong(1), channel);
                    lastSeq.put(channel, rs.getLong(6));
                }
            }
            Map<String, List<Row>> rows = new TreeMap<>();
            try (ResultSet rs = s.executeQuery("SELECT channel_id, seq, sender_id, client_id, body FROM messages "
                    + "ORDER BY channel_id, seq")) {
                while (rs.next()) {
                    String channel = channels.get(rs.getLong(1));
                    rows.computeIfAbsent(channel, k -> new ArrayList<>())
                            .add(new Row(channel, rs.getLong(2), users.get(rs.getLong(3)), rs.getString(4), rs.getString(5)));
                }
            }
            gapFree(lastSeq, rows, problems);
            int[] counts = compare(rows, senders, everySent, problems);
            return new Result(integrity, lastSeq, rows,
                    strings(s, "SELECT name || ' ' || role || ' ' || password_hash FROM users ORDER BY id"),
                    strings(s, "SELECT u.name || ' by ' || b.by_name || ' \"' || b.reason || '\" ' || b.since || '-' "
                            + "|| coalesce(b.until, 'unbanned') FROM bans b JOIN users u ON u.id = b.user_id ORDER BY u.id"),
                    counts[0], counts[1], problems);
        }
    }

    /** Seqs 1..n without a hole in every channel, and {@code last_seq} = n. */
    private static void gapFree(Map<String, Long> lastSeq, Map<String, List<Row>> rows, List<String> problems) {
        lastSeq.forEach((channel, last) -> {
            List<Row> list = rows.getOrDefault(channel, List.of());
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).seq() != i + 1) {
                    problems.add(channel + ": seq " + list.get(i).seq() + " at position " + (i + 1) + " (a gap or a duplicate)");
                    break;
                }
            }
            if (last != list.size()) problems.add(channel + ": last_seq is " + last + " but it holds " + list.size() + " messages");
        });
    }

    /** Returns {lost, duplicates}. */
    private static int[] compare(Map<String, List<Row>> rows, List<Sender> senders, boolean everySent, List<String> problems) {
        Map<String, Sender> byName = new HashMap<>();
        for (Sender s : senders) byName.put(s.user(), s);
        Map<String, Row> stored = new HashMap<>();
        int duplicates = 0;
        for (List<Row> list : rows.values()) {
            for (Row r : list) {
                Sender sender = byName.get(r.from());
                Sender.Msg m = sender == null ? null : sender.sent().get(r.id());
                if (m == null) {
                    problems.add(r.channel() + " seq " + r.seq() + ": " + r.from() + "/" + r.id() + " was never sent");
                } else if (!m.channel().equals(r.channel()) || !m.text().equals(r.text())) {
                    problems.add(r.channel() + " seq " + r.seq() + ": " + r.id() + " differs from what was sent to " + m.channel());
                }
                if (stored.put(r.from() + "/" + r.id(), r) != null) {
                    duplicates++;
                    problems.add(r.from() + "/" + r.id() + " is stored twice");
                }
            }
        }
        int lost = 0;
        for (Sender sender : senders) {
            for (Sender.Msg m : sender.sent().values()) {
                Row r = stored.get(m.from() + "/" + m.id());
                Long acked = sender.acked().get(m.id());
                if (acked != null && (r == null || r.seq() != acked || !r.channel().equals(m.channel()))) {
                    lost++;
                    problems.add(m.from() + "/" + m.id() + " was acked with " + m.channel() + " seq " + acked + " but the store has "
                            + (r == null ? "nothing" : r.channel() + " seq " + r.seq()));
                } else if (r == null && everySent) {
                    problems.add(m.from() + "/" + m.id() + " was sent but is not stored");
                }
            }
        }
        return new int[] {lost, duplicates};
    }

    private static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
