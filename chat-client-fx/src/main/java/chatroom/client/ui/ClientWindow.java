package chatroom.client.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import chatroom.client.notify.Notifier;
import chatroom.client.service.Backoff;
import chatroom.client.service.BackgroundOutboxPersistence;
import chatroom.client.service.ChatService;
import chatroom.client.service.NetworkChatService;
import chatroom.client.service.SettingsService;
import chatroom.client.settings.ClientSettings;
import chatroom.client.settings.OutboxStore;
import chatroom.client.settings.SettingsStore;
import chatroom.client.settings.Theme;
import chatroom.client.ui.chat.ChatView;
import chatroom.client.ui.chat.ChatViewModel;
import chatroom.client.ui.login.LoginView;
import chatroom.client.ui.login.LoginViewModel;
import chatroom.common.protocol.Welcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client window and everything behind it: the composition root of the desktop client. It wires
 * the service, settings and ViewModels, and swaps the login and chat views in one scene. The app
 * makes one; end-to-end tests make several in one JVM, each with its own settings folder.
 */
public final class ClientWindow {
    private static final Logger log = LoggerFactory.getLogger(ClientWindow.class);
    private static final String STYLESHEET = Objects.requireNonNull(
            ClientWindow.class.getResource("chat.css"), "chat.css is missing from the build").toExternalForm();

    /** Everything a window needs from outside; tests replace the save dialog and the notifier. */
    public record Options(SettingsStore settingsStore, Notifier notifier, Clock clock, ChatView.SaveLocation saveLocation,
                          Backoff backoff) {
        public static Options defaults(SettingsStore store, Notifier notifier) {
            return new Options(store, notifier, Clock.systemDefaultZone(), ClientWindow::chooseFile, Backoff.standard());
        }
    }

    private final Stage stage;
    private final Options options;
    private final SettingsService settings;
    private final ScheduledExecutorService timer;
    private final ExecutorService background;
    private final ChatService service;
    private final Scene scene;
    private ChatView chatView;
    private ChatViewModel chatViewModel;
    private LoginView loginView;
    private LoginViewModel loginViewModel;

    public ClientWindow(Stage stage, Options options) {
        this.stage = stage;
        this.options = options;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("client-timer").factory());
        this.background = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("client-io").factory());
        ClientSettings initial = options.settingsStore().load();
        this.settings = new SettingsService(options.settingsStore(), initial, background);
        // The unsent messages live next to the settings and go through the same serial writer.
        var outbox = new BackgroundOutboxPersistence(new OutboxStore(options.settingsStore().directory()), background);
        this.service = new NetworkChatService(FxExecutor.INSTANCE, NetworkChatService.tcp(),
                address -> settings.current().pinFor(address.host(), address.port()), timer, options.backoff(), options.clock(),
                outbox);
        this.scene = new Scene(new javafx.scene.layout.StackPane(), initial.windowWidth(), initial.windowHeight());
        scene.getStylesheets().add(STYLESHEET);
        applyTheme(initial.theme());
        stage.setTitle("Chatroom");
        stage.getIcons().setAll(AppIcon.all());
        stage.setMinWidth(ClientSettings.MIN_WINDOW_WIDTH);
        stage.setMinHeight(ClientSettings.MIN_WINDOW_HEIGHT);
        stage.setScene(scene);
        stage.setOnHidden(e -> close());
        showLogin(null);
    }

    public Stage stage() {
        return stage;
    }

    /** The service behind this window (tests look at its state). */
    public ChatService service() {
        return service;
    }

    private void showLogin(String reason) {
        if (chatView != null) {
            chatView.dispose();
            chatView = null;
            chatViewModel = null;
        }
        loginViewModel = new LoginViewModel(service, settings, this::showChat);
        if (reason != null) loginViewModel.showEnded(reason);
        loginView = new LoginView(loginViewModel);
        setRoot(loginView.root());
        stage.setTitle("Chatroom");
        loginView.focusFirstField();
        log.debug("Showing the login view");
    }

    private void showChat(Welcome welcome, ChatService chat) {
        ClientSettings s = settings.current();
        chatViewModel = new ChatViewModel(chat, options.notifier(), options.clock(), background, FxExecutor.INSTANCE,
                reason -> showLogin(reason));
        chatViewModel.awayAfterMinutesProperty().set(s.awayAfterMinutes());
        chatViewModel.notificationsEnabledProperty().set(s.notifications());
        chatViewModel.windowFocusedProperty().bind(stage.focusedProperty());
        chatViewModel.start(welcome);
        chatView = new ChatView(chatViewModel, options.saveLocation(), this::toggleTheme);
        setRoot(chatView.root());
        stage.setTitle("Chatroom: " + welcome.user() + " @ " + chat.address());
        chatView.focusComposer();
        log.debug("Showing the chat view for {} at {}", welcome.user(), chat.address());
    }

    private void setRoot(Parent root) {
        scene.setRoot(root);
    }

    private void toggleTheme() {
        Theme next = settings.current().theme() == Theme.DARK ? Theme.LIGHT : Theme.DARK;
        settings.update(s -> s.withTheme(next));
        applyTheme(next);
    }

    private static void applyTheme(Theme theme) {
        Application.setUserAgentStylesheet(switch (theme) {
            case LIGHT -> new PrimerLight().getUserAgentStylesheet();
            case DARK -> new PrimerDark().getUserAgentStylesheet();
        });
    }

    private void close() {
        settings.update(s -> s.withWindowSize(scene.getWidth(), scene.getHeight()));
        if (service.state() != chatroom.client.model.ConnectionState.DISCONNECTED) service.logOut();
        if (chatView != null) chatView.dispose();
        background.shutdown();
        timer.shutdown();
    }

    /**
     * Waits, at most {@code limit}, until the files this window queued (settings, unsent messages)
     * are written. For the application's exit only: {@code client-io} is a daemon thread, so the JVM
     * would otherwise stop it mid-queue, and a message typed just before closing would be lost.
     *
     * @return whether everything was written in time
     */
    public boolean awaitWrites(Duration limit) {
        background.shutdown();
        try {
            return background.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Optional<Path> chooseFile(Window owner, String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save transcript");
        chooser.setInitialFileName(suggestedName);
        for (var format : chatroom.client.transcript.TranscriptFormat.values()) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                    format.description() + " (*." + format.extension() + ")", "*." + format.extension()));
        }
        return Optional.ofNullable(chooser.showSaveDialog(owner)).map(java.io.File::toPath);
    }
}
