package chatroom.server.cli;

import chatroom.common.protocol.BanRequest;
import chatroom.server.store.Account;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ban NAME [--minutes N] [--reason TEXT]}. */
@Command(name = "ban", mixinStandardHelpOptions = true, description = "Ban an account, for some minutes or until unbanned.")
final class BanCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--minutes", paramLabel = "N", description = "Length of the ban (default: until unbanned).") Long minutes;
    @Option(names = "--reason", paramLabel = "TEXT", description = "Shown to the user when they try to log in.") String reason = "";

    @Override
    public Integer call() throws Exception {
        if (minutes != null && (minutes < 1 || minutes > BanRequest.MAX_MINUTES)) {
            throw new IllegalArgumentException("--minutes must be between 1 and " + BanRequest.MAX_MINUTES
                    + " (ten years); leave it out for a ban until unbanned.");
        }
        try (DataFolder data = DataFolder.open(spec)) {
            Account a = data.existing(name);
            Instant now = Instant.now();
            Instant until = minutes == null ? null : now.plus(Duration.ofMinutes(minutes));
            data.bans.put(a.id(), "console", reason.strip(), now, until);
            spec.commandLine().getOut().println("Banned " + a.name() + (until == null ? " until unbanned" : " until " + UserCommand.DATE.format(until)) + ".");
        }
        return 0;
    }
}
