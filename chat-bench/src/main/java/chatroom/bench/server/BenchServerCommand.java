package chatroom.bench.server;

import chatroom.server.ChatServer;
import chatroom.server.auth.PasswordHasher;
import chatroom.server.config.ConfigException;
import chatroom.server.config.ConfigLoader;
import chatroom.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chat-bench server}: the real Chatroom server, configured as {@code ./chat server} is
 * (data folder, server.properties, CHATROOM_* variables), with one change: new password hashes
 * use {@value #BENCH_PASSWORD_ITERATIONS} PBKDF2 iterations instead of at least 600,000. A login
 * then costs microseconds instead of 0.2 s of a core, so a run can log in 10,000 users in seconds;
 * everything measured after login is the product's own code path. Never use it for real users.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Runs the Chatroom server for benchmarks (cheap password hashing; see docs/benchmarks.md).")
public final class BenchServerCommand implements Callable<Integer> {
    static final int BENCH_PASSWORD_ITERATIONS = 1_000;

    @Option(names = "--data", required = true, description = "The data folder (use a fresh one per run).")
    Path data;

    @Option(names = "--port", defaultValue = "0")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--no-tls", description = "Plain TCP, like ./chat server --no-tls.")
    boolean noTls;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new HashMap<>();
        flags.put("host", host);
        flags.put("port", Integer.toString(port));
        if (noTls) flags.put("tls", "false");
        ServerConfig config;
        try {
            config = ConfigLoader.load(data, null, System.getenv(), flags);
        } catch (ConfigException e) {
            System.err.println("Error: " + e.getMessage());
            return 2;
        }
        ChatServer server = ChatServer.start(config, Clock.systemUTC(), new PasswordHasher(BENCH_PASSWORD_ITERATIONS));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        server.awaitStopped();
        return 0;
    }
}
