package chatroom.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema migrations: {@code db/V<n>__*.sql} resources applied in order, each in its own
 * transaction, with the reached version kept in SQLite's {@code user_version}. A database newer
 * than this server is refused rather than touched.
 */
final class Migrations {
    /** The migration scripts, index + 1 = version. Append; never edit a released one. */
    private static final List<String> SCRIPTS = List.of("db/V1__initial.sql");

    private Migrations() {
    }

    static int latestVersion() {
        return SCRIPTS.size();
    }

    static void migrate(Connection c) throws SQLException {
        int current;
        try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
            current = rs.next() ? rs.getInt(1) : 0;
        }
        if (current > SCRIPTS.size()) {
            throw new StoreException("The database has schema version " + current + " but this server knows only up to "
                    + SCRIPTS.size() + ": it was written by a newer Chatroom. Upgrade the server, or restore a backup.");
        }
        for (int version = current + 1; version <= SCRIPTS.size(); version++) {
            String sql = load(SCRIPTS.get(version - 1));
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String statement : statements(sql)) s.executeUpdate(statement);
                s.executeUpdate("PRAGMA user_version = " + version);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    /** Splits a script of ours on the semicolons that end lines; comments are dropped. */
    private static List<String> statements(String sql) {
        StringBuilder clean = new StringBuilder();
        for (String line : sql.split("\n")) {
            int comment = line.indexOf("--");
            clean.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        return java.util.Arrays.stream(clean.toString().split(";\\s*\n"))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String load(String resource) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new StoreException("Missing migration " + resource + " in the server jar.");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("Cannot read migration " + resource, e);
        }
    }
}
