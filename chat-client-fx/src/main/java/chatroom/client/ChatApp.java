package chatroom.client;

import chatroom.client.notify.DesktopNotifier;
import chatroom.client.settings.SettingsStore;
import chatroom.client.ui.ClientWindow;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: one window, wired by {@link ClientWindow}. */
public final class ChatApp extends Application {
    @Override
    public void start(Stage stage) {
        new ClientWindow(stage, ClientWindow.Options.defaults(SettingsStore.forCurrentUser(), DesktopNotifier.forThisPlatform()));
        stage.show();
    }
}
