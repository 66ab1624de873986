package chatroom.server.cli;

import chatroom.server.store.Ban;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bans}. */
@Command(name = "bans", mixinStandardHelpOptions = true, description = "List the bans in force.")
final class BansCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (DataFolder data = DataFolder.open(spec)) {
            List<Ban> bans = data.bans.allActive(Instant.now());
            var out = spec.commandLine().getOut();
            if (bans.isEmpty()) out.println("Nobody is banned.");
            for (Ban b : bans) {
                out.printf("%-32s until %-17s by %-16s %s%n", b.user(),
                        b.until() == null ? "unbanned" : UserCommand.DATE.format(b.until()), b.by(), b.reason());
            }
        }
        return 0;
    }
}
