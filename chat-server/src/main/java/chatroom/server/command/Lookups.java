package chatroom.server.command;

import chatroom.common.protocol.ErrorCode;
import chatroom.server.store.Account;
import chatroom.server.store.AccountStore;
import java.sql.SQLException;

/** Look-ups that handlers share, failing with the protocol's error for a missing target. */
public final class Lookups {
    private Lookups() {
    }

    /** The account named {@code name}, or {@code no_such_user}. */
    public static Account account(AccountStore accounts, String name) throws RequestException, SQLException {
        return accounts.findByName(name).orElseThrow(() ->
                RequestException.of(ErrorCode.NO_SUCH_USER, "There is no user called " + name + "."));
    }
}
