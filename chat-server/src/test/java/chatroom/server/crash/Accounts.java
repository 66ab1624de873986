package chatroom.server.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import chatroom.common.model.Role;
import chatroom.common.protocol.BanRequest;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ErrorReply;
import chatroom.common.protocol.Hello;
import chatroom.common.protocol.JoinRequest;
import chatroom.common.protocol.Joined;
import chatroom.common.protocol.LoginRequest;
import chatroom.common.protocol.Ok;
import chatroom.common.protocol.PasswordRequest;
import chatroom.common.protocol.RegisterRequest;
import chatroom.common.protocol.RoleRequest;
import chatroom.common.protocol.Welcome;
import chatroom.common.testing.TestClient;
import chatroom.server.auth.PasswordHasher;
import chatroom.server.store.AccountStore;
import chatroom.server.store.BanStore;
import chatroom.server.store.Database;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The accounts and bans the crash test keeps an eye on: an admin and a ban made offline, and a
 * moderator, a changed password and a timed ban made through the protocol before the first kill.
 */
final class Accounts {
    /** Reads history at the end, as a user who never sent anything. */
    static final String READER = "reader";
    private static final String CAROL_NEW_PASSWORD = "carol-changed-it-1";
    private static final String MALLORY_REASON = "spam, banned offline";
    private static final String TRENT_REASON = "spam, banned online";

    private Accounts() {
    }

    static String password(String user) {
        return user + "-secret-pw";
    }

    /** What the offline {@code user add} and {@code ban} commands do, without a JVM start for each. */
    static void createOffline(Path data) throws SQLException {
        PasswordHasher hasher = new PasswordHasher(600_000);
        try (Database db = Database.open(data)) {
            AccountStore accounts = new AccountStore(db);
            Instant now = Instant.now();
            accounts.create("root", hasher.hash(password("root")), Role.ADMIN, now).orElseThrow();
            long mallory = accounts.create("mallory", hasher.hash(password("mallory")), Role.USER, now).orElseThrow().id();
            new BanStore(db).put(mallory, "console", MALLORY_REASON, now, null);
        }
    }

    /**
     * Registers the senders (members of {@code room} too) and the others through the protocol, so
     * each of these writes was acked by a server that is killed later.
     */
    static void createOnline(int port, List<String> senders, String room) throws IOException {
        List<String> users = new java.util.ArrayList<>(senders);
        users.addAll(List.of("carol", "trent", READER));
        for (String user : users) {
            try (TestClient c = connect(port)) {
                c.request(id -> new RegisterRequest(id, user, password(user)), Welcome.class);
                if (!user.equals("carol") && !user.equals("trent")) c.request(id -> new JoinRequest(id, room), Joined.class);
                if (user.equals("carol")) c.request(id -> new PasswordRequest(id, password("carol"), CAROL_NEW_PASSWORD), Ok.class);
            }
        }
        try (TestClient root = connect(port)) {
            root.request(id -> new LoginRequest(id, "root", password("root")), Welcome.class);
            root.request(id -> new BanRequest(id, "trent", TRENT_REASON, 24L * 60), Ok.class);
            root.request(id -> new RoleRequest(id, senders.getLast(), Role.MODERATOR), Ok.class);
        }
    }

    /** Logs everyone in: roles, the changed password and both bans must be as they were made. */
    static void checkIntact(int port, List<String> senders) throws IOException {
        assertEquals(Role.ADMIN, login(port, "root", password("root")).role(), "root's role");
        assertEquals(Role.MODERATOR, login(port, senders.getLast(), password(senders.getLast())).role(), "the moderator's role");
        assertEquals(Role.USER, login(port, "carol", CAROL_NEW_PASSWORD).role(), "carol, with her new password");
        assertEquals(ErrorCode.BAD_CREDENTIALS, loginError(port, "carol", password("carol")).code(), "carol's old password");
        ErrorReply mallory = loginError(port, "mallory", password("mallory"));
        assertEquals(ErrorCode.BANNED, mallory.code(), "mallory's login");
        assertEquals(MALLORY_REASON, mallory.reason());
        ErrorReply trent = loginError(port, "trent", password("trent"));
        assertEquals(ErrorCode.BANNED, trent.code(), "trent's login");
        assertEquals(TRENT_REASON, trent.reason());
        assertNotNull(trent.until(), "trent's ban was for a day");
    }

    static TestClient connect(int port) throws IOException {
        TestClient c = TestClient.connectTls(port);
        c.await(Hello.class);
        return c;
    }

    private static Welcome login(int port, String user, String password) throws IOException {
        try (TestClient c = connect(port)) {
            return c.request(id -> new LoginRequest(id, user, password), Welcome.class);
        }
    }

    private static ErrorReply loginError(int port, String user, String password) throws IOException {
        try (TestClient c = connect(port)) {
            return c.requestError(id -> new LoginRequest(id, user, password));
        }
    }
}
