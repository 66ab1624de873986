package chatroom.server.store;

import chatroom.common.model.Names;
import chatroom.common.model.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Accounts in the database. */
public final class AccountStore {
    private static final String COLUMNS = "id, name, name_key, password_hash, role, created_at";
    private final Database db;

    /** Uses {@code db}. */
    public AccountStore(Database db) {
        this.db = db;
    }

    /** The account whose name is the same as {@code name} (case-insensitively, after NFKC). */
    public Optional<Account> findByName(String name) throws SQLException {
        String key = Names.key(name);
        return db.read(c -> findByKey(c, key));
    }

    static Optional<Account> findByKey(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE name_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** The account with this id. */
    public Optional<Account> findById(long id) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Creates an account.
     *
     * @return the new account, or empty when the name is taken
     */
    public Optional<Account> create(String name, String passwordHash, Role role, Instant now) throws SQLException {
        String display = Names.normalize(name);
        String key = Names.key(name);
        return db.write(c -> {
            if (findByKey(c, key).isPresent()) return Optional.empty();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO users (name, name_key, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                ps.setString(1, display);
                ps.setString(2, key);
                ps.setString(3, passwordHash);
                ps.setString(4, role.wireName());
                ps.setLong(5, now.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Optional.of(new Account(rs.getLong(1), display, key, passwordHash, role, now));
                }
            }
        });
    }

    /** Every account, sorted by name key. */
    public List<Account> all() throws SQLException {
        return db.read(c -> {
            List<Account> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users ORDER BY name_key");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(row(rs));
            }
            return out;
        });
    }

    /**
     * Changes a role, refusing to demote the last admin.
     *
     * @return false when the change would leave no admin
     */
    public boolean setRole(long userId, Role role) throws SQLException {
        return db.write(c -> {
            if (role != Role.ADMIN) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM users WHERE role = 'admin' AND id <> ?")) {
                    ps.setLong(1, userId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        boolean targetIsAdmin = roleOf(c, userId) == Role.ADMIN;
                        if (targetIsAdmin && rs.getLong(1) == 0) return false;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET role = ? WHERE id = ?")) {
                ps.setString(1, role.wireName());
                ps.setLong(2, userId);
                ps.executeUpdate();
            }
            return true;
        });
    }

    private static Role roleOf(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT role FROM users WHERE id = ?")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Role.fromWire(rs.getString(1)) : null;
            }
        }
    }

    /** Replaces a password hash. */
    public void setPasswordHash(long userId, String hash) throws SQLException {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET password_hash = ? WHERE id = ?")) {
                ps.setString(1, hash);
                ps.setLong(2, userId);
                return ps.executeUpdate();
            }
        });
    }

    /** Whether any account is an admin (checked at start, to explain how to create the first). */
    public boolean hasAdmin() throws SQLException {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM users WHERE role = 'admin')");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    /** How many accounts exist. */
    public long count() throws SQLException {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM users"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static Account row(ResultSet rs) throws SQLException {
        return new Account(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Role.fromWire(rs.getString(5)), Instant.ofEpochMilli(rs.getLong(6)));
    }
}
