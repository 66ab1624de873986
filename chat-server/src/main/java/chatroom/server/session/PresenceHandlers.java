package chatroom.server.session;

import chatroom.common.protocol.Ok;
import chatroom.common.protocol.StatusRequest;
import chatroom.common.protocol.UserInfo;
import chatroom.common.protocol.UserList;
import chatroom.common.protocol.UsersRequest;
import chatroom.server.store.AccountStore;
import java.sql.SQLException;
import java.util.List;

/** status and users. */
public final class PresenceHandlers {
    private final SessionRegistry sessions;
    private final AccountStore accounts;

    /** Wires the handlers. */
    public PresenceHandlers(SessionRegistry sessions, AccountStore accounts) {
        this.sessions = sessions;
        this.accounts = accounts;
    }

    /** Sets the user's status; everyone gets {@code presence}. */
    public void status(Session session, StatusRequest r) {
        sessions.setStatus(session.user(), r.status());
        session.send(new Ok(r.id()));
    }

    /** Lists every account with status and role. */
    public void users(Session session, UsersRequest r) throws SQLException {
        List<UserInfo> all = accounts.all().stream()
                .map(a -> new UserInfo(a.name(), sessions.statusOf(a.id()), a.role())).toList();
        session.send(new UserList(r.id(), all));
    }
}
