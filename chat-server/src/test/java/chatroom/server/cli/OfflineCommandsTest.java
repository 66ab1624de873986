package chatroom.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.model.Role;
import chatroom.server.auth.PasswordHasher;
import chatroom.server.store.Account;
import chatroom.server.store.AccountStore;
import chatroom.server.store.Database;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The offline commands run on a data folder, as an administrator would type them. */
class OfflineCommandsTest {
    /** A hasher with one round: verifying reads the rounds from the stored hash, so it checks real hashes too. */
    private static final PasswordHasher CHEAP = new PasswordHasher(1);

    @TempDir
    Path data;

    /** What one run of the command line printed and returned. */
    record Run(int exit, String out, String err) {
    }

    /** Runs the command line with {@code stdin} as the password input (never the real standard input). */
    private static Run runWithInput(String stdin, String... args) {
        CommandLine cl = ServerCommand.commandLine();
        ((ServerCommand) cl.getCommand()).stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return runWithInput("", args);
    }

    /** {@code args} followed by {@code --data DIR}. */
    private String[] onData(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data");
        all.add(data.toString());
        return all.toArray(String[]::new);
    }

    private Run succeeds(String stdin, String... args) {
        Run r = runWithInput(stdin, onData(args));
        assertEquals(0, r.exit(), () -> "exit status of " + List.of(args) + "; stderr: " + r.err());
        assertEquals("", r.err());
        return r;
    }

    private Run fails(String stdin, String... args) {
        Run r = runWithInput(stdin, onData(args));
        assertEquals(1, r.exit(), () -> "exit status of " + List.of(args) + "; stdout: " + r.out() + " stderr: " + r.err());
        assertNoStackTrace(r.err());
        assertTrue(r.err().startsWith("Error: "), r.err());
        assertEquals(1, r.err().lines().count(), () -> "one line: " + r.err());
        return r;
    }

    private static void assertNoStackTrace(String err) {
        assertFalse(err.contains("Exception"), () -> "no exception name in: " + err);
        assertFalse(err.contains("\tat "), () -> "no stack trace in: " + err);
    }

    private Optional<Account> stored(String name) throws Exception {
        try (Database db = Database.open(data)) {
            return new AccountStore(db).findByName(name);
        }
    }

    private long accountCount() throws Exception {
        try (Database db = Database.open(data)) {
            return new AccountStore(db).count();
        }
    }

    /** Creates an account directly in the store, quickly (password {@code old-password}). */
    private void account(String name, Role role) throws Exception {
        try (Database db = Database.open(data)) {
            assertTrue(new AccountStore(db).create(name, CHEAP.hash("old-password"), role, Instant.now()).isPresent());
        }
    }

    /** The line of {@code user list} about {@code name}. */
    private String listLine(String name) {
        Run list = succeeds("", "user", "list");
        return list.out().lines().filter(l -> l.startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in: " + list.out()));
    }

    // user add

    @Test
    void userAddCreatesTheAccountWithItsRoleAndThePasswordFromStandardInput() throws Exception {
        Run add = succeeds("correct-horse\n", "user", "add", "alice", "--role", "admin");
        assertEquals("Created admin alice." + System.lineSeparator(), add.out());

        assertTrue(listLine("alice").matches("alice\\s+admin\\s+created .*"), listLine("alice"));
        Account alice = stored("alice").orElseThrow();
        assertEquals(Role.ADMIN, alice.role());
        assertTrue(CHEAP.verify("correct-horse", alice.passwordHash()));
        assertFalse(CHEAP.verify("wrong-horse", alice.passwordHash()));
    }

    @Test
    void dataGivenBeforeTheSubcommandWorksAsWellAsAfterIt() throws Exception {
        Run add = runWithInput("secret-pass\n", "--data", data.toString(), "user", "add", "carol");
        assertEquals(0, add.exit(), add.err());
        assertEquals("Created user carol." + System.lineSeparator(), add.out());

        Run before = run("--data", data.toString(), "user", "list");
        Run after = run("user", "list", "--data", data.toString());
        assertEquals(0, before.exit(), before.err());
        assertEquals(before, after);
        assertTrue(before.out().matches("(?s)carol\\s+user\\s+created .*"), before.out());
        assertEquals(Role.USER, stored("carol").orElseThrow().role());
    }

    @Test
    void userAddHashesWithTheIterationsSetInTheDataFoldersConfig() throws Exception {
        Files.writeString(data.resolve("server.properties"), "password_iterations = 600001\n");
        succeeds("secret-pass\n", "user", "add", "dave");
        String hash = stored("dave").orElseThrow().passwordHash();
        assertTrue(hash.startsWith("pbkdf2-sha256$600001$"), hash);
        assertTrue(CHEAP.verify("secret-pass", hash));
    }

    @Test
    void userAddReadsTheConfigNamedByConfigLikeTheServerDoes() throws Exception {
        // The installed service's config lives outside the data folder (/etc/chatroom).
        Path config = Files.writeString(data.resolveSibling(data.getFileName() + "-server.properties"),
                "password_iterations = 600002\n");
        succeeds("secret-pass\n", "--config", config.toString(), "user", "add", "erin");
        String hash = stored("erin").orElseThrow().passwordHash();
        assertTrue(hash.startsWith("pbkdf2-sha256$600002$"), hash);
    }

    @Test
    void userListOnAnEmptyDataFolderSaysHowToCreateTheFirstAdmin() {
        Run list = succeeds("", "user", "list");
        assertTrue(list.out().startsWith("No accounts yet."), list.out());
        assertTrue(list.out().contains("user add NAME --role admin"), list.out());
    }

    @Test
    void aNameTakenInAnotherCaseIsRefusedWithASentenceAndNoStackTrace() throws Exception {
        account("alice", Role.ADMIN);
        Run dup = fails("another-pass\n", "user", "add", "ALICE");
        assertEquals("Error: The name ALICE is taken." + System.lineSeparator(), dup.err());
        assertEquals("", dup.out());
        assertEquals(1, accountCount());
        assertEquals("alice", stored("alice").orElseThrow().name());
    }

    @Test
    void anInvalidNameIsRefusedWithTheNameRuleAndNothingIsStored() throws Exception {
        Run spaces = fails("secret-pass\n", "user", "add", "bad name");
        assertTrue(spaces.err().contains("may only contain letters, digits, '_', '-' and '.' (no spaces)."), spaces.err());

        Run tooLong = fails("secret-pass\n", "user", "add", "a".repeat(33));
        assertTrue(tooLong.err().contains("the limit is 32"), tooLong.err());
        assertEquals(0, accountCount());
    }

    @Test
    void anInvalidNameIsRefusedBeforeAnyPasswordIsAskedFor() throws Exception {
        Run r = fails("", "user", "add", "bad!name");
        assertTrue(r.err().contains("may only contain letters"), () -> "the name rule, not a password complaint: " + r.err());
        assertEquals(0, accountCount());
    }

    @Test
    void aShortPasswordIsRefusedWithThePasswordRuleAndNothingIsStored() throws Exception {
        Run r = fails("short\n", "user", "add", "alice");
        assertTrue(r.err().contains("The password is too short: use at least 8 characters."), r.err());
        assertEquals(0, accountCount());
    }

    @Test
    void noPasswordOnStandardInputIsRefusedWithHowToGiveOne() throws Exception {
        Run r = fails("", "user", "add", "alice");
        assertTrue(r.err().startsWith("Error: No password on standard input: pipe it in"), r.err());
        assertEquals(0, accountCount());
    }

    @Test
    void anUnknownRoleIsRefusedNamingTheRolesThatExist() throws Exception {
        Run r = fails("secret-pass\n", "user", "add", "alice", "--role", "boss");
        assertEquals("Error: Unknown role 'boss': use user, moderator or admin." + System.lineSeparator(), r.err());
        assertEquals(0, accountCount());

        account("alice", Role.USER);
        fails("", "user", "role", "alice", "owner");
        assertEquals(Role.USER, stored("alice").orElseThrow().role());
    }

    // user role

    @Test
    void userRoleChangesTheRole() throws Exception {
        account("alice", Role.USER);
        Run r = succeeds("", "user", "role", "ALICE", "moderator");
        assertEquals("alice is now a moderator." + System.lineSeparator(), r.out());
        assertEquals(Role.MODERATOR, stored("alice").orElseThrow().role());
        assertTrue(listLine("alice").matches("alice\\s+moderator\\s+.*"), listLine("alice"));
    }

    @Test
    void demotingTheLastAdminIsRefusedButWorksOnceThereIsAnother() throws Exception {
        account("alice", Role.ADMIN);
        Run r = fails("", "user", "role", "alice", "moderator");
        assertTrue(r.err().contains("alice is the last admin"), r.err());
        assertEquals(Role.ADMIN, stored("alice").orElseThrow().role());

        account("bob", Role.USER);
        succeeds("", "user", "role", "bob", "admin");
        succeeds("", "user", "role", "alice", "user");
        assertEquals(Role.USER, stored("alice").orElseThrow().role());
        assertEquals(Role.ADMIN, stored("bob").orElseThrow().role());
    }

    // user passwd

    @Test
    void userPasswdReplacesThePassword() throws Exception {
        account("alice", Role.USER);
        Run r = succeeds("new-password\n", "user", "passwd", "Alice");
        assertEquals("Password of alice changed." + System.lineSeparator(), r.out());
        String hash = stored("alice").orElseThrow().passwordHash();
        assertTrue(CHEAP.verify("new-password", hash));
        assertFalse(CHEAP.verify("old-password", hash));
    }

    @Test
    void userPasswdWithAShortPasswordKeepsTheOldOne() throws Exception {
        account("alice", Role.USER);
        Run r = fails("short\n", "user", "passwd", "alice");
        assertTrue(r.err().contains("at least 8 characters"), r.err());
        assertTrue(CHEAP.verify("old-password", stored("alice").orElseThrow().passwordHash()));
    }

    // ban, bans, unban

    @Test
    void aBanWithMinutesAndReasonIsListedByBansAndMarkedInUserList() throws Exception {
        account("bob", Role.USER);
        Run ban = succeeds("", "ban", "bob", "--minutes", "5", "--reason", "spam");
        assertTrue(ban.out().startsWith("Banned bob until 2"), ban.out());

        Run bans = succeeds("", "bans");
        List<String> lines = bans.out().lines().toList();
        assertEquals(1, lines.size(), bans.out());
        assertTrue(lines.getFirst().matches("bob\\s+until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+by console\\s+spam"), lines.getFirst());
        assertTrue(listLine("bob").endsWith("(banned)"), listLine("bob"));
    }

    @Test
    void aBanWithoutMinutesLastsUntilUnbanned() throws Exception {
        account("bob", Role.USER);
        Run ban = succeeds("", "ban", "bob");
        assertEquals("Banned bob until unbanned." + System.lineSeparator(), ban.out());
        assertTrue(succeeds("", "bans").out().matches("bob\\s+until unbanned\\s+by console\\s*" + System.lineSeparator()));
    }

    @Test
    void aBanOfLessThanOneMinuteIsRefused() throws Exception {
        account("bob", Role.USER);
        Run r = fails("", "ban", "bob", "--minutes", "0");
        assertTrue(r.err().contains("--minutes must be between 1 and"), r.err());
        assertEquals("Nobody is banned." + System.lineSeparator(), succeeds("", "bans").out());
    }

    @Test
    void aBanLongerThanTenYearsIsRefused() throws Exception {
        account("bob", Role.USER);
        Run r = fails("", "ban", "bob", "--minutes", "99999999");
        assertTrue(r.err().contains("ten years"), r.err());
        assertEquals("Nobody is banned." + System.lineSeparator(), succeeds("", "bans").out());
    }

    @Test
    void unbanLiftsTheBanAndBansThenSaysNobodyIsBanned() throws Exception {
        account("bob", Role.USER);
        succeeds("", "ban", "bob", "--minutes", "5", "--reason", "spam");
        assertEquals("Unbanned bob." + System.lineSeparator(), succeeds("", "unban", "bob").out());
        assertEquals("Nobody is banned." + System.lineSeparator(), succeeds("", "bans").out());
        assertEquals("bob was not banned." + System.lineSeparator(), succeeds("", "unban", "bob").out());
        assertFalse(listLine("bob").contains("banned"), listLine("bob"));
    }

    static Stream<Arguments> commandsOnAUser() {
        return Stream.of(
                Arguments.of((Object) new String[] {"user", "role", "nobody", "admin"}),
                Arguments.of((Object) new String[] {"user", "passwd", "nobody"}),
                Arguments.of((Object) new String[] {"ban", "nobody", "--minutes", "5"}),
                Arguments.of((Object) new String[] {"unban", "nobody"}));
    }

    @ParameterizedTest
    @MethodSource("commandsOnAUser")
    void operationsOnAnUnknownUserAreRefusedWithASentence(String[] args) throws Exception {
        account("alice", Role.ADMIN);
        Run r = fails("new-password\n", args);
        assertTrue(r.err().startsWith("Error: There is no user called nobody in "), r.err());
        assertEquals("", r.out());
    }

    // picocli's own handling

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(new String[] {"user", "add", "alice", "--bogus"}, "Unknown option: '--bogus'"),
                Arguments.of(new String[] {"user", "add"}, "Missing required parameter: 'NAME'"),
                Arguments.of(new String[] {"user", "role", "alice"}, "Missing required parameter: 'ROLE'"),
                Arguments.of(new String[] {"ban"}, "Missing required parameter: 'NAME'"),
                Arguments.of(new String[] {"ban", "bob", "--minutes", "soon"}, "Invalid value for option '--minutes'"),
                Arguments.of(new String[] {"--bogus"}, "Unknown option: '--bogus'"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void aUsageErrorExitsWithTwoAndPrintsTheProblemAndUsage(String[] args, String problem) throws Exception {
        Run r = runWithInput("secret-pass\n", onData(args));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(problem), r.err());
        assertTrue(r.err().contains("Usage: "), r.err());
        assertEquals("", r.out());
        assertNoStackTrace(r.err());
        assertFalse(Files.exists(data.resolve("chat.db")), "a refused command line does not touch the data folder");
    }

    @Test
    void helpListsTheSubcommandsAndExitsWithZero() {
        Run r = run("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("Usage: chat-server"), r.out());
        for (String sub : List.of("user", "ban", "unban", "bans", "--data", "--config", "--port", "--host")) {
            assertTrue(r.out().contains(sub), () -> sub + " in " + r.out());
        }
        assertEquals("", r.err());
    }

    @Test
    void subcommandHelpShowsItsOwnUsageAndExitsWithZero() {
        Run r = run("user", "add", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("Usage: chat-server user add"), r.out());
        assertTrue(r.out().contains("--role"), r.out());
        assertTrue(r.out().contains("--data"), "the inherited --data is documented: " + r.out());
    }

    @Test
    void versionPrintsTheServerVersionAndExitsWithZero() {
        Run r = run("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("chatroom-server "), r.out());
        assertEquals("", r.err());
    }

    @Test
    void aBrokenConfigInTheDataFolderIsReportedAsASentence() throws Exception {
        Files.writeString(data.resolve("server.properties"), "prot = 8000\n");
        Run r = fails("", "user", "list");
        assertTrue(r.err().contains("Unknown setting 'prot'"), r.err());
    }

    @Test
    void fingerprintMakesTheCertificateOnceAndPrintsWhatTheServerWillShow() throws Exception {
        Run first = runWithInput("", onData("fingerprint"));
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.err().startsWith("Made a new self-signed certificate"), first.err());
        chatroom.common.tls.Fingerprint printed = chatroom.common.tls.Fingerprint.parse(first.out().strip());
        assertEquals(printed.toString(), first.out().strip(), "grouped as clients show it");
        Run again = succeeds("", "fingerprint");
        assertEquals(first.out(), again.out());
        assertEquals(printed.colonSeparated(), succeeds("", "fingerprint", "--openssl").out().strip());
        try (var server = chatroom.server.testing.TestServer.start(data)) {
            assertEquals(printed, server.fingerprint());
        }
    }

    @Test
    void fingerprintRefusesWhenTlsIsOff() throws Exception {
        Files.writeString(data.resolve("server.properties"), "tls = false\n");
        Run r = fails("", "fingerprint");
        assertTrue(r.err().contains("TLS is off"), r.err());
        assertFalse(Files.exists(data.resolve("tls")));
    }
}
