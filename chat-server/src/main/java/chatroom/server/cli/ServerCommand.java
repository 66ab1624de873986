package chatroom.server.cli;

import chatroom.server.ChatServer;
import chatroom.server.Version;
import chatroom.server.config.ConfigException;
import chatroom.server.config.ConfigLoader;
import chatroom.server.config.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code chat-server [--host ADDR] [--port N] [--data DIR] [--config FILE]}: runs the server. */
@Command(name = "chat-server", mixinStandardHelpOptions = true, versionProvider = ServerCommand.VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Runs the Chatroom server, or manages its data folder offline with the commands below.",
                "Settings come from defaults, then the config file, then CHATROOM_* environment variables, then these flags."},
        subcommands = {UserCommand.class, BanCommand.class, UnbanCommand.class, BansCommand.class, FingerprintCommand.class})
public final class ServerCommand implements Callable<Integer> {
    @Option(names = "--host", paramLabel = "ADDR", description = "Address to listen on (default 0.0.0.0: every interface).")
    String host;

    @Option(names = "--port", paramLabel = "N", description = "TCP port (default 7447).")
    Integer port;

    @Option(names = "--data", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Data folder: database, logs, server.properties (default ./data).")
    Path data = Path.of("data");

    @Option(names = "--no-tls", description = "Serve plain TCP instead of TLS (setting: tls = false). Everything, "
            + "passwords included, crosses the network readable by anyone on it.")
    boolean noTls;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Config file (Java properties; default DIR/server.properties when it exists).")
    Path config;

    /** Where the offline commands read passwords from; null (always, outside tests) for the terminal or standard input. */
    InputStream stdin;

    /** The command line with its error handling: sentences, never stack traces. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ServerCommand());
        // Usage and errors name the command the way this launcher is typed (see ChatServer.COMMAND_PROPERTY).
        cl.setCommandName(System.getProperty(ChatServer.COMMAND_PROPERTY, "chat-server"));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("Error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        return cl;
    }

    /** The data folder, for the subcommands (which inherit --data). */
    Path dataDir() {
        return data;
    }

    @Override
    public Integer call() {
        Logging.configure(data, false);
        Logger log = LoggerFactory.getLogger(ServerCommand.class);
        Map<String, String> flags = new HashMap<>();
        if (host != null) flags.put("host", host);
        if (port != null) flags.put("port", port.toString());
        if (noTls) flags.put("tls", "false");
        ServerConfig cfg;
        try {
            cfg = ConfigLoader.load(data, config, System.getenv(), flags);
        } catch (ConfigException e) {
            System.err.println("Error: " + e.getMessage());
            return 2;
        }
        ChatServer server;
        try {
            server = ChatServer.start(cfg, Clock.systemUTC());
        } catch (BindException e) {
            System.err.println("Error: cannot listen on " + cfg.host() + ":" + cfg.port() + " (" + e.getMessage()
                    + "). Is another server running there? Choose another port with --port.");
            return 1;
        } catch (IOException | chatroom.server.store.StoreException | chatroom.server.tls.TlsException e) {
            System.err.println("Error: cannot start the server: " + e.getMessage());
            return 1;
        }
        Shutdown.onSignals(server::close);
        server.awaitStopped();
        log.debug("Main thread done");
        return 0;
    }

    /** Reads the version from the jar. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"chatroom-server " + Version.current()};
        }
    }
}
