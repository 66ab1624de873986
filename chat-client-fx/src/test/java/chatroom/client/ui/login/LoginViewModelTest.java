package chatroom.client.ui.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.client.service.ChatService;
import chatroom.client.service.RequestFailedException;
import chatroom.client.service.ServerAddress;
import chatroom.client.service.UntrustedServerException;
import chatroom.common.tls.Fingerprint;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import chatroom.client.service.SettingsService;
import chatroom.client.settings.ClientSettings;
import chatroom.client.settings.ServerEntry;
import chatroom.client.settings.SettingsStore;
import chatroom.client.testing.FakeChatService;
import chatroom.common.model.Names;
import chatroom.common.model.Role;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ErrorReply;
import chatroom.common.protocol.Welcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoginViewModelTest {
    private static final String PORT_PROBLEM = "A port is a number from 1 to 65535.";
    private static final String HOST_SPACES = "A host name has no spaces or slashes.";

    @TempDir
    Path folder;

    private final FakeChatService service = new FakeChatService();
    private final List<Welcome> loggedIn = new ArrayList<>();
    private final List<ChatService> loggedInWith = new ArrayList<>();
    private SettingsStore store;
    private SettingsService settings;
    private LoginViewModel vm;

    @BeforeEach
    void openAnEmptyForm() {
        store = new SettingsStore(folder);
        settings = new SettingsService(store, ClientSettings.defaults(), Runnable::run);
        vm = open(settings);
    }

    private LoginViewModel open(SettingsService with) {
        return new LoginViewModel(service, with, (welcome, chat) -> {
            loggedIn.add(welcome);
            loggedInWith.add(chat);
        });
    }

    private void fillIn(String user, String password) {
        vm.userProperty().set(user);
        vm.passwordProperty().set(password);
    }

    private static Welcome welcome(String user) {
        return new Welcome("r1", user, Role.USER, List.of(), List.of());
    }

    private static RequestFailedException refusal(ErrorCode code, String sentence) {
        return new RequestFailedException(ErrorReply.of("r1", code, "x"), sentence);
    }

    // ---- validation as you type ----------------------------------------------------------------

    @Test
    void aFreshFormShowsNoErrorsAndCannotBeSubmitted() {
        assertEquals("localhost", vm.hostProperty().get());
        assertEquals(String.valueOf(ServerAddress.DEFAULT_PORT), vm.portProperty().get());
        assertNull(vm.hostErrorBinding().get());
        assertNull(vm.portErrorBinding().get());
        assertNull(vm.userErrorBinding().get());
        assertNull(vm.passwordErrorBinding().get());
        assertNull(vm.repeatErrorBinding().get());
        assertEquals("", vm.messageProperty().get());
        assertFalse(vm.busyProperty().get());
        assertFalse(vm.canSubmitBinding().get());
    }

    @Test
    void aUserNameWithASpaceShowsTheNamingRule() {
        vm.userProperty().set("a b");
        String error = vm.userErrorBinding().get();
        assertNotNull(error);
        assertTrue(error.endsWith("may only contain letters, digits, '_', '-' and '.' (no spaces)."), error);
    }

    @Test
    void aUserNameOfOnlySpacesShowsTheEmptyNameSentence() {
        vm.userProperty().set("   ");
        String error = vm.userErrorBinding().get();
        assertNotNull(error);
        assertTrue(error.endsWith("is empty: choose 1 to " + Names.MAX_LENGTH + " characters."), error);
        assertFalse(vm.canSubmitBinding().get());
    }

    @Test
    void aTooLongUserNameSaysHowLongItIs() {
        vm.userProperty().set("a".repeat(Names.MAX_LENGTH + 1));
        String error = vm.userErrorBinding().get();
        assertNotNull(error);
        assertTrue(error.endsWith("is 33 characters long: the limit is 32."), error);
    }

    @Test
    void aUserNameErrorIsTheNamingRuleSentenceForAUserName() {
        vm.userProperty().set("a b");
        assertEquals(Names.problem("a b", "user name"), vm.userErrorBinding().get());
        vm.userProperty().set("  ");
        assertEquals(Names.problem("", "user name"), vm.userErrorBinding().get());
    }

    @Test
    void validUserNamesShowNoErrorAndSurroundingSpacesAreForgiven() {
        for (String name : List.of("alice", "Bob_2", "jean-luc.p", "  carol  ")) {
            vm.userProperty().set(name);
            assertNull(vm.userErrorBinding().get(), name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "70000", "-1", "65536", "", "  ", "74 47", "7447.0"})
    void aPortOutsideOneTo65535IsRefused(String port) {
        vm.portProperty().set(port);
        assertEquals(PORT_PROBLEM, vm.portErrorBinding().get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "7447", "65535", " 7448 "})
    void aPortFromOneTo65535IsAccepted(String port) {
        vm.portProperty().set(port);
        assertNull(vm.portErrorBinding().get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat server", "chat\tserver", "http://chat", "chat/lobby"})
    void aHostWithASpaceOrSlashIsRefused(String host) {
        vm.hostProperty().set(host);
        assertEquals(HOST_SPACES, vm.hostErrorBinding().get());
    }

    @Test
    void aClearedHostAsksForOne() {
        vm.hostProperty().set("   ");
        assertEquals("Enter the server's name or address.", vm.hostErrorBinding().get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "chat.example.org", "192.168.1.20", "::1", "  chat.local  "})
    void ordinaryHostsAreAccepted(String host) {
        vm.hostProperty().set(host);
        assertNull(vm.hostErrorBinding().get());
    }

    @Test
    void aPasswordOverTheLimitIsRefusedInBothModes() {
        fillIn("alice", "p".repeat(LoginViewModel.MAX_PASSWORD + 1));
        assertTrue(vm.passwordErrorBinding().get().startsWith("Passwords are limited to 1024 bytes"), vm.passwordErrorBinding().get());
        assertFalse(vm.canSubmitBinding().get());
        vm.registerProperty().set(true);
        assertTrue(vm.passwordErrorBinding().get().startsWith("Passwords are limited to 1024 bytes"), vm.passwordErrorBinding().get());
        vm.passwordProperty().set("p".repeat(LoginViewModel.MAX_PASSWORD));
        assertNull(vm.passwordErrorBinding().get());
    }

    // ---- when the form may be submitted ------------------------------------------------------------

    @Test
    void theFormCanBeSubmittedOnlyWhenEveryFieldIsFilledInAndValid() {
        vm.userProperty().set("alice");
        assertFalse(vm.canSubmitBinding().get(), "no password yet");
        vm.passwordProperty().set("x");
        assertTrue(vm.canSubmitBinding().get());

        vm.portProperty().set("abc");
        assertFalse(vm.canSubmitBinding().get(), "bad port");
        vm.portProperty().set("7447");
        vm.hostProperty().set("");
        assertFalse(vm.canSubmitBinding().get(), "no host");
        vm.hostProperty().set("chat server");
        assertFalse(vm.canSubmitBinding().get(), "host with a space");
        vm.hostProperty().set("chat.local");
        vm.userProperty().set("a b");
        assertFalse(vm.canSubmitBinding().get(), "bad user name");
        vm.userProperty().set("  ");
        assertFalse(vm.canSubmitBinding().get(), "blank user name");
        vm.userProperty().set("alice");
        assertTrue(vm.canSubmitBinding().get());
    }

    @Test
    void loggingInAcceptsAnyPasswordAndIgnoresTheRepeatField() {
        fillIn("alice", "short");
        vm.repeatProperty().set("something else");
        assertNull(vm.passwordErrorBinding().get());
        assertNull(vm.repeatErrorBinding().get());
        assertTrue(vm.canSubmitBinding().get());
    }

    @Test
    void registeringNeedsAPasswordOfAtLeastEightCharacters() {
        vm.registerProperty().set(true);
        fillIn("alice", "1234567");
        vm.repeatProperty().set("1234567");
        assertEquals("Use at least 8 characters.", vm.passwordErrorBinding().get());
        assertFalse(vm.canSubmitBinding().get());

        vm.passwordProperty().set("12345678");
        vm.repeatProperty().set("12345678");
        assertNull(vm.passwordErrorBinding().get());
        assertTrue(vm.canSubmitBinding().get());
    }

    @Test
    void registeringNeedsTheRepeatToMatch() {
        vm.registerProperty().set(true);
        fillIn("alice", "correct horse");
        assertNull(vm.repeatErrorBinding().get(), "an untouched repeat field is not red");
        assertFalse(vm.canSubmitBinding().get(), "but the form is not complete without it");

        vm.repeatProperty().set("correct hors");
        assertEquals("The passwords do not match.", vm.repeatErrorBinding().get());
        assertFalse(vm.canSubmitBinding().get());

        vm.repeatProperty().set("correct horse");
        assertNull(vm.repeatErrorBinding().get());
        assertTrue(vm.canSubmitBinding().get());

        vm.passwordProperty().set("correct horse battery");
        assertEquals("The passwords do not match.", vm.repeatErrorBinding().get(), "changing the password re-checks the repeat");
        assertFalse(vm.canSubmitBinding().get());
    }

    @Test
    void switchingBackToLogInDropsTheRegistrationRules() {
        vm.registerProperty().set(true);
        fillIn("alice", "short");
        vm.repeatProperty().set("other");
        assertFalse(vm.canSubmitBinding().get());
        vm.registerProperty().set(false);
        assertNull(vm.passwordErrorBinding().get());
        assertNull(vm.repeatErrorBinding().get());
        assertTrue(vm.canSubmitBinding().get());
    }

    // ---- submitting ---------------------------------------------------------------------------

    @Test
    void submitLogsInWithTheTrimmedHostAndUserAndTheExactPassword() {
        vm.hostProperty().set("  chat.local ");
        vm.portProperty().set(" 7448 ");
        fillIn("  alice ", " secret pass ");
        vm.submit();
        assertEquals(1, service.calls("logIn").size());
        assertEquals(List.of(new ServerAddress("chat.local", 7448), "alice", " secret pass ", false),
                service.last("logIn").args());
    }

    @Test
    void submitInRegisterModeAsksTheServiceToRegister() {
        vm.registerProperty().set(true);
        fillIn("alice", "correct horse");
        vm.repeatProperty().set("correct horse");
        vm.submit();
        assertEquals(List.of(new ServerAddress("localhost", ServerAddress.DEFAULT_PORT), "alice", "correct horse", true),
                service.last("logIn").args());
    }

    @Test
    void submitDoesNothingWhileTheFormIsIncomplete() {
        vm.userProperty().set("alice");
        vm.submit();
        vm.passwordProperty().set("pw");
        vm.portProperty().set("0");
        vm.submit();
        assertTrue(service.calls("logIn").isEmpty());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void theFormIsBusyUntilTheServerAnswersAndCannotBeSubmittedTwice() {
        fillIn("alice", "pw");
        vm.submit();
        assertTrue(vm.busyProperty().get());
        assertFalse(vm.canSubmitBinding().get());
        vm.submit();
        assertEquals(1, service.calls("logIn").size(), "a second press while waiting sends nothing");

        service.login.complete(welcome("alice"));
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void aRefusalShowsTheSentenceAndLetsTheUserTryAgain() {
        fillIn("alice", "pw");
        vm.submit();
        service.login.completeExceptionally(refusal(ErrorCode.USER_EXISTS, "That name is taken…"));

        assertEquals("That name is taken…", vm.messageProperty().get());
        assertFalse(vm.busyProperty().get());
        assertTrue(vm.canSubmitBinding().get());
        assertEquals("pw", vm.passwordProperty().get(), "the password stays for a second try");
        assertTrue(loggedIn.isEmpty());
        assertTrue(settings.current().recentServers().isEmpty(), "a failed login is not remembered");
        assertFalse(Files.exists(store.file()));
    }

    @Test
    void aFailureThatIsNotARefusalStillBecomesASentence() {
        fillIn("alice", "pw");
        vm.submit();
        service.login.completeExceptionally(new IOException("Connection refused"));
        assertEquals("Something went wrong: Connection refused", vm.messageProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void typingAgainClearsTheLastRefusal() {
        fillIn("alice", "pw");
        vm.submit();
        service.login.completeExceptionally(refusal(ErrorCode.BAD_CREDENTIALS, "The user name or password is wrong."));
        assertEquals("The user name or password is wrong.", vm.messageProperty().get());
        vm.passwordProperty().set("pw2");
        assertEquals("", vm.messageProperty().get());

        service.login = new java.util.concurrent.CompletableFuture<>();
        vm.submit();
        service.login.completeExceptionally(refusal(ErrorCode.BAD_CREDENTIALS, "The user name or password is wrong."));
        vm.userProperty().set("alicia");
        assertEquals("", vm.messageProperty().get());
    }

    @Test
    void aSuccessfulLoginRemembersTheServerAndHandsOverTheSession() throws IOException {
        vm.hostProperty().set(" chat.local ");
        vm.portProperty().set("7448");
        fillIn("alice", "pw");
        vm.submit();
        Welcome welcome = welcome("Alice");
        service.login.complete(welcome);

        ServerEntry remembered = new ServerEntry("chat.local", 7448, "Alice");
        assertEquals(List.of(remembered), settings.current().recentServers(), "with the name as the server spells it");
        assertTrue(Files.exists(store.file()), "the settings were written");
        assertEquals(List.of(remembered), store.load().recentServers());
        assertEquals(List.of(remembered), vm.recentServers());

        assertEquals(List.of(welcome), loggedIn);
        assertSame(service, loggedInWith.getFirst());
        assertFalse(vm.busyProperty().get());
        assertEquals("", vm.passwordProperty().get(), "the password does not linger in memory");
        assertEquals("", vm.messageProperty().get());
    }

    @Test
    void aSecondLoginMovesThatServerToTheFrontOfTheRecentList() {
        settings.update(s -> s.withServerUsed(new ServerEntry("chat.local", 7448, "alice"))
                .withServerUsed(new ServerEntry("other.lan", 7447, "bob")));
        vm = open(settings);
        vm.hostProperty().set("chat.local");
        vm.portProperty().set("7448");
        fillIn("alice", "pw");
        vm.submit();
        service.login.complete(welcome("alice"));
        assertEquals(List.of(new ServerEntry("chat.local", 7448, "alice"), new ServerEntry("other.lan", 7447, "bob")),
                settings.current().recentServers());
    }

    // ---- recent servers and ended sessions ---------------------------------------------------------

    @Test
    void aRecentServerFillsHostPortAndUser() {
        vm.useServer(new ServerEntry("10.0.0.5", 7500, "bob"));
        assertEquals("10.0.0.5", vm.hostProperty().get());
        assertEquals("7500", vm.portProperty().get());
        assertEquals("bob", vm.userProperty().get());
    }

    @Test
    void aRecentServerWithoutAUserKeepsTheNameAlreadyTyped() {
        vm.userProperty().set("carol");
        vm.useServer(new ServerEntry("10.0.0.5", 7500, ""));
        assertEquals("10.0.0.5", vm.hostProperty().get());
        assertEquals("carol", vm.userProperty().get());
        vm.useServer(null);
        assertEquals("10.0.0.5", vm.hostProperty().get());
    }

    @Test
    void theFormOpensFilledInWithTheServerUsedLast() {
        ServerEntry last = new ServerEntry("chat.local", 7448, "alice");
        ServerEntry older = new ServerEntry("other.lan", 7447, "bob");
        SettingsService used = new SettingsService(store,
                ClientSettings.defaults().withServerUsed(older).withServerUsed(last), Runnable::run);
        vm = open(used);
        assertEquals(List.of(last, older), vm.recentServers());
        assertEquals("chat.local", vm.hostProperty().get());
        assertEquals("7448", vm.portProperty().get());
        assertEquals("alice", vm.userProperty().get());
        assertNull(vm.userErrorBinding().get());
    }

    @Test
    void showEndedShowsTheReasonOnAFreshForm() {
        vm.showEnded("You were removed from the server by bob: spam.");
        assertEquals("You were removed from the server by bob: spam.", vm.messageProperty().get());
        assertEquals("", vm.passwordProperty().get());
        vm.showEnded(null);
        assertEquals("", vm.messageProperty().get());
    }

    @Test
    void showEndedShowsTheReasonAndClearsThePassword() {
        vm.registerProperty().set(true);
        fillIn("alice", "correct horse");
        vm.repeatProperty().set("correct horse");
        vm.showEnded("You are banned permanently.");
        assertEquals("", vm.passwordProperty().get());
        assertEquals("", vm.repeatProperty().get());
        assertEquals("You are banned permanently.", vm.messageProperty().get());
    }

    // ---- certificates and plain connections -----------------------------------------------------

    private static final Fingerprint OLD = Fingerprint.parse("11".repeat(32));
    private static final Fingerprint NEW = Fingerprint.parse("22".repeat(32));

    @Test
    void aFirstContactAsksAndAcceptingPinsAndContinuesTheLogin() {
        fillIn("alice", "secret pass");
        vm.submit();
        ServerAddress address = new ServerAddress("localhost", ServerAddress.DEFAULT_PORT);
        service.login.completeExceptionally(UntrustedServerException.firstUse(address, NEW));
        assertEquals(NEW, vm.trustPromptProperty().get().presented());
        assertFalse(vm.busyProperty().get());
        assertTrue(settings.current().pinFor("localhost", ServerAddress.DEFAULT_PORT).isEmpty(), "nothing pinned before the answer");
        vm.submit();
        assertEquals(1, service.calls("logIn").size(), "no second try while the question is open");

        service.login = new CompletableFuture<>();
        vm.acceptCertificate();
        assertNull(vm.trustPromptProperty().get());
        assertEquals(Optional.of(NEW), settings.current().pinFor("localhost", ServerAddress.DEFAULT_PORT));
        assertEquals(2, service.calls("logIn").size(), "the login goes on with the pin in place");
        service.login.complete(welcome("alice"));
        assertEquals(1, loggedIn.size());
    }

    @Test
    void decliningTheFirstContactPinsNothingAndSaysNothingWasSent() {
        fillIn("alice", "secret pass");
        vm.submit();
        service.login.completeExceptionally(UntrustedServerException.firstUse(new ServerAddress("localhost", 7447), NEW));
        vm.declineCertificate();
        assertNull(vm.trustPromptProperty().get());
        assertTrue(settings.current().pinnedServers().isEmpty());
        assertTrue(vm.messageProperty().get().contains("nothing was sent"), vm.messageProperty().get());
        assertEquals(1, service.calls("logIn").size());
    }

    @Test
    void aChangedCertificateStopsWithBothFingerprintsAndIsTrustedOnlyDeliberately() {
        settings.update(s -> s.withPin("localhost", 7447, OLD));
        fillIn("alice", "secret pass");
        vm.submit();
        service.login.completeExceptionally(UntrustedServerException.changed(new ServerAddress("localhost", 7447), OLD, NEW));
        assertNull(vm.trustPromptProperty().get(), "no easy yes/no question for a changed certificate");
        assertEquals(NEW, vm.certificateChangeProperty().get().presented());
        assertEquals(OLD, vm.certificateChangeProperty().get().pinned());
        String warning = vm.messageProperty().get();
        assertTrue(warning.startsWith("Stopped: ") && warning.contains("your password was not sent"), warning);
        assertEquals(Optional.of(OLD), settings.current().pinFor("localhost", 7447), "the old pin stays until the user decides");

        vm.trustNewCertificate();
        assertEquals(Optional.of(NEW), settings.current().pinFor("localhost", 7447));
        assertNull(vm.certificateChangeProperty().get());
        assertEquals(1, service.calls("logIn").size(), "no login by itself: the user logs in again");
        assertTrue(vm.messageProperty().get().contains("Log in again"), vm.messageProperty().get());
    }

    @Test
    void namingAnotherServerClearsTheCertificateWarning() {
        fillIn("alice", "secret pass");
        vm.submit();
        service.login.completeExceptionally(UntrustedServerException.changed(new ServerAddress("localhost", 7447), OLD, NEW));
        vm.hostProperty().set("other.lan");
        assertNull(vm.certificateChangeProperty().get());
        vm.trustNewCertificate();
        assertTrue(settings.current().pinnedServers().isEmpty() || settings.current().pinFor("localhost", 7447).isEmpty());
    }

    @Test
    void aPlainConnectionIsAskedForAndRememberedWithTheServer() {
        vm.plainProperty().set(true);
        fillIn("alice", "secret pass");
        vm.submit();
        assertEquals(new ServerAddress("localhost", ServerAddress.DEFAULT_PORT, false), service.last("logIn").args().getFirst());
        service.login.complete(welcome("alice"));
        assertTrue(settings.current().lastServer().orElseThrow().plain());

        LoginViewModel again = open(settings);
        assertTrue(again.plainProperty().get(), "the checkbox comes back ticked for that server");
        again.useServer(new ServerEntry("chat.local", 7447, "bob"));
        assertFalse(again.plainProperty().get());
    }
}
