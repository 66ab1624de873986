package chatroom.server.cli;

import java.nio.file.Path;

/**
 * Points Logback at the data folder before the first logger exists: {@code logback.xml} reads
 * these properties. The server logs INFO to the console and a rolling file; the offline commands
 * only warnings, so their plain answers are not buried.
 */
final class Logging {
    private Logging() {
    }

    static void configure(Path dataDir, boolean quiet) {
        System.setProperty("chatroom.log.dir", dataDir.toAbsolutePath().resolve("logs").toString());
        System.setProperty("chatroom.log.level", quiet ? "WARN" : "INFO");
    }
}
