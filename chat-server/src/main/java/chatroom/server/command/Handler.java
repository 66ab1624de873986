package chatroom.server.command;

import chatroom.common.protocol.ClientMessage;
import chatroom.server.session.Session;
import java.sql.SQLException;

/** Carries out one type of request for a session; preconditions are checked before it runs. */
@FunctionalInterface
public interface Handler<T extends ClientMessage> {
    /** Handles {@code request}; replies through the session or throws {@link RequestException}. */
    void handle(Session session, T request) throws RequestException, SQLException;
}
