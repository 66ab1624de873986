package chatroom.client;

import chatroom.client.notify.DesktopNotifier;
import chatroom.client.settings.SettingsStore;
import chatroom.client.ui.ClientWindow;
import java.time.Duration;
import javafx.application.Application;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: one window, wired by {@link ClientWindow}. */
public final class ChatApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(ChatApp.class);
    /** Long enough for any healthy disk; a hung one must not keep the process from ending. */
    private static final Duration FINAL_WRITES = Duration.ofSeconds(5);

    private ClientWindow window;

    @Override
    public void start(Stage stage) {
        SettingsStore settings = SettingsStore.forCurrentUser();
        window = new ClientWindow(stage, ClientWindow.Options.defaults(settings, DesktopNotifier.forThisPlatform()));
        stage.show();
        // One line a support question can start from; the packaged app's smoke test also waits for it.
        log.info("Chatroom {} started (settings in {})", version(), settings.directory());
    }

    private static String version() {
        String v = ChatApp.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    /**
     * Runs on the FX thread after the window has closed, so waiting here freezes nothing the user
     * can see; it makes sure the last outbox and settings writes reach the disk before the JVM exits.
     */
    @Override
    public void stop() {
        if (window != null && !window.awaitWrites(FINAL_WRITES)) {
            log.warn("Some settings or unsent messages may not have been saved: "
                    + "the disk did not finish within {} s.", FINAL_WRITES.toSeconds());
        }
    }
}
