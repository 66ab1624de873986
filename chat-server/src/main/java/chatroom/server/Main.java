package chatroom.server;

import chatroom.server.cli.ServerCommand;
import picocli.CommandLine;

/** The entry point of {@code chat-server.jar}: the server, and the offline admin commands. */
public final class Main {
    private Main() {
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        int status = ServerCommand.commandLine().execute(args);
        System.exit(status);
    }
}
