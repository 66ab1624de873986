package chatroom.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of database work run on a connection the store lends out. */
@FunctionalInterface
public interface SqlWork<T> {
    /** Runs the work; the store handles the transaction around it. */
    T run(Connection connection) throws SQLException;
}
