package chatroom.server.testing;

import chatroom.common.model.Role;
import chatroom.common.protocol.Hello;
import chatroom.common.protocol.LoginRequest;
import chatroom.common.protocol.RegisterRequest;
import chatroom.common.protocol.Welcome;
import chatroom.common.testing.TestClient;
import chatroom.server.ChatServer;
import chatroom.server.auth.PasswordHasher;
import chatroom.server.config.ServerConfig;
import chatroom.server.store.AccountStore;
import chatroom.server.store.Database;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real server started in-process on port 0 with its own data folder, plus helpers to connect
 * and log in test clients. Closing it closes the clients it made and stops the server.
 */
public final class TestServer implements AutoCloseable {
    private final ServerConfig config;
    private final Clock clock;
    private ChatServer server;
    private int lastPort;
    private final List<TestClient> clients = new ArrayList<>();

    private TestServer(ServerConfig config, Clock clock) throws IOException {
        this.config = config;
        this.clock = clock;
        this.server = ChatServer.start(config, clock);
    }

    /** Starts a server with default settings on a free loopback port. */
    public static TestServer start(Path dataDir) throws IOException {
        return start(dataDir, c -> c);
    }

    /** Starts a server with settings adjusted by {@code tweak}. */
    public static TestServer start(Path dataDir, UnaryOperator<ServerConfig> tweak) throws IOException {
        return start(dataDir, tweak, Clock.systemUTC());
    }

    /** Starts a server with adjusted settings and its own clock. */
    public static TestServer start(Path dataDir, UnaryOperator<ServerConfig> tweak, Clock clock) throws IOException {
        ServerConfig config = tweak.apply(ServerConfig.defaults(dataDir).withAddress("127.0.0.1", 0));
        return new TestServer(config, clock);
    }

    /** The fingerprint of the certificate the server shows (TLS is on unless the tweak turned it off). */
    public chatroom.common.tls.Fingerprint fingerprint() {
        return server.fingerprint().orElseThrow(() -> new IllegalStateException("TLS is off on this server"));
    }

    /** The bound port. */
    public int port() {
        return server.port();
    }

    /** The settings in use. */
    public ServerConfig config() {
        return config;
    }

    /** Stops the server and starts a new one on the same data folder (and a new port). */
    public void restart() throws IOException {
        closeClients();
        server.close();
        server = ChatServer.start(config.withAddress("127.0.0.1", 0), clock);
    }

    /** Stops the server (clients stay open to observe it). */
    public void stop() {
        lastPort = server.port();
        server.close();
    }

    /**
     * Starts the server again after {@link #stop()}, on the same data folder and the same port, as
     * a restarted server looks to clients that reconnect to the address they know.
     */
    public void startAgain() throws IOException {
        server = ChatServer.start(config.withAddress("127.0.0.1", lastPort), clock);
    }

    /** A connected client that has read {@code hello}. */
    public TestClient connect() throws IOException {
        TestClient c = config.tls().enabled() ? TestClient.connectTls(port()) : TestClient.connect(port());
        clients.add(c);
        c.await(Hello.class);
        return c;
    }

    /** PBKDF2 derivations the server has run so far: the cost of password checks, without timing them. */
    public long passwordDerivations() {
        return server.passwordDerivations();
    }

    /** The password the helpers give {@code user}. */
    public static String passwordOf(String user) {
        return user + "-secret-pw";
    }

    /** Registers {@code user} on a new connection and waits for {@code welcome}. */
    public TestClient register(String user) throws IOException {
        TestClient c = connect();
        c.request(id -> new RegisterRequest(id, user, passwordOf(user)), Welcome.class);
        return c;
    }

    /** Logs {@code user} in on a new connection and waits for {@code welcome}. */
    public TestClient login(String user) throws IOException {
        TestClient c = connect();
        c.request(id -> new LoginRequest(id, user, passwordOf(user)), Welcome.class);
        return c;
    }

    /** Creates an account directly in the store, as the offline {@code user add} command does. */
    public void createAccount(String user, Role role) throws SQLException {
        try (Database db = Database.open(config.dataDir())) {
            new AccountStore(db).create(user, new PasswordHasher(config.passwordIterations()).hash(passwordOf(user)), role,
                    Instant.now()).orElseThrow();
        }
    }

    /** Creates an account with {@code role} and logs it in. */
    public TestClient loginAs(String user, Role role) throws SQLException, IOException {
        createAccount(user, role);
        return login(user);
    }

    private void closeClients() throws IOException {
        for (TestClient c : clients) c.close();
        clients.clear();
    }

    @Override
    public void close() throws IOException {
        closeClients();
        server.close();
    }
}
