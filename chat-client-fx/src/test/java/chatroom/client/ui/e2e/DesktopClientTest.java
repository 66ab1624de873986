package chatroom.client.ui.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.client.model.ChatLine;
import chatroom.client.model.ConnectionState;
import chatroom.client.model.PendingMessage;
import chatroom.common.model.Role;
import chatroom.common.model.Status;
import chatroom.common.protocol.HistoryPage;
import chatroom.common.protocol.HistoryRequest;
import chatroom.server.testing.TestServer;
import chatroom.client.settings.ClientSettings;
import chatroom.client.settings.OutboxKey;
import chatroom.client.settings.OutboxStore;
import chatroom.client.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The desktop client end to end: real windows on JavaFX's headless platform, driven by the TestFX
 * robot, against a real server started in-process on a free port.
 */
class DesktopClientTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path temp;
    private TestServer server;
    private final FxRobot robot = new FxRobot();
    private final List<ClientDriver> windows = new ArrayList<>();

    @BeforeAll
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.start(temp.resolve("server"));
    }

    @AfterEach
    void closeEverything() throws Exception {
        windows.forEach(ClientDriver::close);
        server.close();
    }

    /** A window that already trusts the test server's certificate, as after accepting it once. */
    private ClientDriver window(String name) throws java.io.IOException {
        Path settings = temp.resolve("settings-" + name);
        new SettingsStore(settings).save(ClientSettings.defaults().withPin("127.0.0.1", server.port(), server.fingerprint()));
        return windowWithSettings(settings);
    }

    private ClientDriver windowWithSettings(Path settings) {
        ClientDriver d = ClientDriver.open(robot, settings, windows.size() * 1200);
        windows.add(d);
        return d;
    }

    private ClientDriver loggedIn(String name) throws Exception {
        server.createAccount(name, Role.USER);
        ClientDriver d = window(name);
        d.logIn(server.port(), name, TestServer.passwordOf(name));
        return d;
    }

    @Test
    void aNewUserRegistersAndLogsInAgainLater() throws Exception {
        ClientDriver alice = window("alice");
        alice.snapshot(SCREENSHOTS.resolve("login.png"));
        alice.register(server.port(), "alice", "correct horse battery");
        assertEquals("alice", alice.text("me"));
        assertEquals("# lobby", alice.text("conversation-title"));

        alice.click("log-out");
        alice.waitUntil("the login view is back", () -> alice.has("login-view"));
        // The server and the name are remembered; only the password is asked for.
        assertEquals("alice", alice.<javafx.scene.control.TextField>node("user").getText());
        alice.typeInto("password", "correct horse battery");
        alice.pressEnter();
        alice.waitUntil("alice is back in the chat", () -> alice.has("chat-view"));
    }

    @Test
    void theWindowCarriesTheApplicationIconAtEverySize() throws Exception {
        ClientDriver alice = window("alice");
        List<Double> widths = new ArrayList<>();
        robot.interact(() -> alice.stage.getIcons().forEach(icon -> widths.add(icon.getWidth())));
        assertEquals(List.of(16.0, 24.0, 32.0, 48.0, 64.0, 128.0, 256.0, 512.0), widths);
    }

    @Test
    void theFirstConnectionShowsTheServersFingerprintAndAcceptingItLogsIn() throws Exception {
        server.createAccount("alice", Role.USER);
        ClientDriver alice = windowWithSettings(temp.resolve("settings-new"));
        alice.fillServer(server.port());
        alice.typeInto("user", "alice");
        alice.typeInto("password", TestServer.passwordOf("alice"));
        alice.pressEnter();
        alice.waitUntil("the client asks about the certificate", () -> alice.robot.lookup("#trust-dialog").tryQuery().isPresent());
        javafx.scene.control.Label shown = alice.robot.lookup("#trust-dialog-fingerprint").query();
        assertEquals(server.fingerprint().twoLines(), shown.getText());
        alice.snapshotOf(shown, SCREENSHOTS.resolve("fingerprint.png"));
        // Enter means Cancel: trusting must be a choice.
        assertTrue(((javafx.scene.control.Button) alice.robot.lookup("#trust-dialog-cancel").query()).isDefaultButton());
        assertFalse(((javafx.scene.control.Button) alice.robot.lookup("#trust-dialog-accept").query()).isDefaultButton());
        alice.robot.clickOn("#trust-dialog-cancel");
        alice.waitUntil("declining says nothing was sent", () -> alice.text("login-message").contains("nothing was sent"));
        assertTrue(alice.has("login-view"));

        alice.typeInto("password", TestServer.passwordOf("alice"));
        alice.pressEnter();
        alice.waitUntil("the question comes again", () -> alice.robot.lookup("#trust-dialog-accept").tryQuery().isPresent());
        alice.robot.clickOn("#trust-dialog-accept");
        alice.waitUntil("alice is in", () -> alice.has("chat-view"));
        assertEquals(java.util.Optional.of(server.fingerprint()),
                new SettingsStore(temp.resolve("settings-new")).load().pinFor("127.0.0.1", server.port()));
    }

    @Test
    void aUserChangesTheirPasswordFromTheChatViewAndOnlyTheNewOneWorks() throws Exception {
        ClientDriver bob = loggedIn("bob");
        bob.click("change-password");
        bob.waitUntil("the form opens", () -> bob.robot.lookup("#current-password").tryQuery().isPresent());
        bob.robot.clickOn("#current-password").write(TestServer.passwordOf("bob"));
        bob.robot.clickOn("#new-password").write("a much better password");
        bob.robot.clickOn("#repeat-password").write("a much better password");
        bob.robot.clickOn("#password-submit");
        bob.waitUntil("the server confirms", () -> bob.robot.lookup("#password-message").tryQuery()
                .map(n -> ((javafx.scene.control.Label) n).getText()).orElse("").equals("Your password was changed."));
        bob.robot.clickOn("#password-cancel");
        bob.click("log-out");
        bob.waitUntil("the login view is back", () -> bob.has("login-view"));
        bob.typeInto("password", TestServer.passwordOf("bob"));
        bob.pressEnter();
        bob.waitUntil("the old password is refused", () -> bob.text("login-message").contains("wrong"));
        bob.typeInto("password", "a much better password");
        bob.pressEnter();
        bob.waitUntil("the new one works", () -> bob.has("chat-view"));
    }

    @Test
    void aPlainConnectionToANoTlsServerIsMarkedNotEncrypted() throws Exception {
        try (TestServer plain = TestServer.start(temp.resolve("plain-server"), c -> c.withTls(chatroom.server.config.TlsConfig.off()))) {
            plain.createAccount("carol", Role.USER);
            ClientDriver carol = windowWithSettings(temp.resolve("settings-carol"));
            carol.fillServer(plain.port());
            carol.click("plain");
            assertTrue(carol.showing("plain-warning"));
            carol.typeInto("user", "carol");
            carol.typeInto("password", TestServer.passwordOf("carol"));
            carol.pressEnter();
            carol.waitUntil("carol is in", () -> carol.has("chat-view"));
            assertTrue(carol.showing("not-encrypted"));
            carol.click("log-out");
            carol.waitUntil("the login view is back", () -> carol.has("login-view"));
        }
        ClientDriver tls = loggedIn("dave");
        assertFalse(tls.showing("not-encrypted"));
    }

    @Test
    void theServersRefusalIsShownAsASentence() throws Exception {
        server.createAccount("alice", Role.USER);
        ClientDriver other = window("other");
        other.click("mode-register");
        other.fillServer(server.port());
        other.typeInto("user", "Alice");
        other.typeInto("password", "another password");
        other.typeInto("repeat", "another password");
        other.pressEnter();
        other.waitUntil("the refusal shows", () -> other.text("login-message").contains("taken"));
        assertTrue(other.has("login-view"));
    }

    @Test
    void twoPeopleChatAndBothSeeEveryMessageOnce() throws Exception {
        ClientDriver alice = loggedIn("alice");
        ClientDriver bob = loggedIn("bob");
        alice.say("Hi Bob!");
        bob.waitUntil("bob sees alice's message", () -> bob.messageTexts().contains("Hi Bob!"));
        bob.say("Hello Alice");
        alice.waitUntil("alice sees bob's answer", () -> alice.messageTexts().contains("Hello Alice"));
        alice.waitUntil("alice's own message is stored", () -> alice.lines().stream().noneMatch(l -> l.kind() == ChatLine.Kind.PENDING));
        assertEquals(List.of("Hi Bob!", "Hello Alice"), alice.messageTexts());
        assertEquals(List.of("Hi Bob!", "Hello Alice"), bob.messageTexts());
        alice.snapshot(SCREENSHOTS.resolve("chat.png"));
    }

    @Test
    void aDirectMessageReachesOnlyItsRecipient() throws Exception {
        ClientDriver alice = loggedIn("alice");
        ClientDriver bob = loggedIn("bob");
        ClientDriver carol = loggedIn("carol");
        alice.waitUntil("alice sees bob in the people panel", () -> alice.people().stream().anyMatch(m -> m.user().equals("bob")));
        // Double-click bob in the people panel opens the conversation.
        alice.robot.interact(alice.stage::toFront);
        alice.robot.doubleClickOn(alice.robot.from(alice.<Node>node("people")).lookup("bob").<Node>query());
        alice.waitUntil("the DM opens", () -> alice.text("conversation-title").equals("@ bob"));
        alice.say("Just between us");

        bob.waitUntil("bob has a conversation with alice", () -> bob.robot.from(bob.<Node>node("directs")).lookup("@ alice").tryQuery().isPresent());
        bob.robot.interact(bob.stage::toFront);
        bob.robot.clickOn(bob.robot.from(bob.<Node>node("directs")).lookup("@ alice").<Node>query());
        bob.waitUntil("bob reads the DM", () -> bob.messageTexts().contains("Just between us"));
        assertFalse(carol.messageTexts().contains("Just between us"));
        assertTrue(carol.robot.from(carol.<Node>node("directs")).lookup("@ alice").tryQuery().isEmpty());
    }

    @Test
    void aStatusChangeIsSeenByTheOthers() throws Exception {
        ClientDriver alice = loggedIn("alice");
        ClientDriver bob = loggedIn("bob");
        alice.robot.interact(() -> alice.<ComboBox<Status>>node("status").setValue(Status.BUSY));
        bob.waitUntil("bob sees alice busy", () -> bob.people().stream()
                .anyMatch(m -> m.user().equals("alice") && m.status() == Status.BUSY));
    }

    @Test
    void saveTranscriptWritesTheConversationToAFile() throws Exception {
        ClientDriver alice = loggedIn("alice");
        alice.say("First line");
        alice.say("Second line");
        alice.waitUntil("both are stored", () -> alice.lines().stream().filter(l -> l.kind() == ChatLine.Kind.MESSAGE).count() == 2);
        Path file = temp.resolve("lobby.md");
        alice.saveTo.set(file);
        alice.click("save-transcript");
        alice.waitUntil("the file is written", () -> Files.exists(file));
        String saved = Files.readString(file);
        assertTrue(saved.contains("# lobby") || saved.contains("lobby"), saved);
        assertTrue(saved.contains("First line") && saved.contains("Second line"), saved);
        alice.waitUntil("the window says where it went", () -> alice.text("notice").contains(file.toString()));
    }

    @Test
    void anAdminKicksAndBansThroughTheAdminView() throws Exception {
        server.createAccount("root", Role.ADMIN);
        ClientDriver root = window("root");
        root.logIn(server.port(), "root", TestServer.passwordOf("root"));
        ClientDriver bob = loggedIn("bob");

        root.click("open-admin");
        root.waitUntil("the users are listed", () -> usersIn(root).contains("bob"));
        root.snapshot(SCREENSHOTS.resolve("admin.png"));
        selectUser(root, "bob");
        root.click("admin-kick");
        // The reason field has the focus when the dialog opens: type straight away.
        root.waitUntil("the kick dialog asks for a reason", () -> root.robot.lookup("#kick-reason").tryQuery().map(Node::isFocused).orElse(false));
        root.robot.clickOn("#kick-reason").write("Take a break");
        root.robot.clickOn("Kick");
        bob.waitUntil("bob is back at the login view", () -> bob.has("login-view"));
        bob.waitUntil("bob reads why", () -> bob.text("login-message").equals("You were removed from the server by root: Take a break."));
        root.waitUntil("the admin sees the server's answer", () -> root.text("admin-result").equals("Kicked bob."));
        assertEquals(ConnectionState.DISCONNECTED, stateOf(bob), "a kicked client must not reconnect by itself");

        bob.typeInto("password", TestServer.passwordOf("bob"));
        bob.pressEnter();
        bob.waitUntil("bob is back", () -> bob.has("chat-view"));
        selectUser(root, "bob");
        root.click("admin-ban");
        root.waitUntil("the ban dialog asks for a reason", () -> root.robot.lookup("#ban-reason").tryQuery().map(Node::isFocused).orElse(false));
        root.robot.clickOn("#ban-reason").write("spam");
        root.robot.clickOn("Ban");
        bob.waitUntil("bob is banned to the login view", () -> bob.has("login-view"));
        bob.waitUntil("bob reads the ban", () -> bob.text("login-message").matches("You are banned until \\d\\d:\\d\\d: spam\\."));

        bob.typeInto("password", TestServer.passwordOf("bob"));
        bob.pressEnter();
        bob.waitUntil("the login is refused with the ban", () -> bob.text("login-message").startsWith("You are banned until"));
        assertTrue(bob.has("login-view"));
    }

    @Test
    void thereIsNoAdminViewForAPlainUser() throws Exception {
        ClientDriver bob = loggedIn("bob");
        assertFalse(bob.showing("open-admin"));
    }

    @Test
    void aMessageTypedWhileTheServerIsDownArrivesExactlyOnceAfterItRestarts() throws Exception {
        ClientDriver alice = loggedIn("alice");
        ClientDriver bob = loggedIn("bob");
        alice.say("before the restart");
        bob.waitUntil("bob has the first message", () -> bob.messageTexts().contains("before the restart"));

        server.stop();
        alice.waitUntil("alice sees the connection banner", () -> alice.showing("banner") && !alice.text("banner").isEmpty());
        alice.say("typed while offline");
        assertTrue(alice.lines().stream().anyMatch(l -> l.kind() == ChatLine.Kind.PENDING && l.text().equals("typed while offline")));

        server.startAgain();
        alice.waitUntil("alice is connected again", () -> stateOf(alice) == ConnectionState.CONNECTED);
        bob.waitUntil("bob gets the offline message", () -> bob.messageTexts().contains("typed while offline"));
        alice.waitUntil("alice's message is stored", () -> alice.lines().stream().noneMatch(l -> l.kind() == ChatLine.Kind.PENDING));
        assertEquals(List.of("before the restart", "typed while offline"), bob.messageTexts());
        assertEquals(List.of("before the restart", "typed while offline"), alice.messageTexts());
    }

    @Test
    void aMessageTypedWhileTheServerIsDownSurvivesClosingTheClientAndArrivesOnceAfterTheNextLogin() throws Exception {
        ClientDriver alice = loggedIn("alice");
        ClientDriver bob = loggedIn("bob");
        int port = server.port();
        String text = "kept over a restart";

        server.stop();
        alice.waitUntil("alice sees the connection banner", () -> alice.showing("banner") && !alice.text("banner").isEmpty());
        alice.say(text);
        assertTrue(alice.lines().stream().anyMatch(l -> l.kind() == ChatLine.Kind.PENDING && l.text().equals(text)));
        Path aliceSettings = temp.resolve("settings-alice");
        OutboxStore outbox = new OutboxStore(aliceSettings);
        OutboxKey key = new OutboxKey("127.0.0.1", port, "alice");
        // Closed at once: what ChatApp.stop does makes sure the queued write still lands.
        alice.close();
        windows.remove(alice);
        assertTrue(alice.window.awaitWrites(Duration.ofSeconds(5)), "client-io finishes its queue");
        assertEquals(List.of(text), outbox.load(key).stream().map(PendingMessage::text).toList());

        server.startAgain();
        ClientDriver reopened = windowWithSettings(aliceSettings);
        reopened.logIn(port, "alice", TestServer.passwordOf("alice"));
        reopened.waitUntil("the restored message is stored", () -> reopened.messageTexts().contains(text)
                && reopened.lines().stream().noneMatch(l -> l.kind() == ChatLine.Kind.PENDING));
        bob.waitUntil("bob gets it", () -> bob.messageTexts().contains(text));
        reopened.waitUntil("nothing is left to send", () -> !Files.exists(outbox.file(key)));

        assertEquals(1, reopened.messageTexts().stream().filter(text::equals).count());
        assertEquals(1, bob.messageTexts().stream().filter(text::equals).count());
        HistoryPage history = server.loginAs("reader", Role.USER).request(
                id -> new HistoryRequest(id, "lobby", null, null, 0L, 200), HistoryPage.class);
        assertEquals(1, history.messages().stream().filter(m -> m.text().equals(text)).count());
    }

    private static ConnectionState stateOf(ClientDriver d) {
        java.util.concurrent.atomic.AtomicReference<ConnectionState> s = new java.util.concurrent.atomic.AtomicReference<>();
        d.robot.interact(() -> s.set(d.window.service().state()));
        return s.get();
    }

    private static List<String> usersIn(ClientDriver d) {
        java.util.concurrent.atomic.AtomicReference<List<String>> users = new java.util.concurrent.atomic.AtomicReference<>();
        d.robot.interact(() -> users.set(d.<TableView<chatroom.common.protocol.UserInfo>>node("admin-users").getItems()
                .stream().map(chatroom.common.protocol.UserInfo::user).toList()));
        return users.get();
    }

    private static void selectUser(ClientDriver d, String user) {
        d.waitUntil(user + " is listed", () -> usersIn(d).contains(user));
        d.robot.interact(() -> {
            TableView<chatroom.common.protocol.UserInfo> table = d.node("admin-users");
            table.getItems().stream().filter(u -> u.user().equals(user)).findFirst().ifPresent(u -> table.getSelectionModel().select(u));
        });
    }
}
