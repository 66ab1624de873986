package chatroom.server.cli;

import chatroom.server.config.ConfigLoader;
import chatroom.server.config.ServerConfig;
import chatroom.server.tls.ServerCertificates;
import chatroom.server.tls.ServerCredentials;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fingerprint}: prints the SHA-256 fingerprint users compare with the one their client
 * shows on first connection. Makes the server's certificate if there is none yet, so an admin can
 * hand the fingerprint out before the first start.
 */
@Command(name = "fingerprint", mixinStandardHelpOptions = true,
        description = {"Print the SHA-256 fingerprint of the server's TLS certificate, as clients show it.",
                "Makes the server's self-signed certificate first if it has none yet."})
final class FingerprintCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--openssl", description = "Print it as OpenSSL does (AB:CD:...), to compare with "
            + "openssl x509 -noout -fingerprint -sha256.")
    boolean openssl;

    @Override
    public Integer call() {
        ServerCommand root = (ServerCommand) spec.root().userObject();
        Logging.configure(root.dataDir(), true);
        ServerConfig config = ConfigLoader.load(root.dataDir(), root.config, System.getenv(), Map.of());
        var err = spec.commandLine().getErr();
        if (!config.tls().enabled()) {
            err.println("Error: TLS is off in this server's settings (tls = false), so clients see no certificate. "
                    + "Remove that setting to turn TLS on.");
            return 1;
        }
        boolean making = ServerCertificates.needsGenerating(config);
        ServerCredentials credentials = ServerCertificates.loadOrCreate(config, Instant.now());
        if (making) err.println("Made a new self-signed certificate: " + credentials.origin());
        spec.commandLine().getOut().println(openssl ? credentials.fingerprint().colonSeparated() : credentials.fingerprint());
        return 0;
    }
}
