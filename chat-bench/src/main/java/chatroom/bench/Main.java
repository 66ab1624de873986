package chatroom.bench;

import chatroom.bench.load.RunCommand;
import chatroom.bench.report.ReportCommand;
import chatroom.bench.server.BenchServerCommand;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code chat-bench.jar}: the load generator ({@code run}), the server it measures
 * ({@code server}), the side-by-side table ({@code report}) and the JMH microbenchmarks
 * ({@code jmh}, which hands its arguments to JMH).
 */
@Command(name = "chat-bench", mixinStandardHelpOptions = true,
        subcommands = {RunCommand.class, BenchServerCommand.class, ReportCommand.class},
        description = "Benchmarks for Chatroom: see docs/benchmarks.md.")
public final class Main {
    private Main() {
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int status = new CommandLine(Main.class).execute(args);
        System.exit(status);
    }
}
