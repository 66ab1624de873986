package chatroom.server.cli;

import chatroom.common.model.Names;
import chatroom.common.model.Role;
import chatroom.common.protocol.InvalidMessageException;
import chatroom.common.protocol.RegisterRequest;
import chatroom.server.auth.PasswordHasher;
import chatroom.server.store.Account;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code user add|list|role|passwd}: accounts, managed offline on the data folder. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage accounts in the data folder.",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.SetRole.class, UserCommand.Passwd.class})
final class UserCommand {
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    /** Validates like {@code register} does, so the CLI cannot create what the protocol would refuse. */
    static void check(String name, String password) {
        try {
            new RegisterRequest(null, name, password);
        } catch (InvalidMessageException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** The password input given to the root command (tests), or null for the terminal or standard input. */
    static InputStream stdin(CommandSpec spec) {
        return ((ServerCommand) spec.root().userObject()).stdin;
    }

    static Role role(String s) {
        Role role = Role.fromWire(s);
        if (role == null) throw new IllegalArgumentException("Unknown role '" + s + "': use user, moderator or admin.");
        return role;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create an account. The password is read from standard input, or prompted for on a terminal.")
    static final class Add implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--role", paramLabel = "ROLE", description = "user (default), moderator or admin") String role = "user";

        @Override
        public Integer call() throws Exception {
            Role r = role(role);
            try (DataFolder data = DataFolder.open(spec)) {
                if (data.accounts.findByName(name).isPresent()) throw new IllegalArgumentException("The name " + name + " is taken.");
                String nameProblem = Names.problem(name, "user name");
                if (nameProblem != null) throw new IllegalArgumentException(nameProblem); // before asking for a password
                String password = PasswordInput.read(name, stdin(spec));
                check(name, password);
                String hash = new PasswordHasher(data.config.passwordIterations()).hash(password);
                Account a = data.accounts.create(name, hash, r, Instant.now())
                        .orElseThrow(() -> new IllegalArgumentException("The name " + name + " is taken."));
                spec.commandLine().getOut().println("Created " + a.role().wireName() + " " + a.name() + ".");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every account with its role.")
    static final class ListUsers implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (DataFolder data = DataFolder.open(spec)) {
                var out = spec.commandLine().getOut();
                var all = data.accounts.all();
                if (all.isEmpty()) out.println("No accounts yet. Create the first admin with: user add NAME --role admin");
                for (Account a : all) {
                    String banned = data.bans.active(a.id(), Instant.now()).isPresent() ? "  (banned)" : "";
                    out.printf("%-32s %-10s created %s%s%n", a.name(), a.role().wireName(), DATE.format(a.createdAt()), banned);
                }
            }
            return 0;
        }
    }

    @Command(name = "role", mixinStandardHelpOptions = true, description = "Change an account's role.")
    static final class SetRole implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Parameters(index = "1", paramLabel = "ROLE", description = "user, moderator or admin") String role;

        @Override
        public Integer call() throws Exception {
            Role r = role(role);
            try (DataFolder data = DataFolder.open(spec)) {
                Account a = data.existing(name);
                if (!data.accounts.setRole(a.id(), r)) {
                    throw new IllegalArgumentException(a.name() + " is the last admin; make someone else an admin first.");
                }
                spec.commandLine().getOut().println(a.name() + " is now a " + r.wireName() + ".");
            }
            return 0;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true,
            description = "Set an account's password (read from standard input, or prompted for on a terminal).")
    static final class Passwd implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() throws Exception {
            try (DataFolder data = DataFolder.open(spec)) {
                Account a = data.existing(name);
                String password = PasswordInput.read(a.name(), stdin(spec));
                check(a.name(), password);
                data.accounts.setPasswordHash(a.id(), new PasswordHasher(data.config.passwordIterations()).hash(password));
                spec.commandLine().getOut().println("Password of " + a.name() + " changed.");
            }
            return 0;
        }
    }
}
