package chatroom.server.cli;

import chatroom.server.store.Account;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code unban NAME}. */
@Command(name = "unban", mixinStandardHelpOptions = true, description = "Lift an account's ban.")
final class UnbanCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public Integer call() throws Exception {
        try (DataFolder data = DataFolder.open(spec)) {
            Account a = data.existing(name);
            boolean was = data.bans.remove(a.id());
            spec.commandLine().getOut().println(was ? "Unbanned " + a.name() + "." : a.name() + " was not banned.");
        }
        return 0;
    }
}
