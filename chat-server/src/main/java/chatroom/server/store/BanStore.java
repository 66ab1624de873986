package chatroom.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Bans in the database: at most one per user, a new ban replacing the old. */
public final class BanStore {
    private static final String SELECT = "SELECT b.user_id, u.name, b.by_name, b.reason, b.since, b.until "
            + "FROM bans b JOIN users u ON u.id = b.user_id ";
    private final Database db;

    /** Uses {@code db}. */
    public BanStore(Database db) {
        this.db = db;
    }

    /** Stores (or replaces) the ban of {@code userId}. */
    public void put(long userId, String by, String reason, Instant since, Instant until) throws SQLException {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR REPLACE INTO bans (user_id, by_name, reason, since, until) VALUES (?, ?, ?, ?, ?)")) {
                ps.setLong(1, userId);
                ps.setString(2, by);
                ps.setString(3, reason == null ? "" : reason);
                ps.setLong(4, since.toEpochMilli());
                if (until == null) ps.setNull(5, Types.INTEGER);
                else ps.setLong(5, until.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /** Lifts the ban of {@code userId}; returns whether there was one. */
    public boolean remove(long userId) throws SQLException {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM bans WHERE user_id = ?")) {
                ps.setLong(1, userId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** The ban of {@code userId} if one is in force at {@code now}. */
    public Optional<Ban> active(long userId, Instant now) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE b.user_id = ?")) {
                ps.setLong(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.<Ban>empty();
                    Ban ban = row(rs);
                    return ban.activeAt(now) ? Optional.of(ban) : Optional.<Ban>empty();
                }
            }
        });
    }

    /** The bans in force at {@code now}, by user name. */
    public List<Ban> allActive(Instant now) throws SQLException {
        return db.read(c -> {
            List<Ban> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    SELECT + "WHERE b.until IS NULL OR b.until > ? ORDER BY u.name_key")) {
                ps.setLong(1, now.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(row(rs));
                }
            }
            return out;
        });
    }

    private static Ban row(ResultSet rs) throws SQLException {
        long until = rs.getLong(6);
        Instant untilInstant = rs.wasNull() ? null : Instant.ofEpochMilli(until);
        return new Ban(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)), untilInstant);
    }
}
