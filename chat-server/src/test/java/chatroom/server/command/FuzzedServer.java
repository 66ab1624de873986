package chatroom.server.command;

import chatroom.common.codec.ProtocolCodec;
import chatroom.common.codec.ProtocolException;
import chatroom.common.model.Names;
import chatroom.common.model.Role;
import chatroom.common.protocol.ClientMessage;
import chatroom.common.protocol.JoinRequest;
import chatroom.common.protocol.PasswordRequest;
import chatroom.common.protocol.PingRequest;
import chatroom.common.protocol.Pong;
import chatroom.common.protocol.QuitRequest;
import chatroom.common.protocol.RoleRequest;
import chatroom.server.config.TlsConfig;
import chatroom.server.store.AccountStore;
import chatroom.server.store.Database;
import chatroom.server.testing.TestServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * One server for a whole fuzzing run (logging in costs hundreds of milliseconds of PBKDF2, so a
 * server or a login per input would break the one-second bound), the accounts the fuzzed requests
 * name, and two logged-in admins: {@code fuzzer}, whose connection carries the fuzzed frames, and
 * {@code peer}, the other session that must keep working.
 *
 * <p>It keeps the run's state bounded and the roles in place between inputs: it lets through at
 * most {@link #MAX_ROOMS} distinct room names, and it puts roles back after an input that changed
 * them. The peer, an admin no role request may touch, cannot be kicked or banned.
 */
final class FuzzedServer implements AutoCloseable {
    /** Longest wait for a reply: far past the one-second bound, so a hang fails on that bound. */
    static final Duration WAIT = Duration.ofSeconds(5);
    /** Rooms the fuzzer may create; join requests for further new names are not sent. */
    static final int MAX_ROOMS = 50;

    private final TestServer server;
    private final Database database;
    private final AccountStore accounts;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final Set<String> roomKeys = new HashSet<>();
    private final WireClient fuzzer;
    private final WireClient peer;

    private FuzzedServer(TestServer server) throws SQLException, IOException {
        this.server = server;
        // Registering logs in with one PBKDF2 hash; an account made in the store and then logged
        // in would cost three.
        fuzzer = register("fuzzer");
        peer = register("peer");
        register("victim").close();
        database = Database.open(server.config().dataDir());
        accounts = new AccountStore(database);
        accounts.setRole(accounts.findByName("fuzzer").orElseThrow().id(), Role.ADMIN);
        accounts.setRole(accounts.findByName("peer").orElseThrow().id(), Role.ADMIN);
        roomKeys.add(Names.key(server.config().defaultRoom()));
    }

    /** Starts the server in {@code dataDir}, plain TCP, with flood limits no input can reach. */
    static FuzzedServer start(Path dataDir) throws IOException, SQLException {
        return new FuzzedServer(TestServer.start(dataDir, c -> c.withTls(TlsConfig.off())
                .withLimits(c.maxFrameBytes(), c.outboxMaxBytes(), 1_000_000, 1_000_000)));
    }

    private WireClient register(String user) throws IOException {
        return WireClient.register(server.port(), user, TestServer.passwordOf(user), WAIT);
    }

    /** The fuzzer's connection. */
    WireClient fuzzer() {
        return fuzzer;
    }

    /**
     * The request the server will decode from {@code frame} (newline included), or null when it
     * will refuse the frame or skip it as an empty line.
     */
    ClientMessage decode(byte[] frame) {
        int length = frame.length - 1;
        if (length > 0 && frame[length - 1] == '\r') length--;
        if (length == 0) return null;
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(frame, 0, length)).toString();
            return codec.decodeClient(text);
        } catch (CharacterCodingException | ProtocolException e) {
            return null;
        }
    }

    /**
     * Whether the fuzzed connection may be sent {@code frame}. Not sent: frames over the size
     * limit and {@code quit}, which end the connection by design (the frame reader's fuzz test
     * and the connection tests cover them) and would cost a login each; {@code password}, whose
     * PBKDF2 takes hundreds of milliseconds by design and would change the password the harness
     * logs in with; a {@code role} for the peer, which would let the fuzzer kick or ban the
     * session that must keep working; and joins that would create more than {@link #MAX_ROOMS}
     * rooms.
     */
    boolean admits(byte[] frame, ClientMessage decoded) {
        if (frame.length > server.config().maxFrameBytes()) return false;
        return switch (decoded) {
            case QuitRequest q -> false;
            case PasswordRequest p -> false;
            case RoleRequest r -> !Names.key(r.user()).equals(Names.key("peer"));
            case JoinRequest j -> roomKeys.contains(Names.key(j.room())) || roomKeys.size() < MAX_ROOMS
                    && roomKeys.add(Names.key(j.room()));
            case null, default -> true;
        };
    }

    /** Puts back the roles that requests of the last input may have changed. */
    void restore(Collection<ClientMessage> sent) throws SQLException {
        if (sent.stream().noneMatch(m -> m instanceof RoleRequest)) return;
        accounts.setRole(accounts.findByName("fuzzer").orElseThrow().id(), Role.ADMIN);
        accounts.setRole(accounts.findByName("victim").orElseThrow().id(), Role.USER);
    }

    /** Fails unless the peer's session still answers. */
    void checkPeer(String id) throws IOException {
        peer.send(new PingRequest(id));
        peer.until(m -> m instanceof Pong p && id.equals(p.re()), WAIT).orThrow("the peer's pong " + id);
    }

    @Override
    public void close() throws IOException {
        fuzzer.close();
        peer.close();
        database.close();
        server.close();
    }
}
