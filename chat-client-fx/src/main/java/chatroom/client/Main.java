package chatroom.client;

import javafx.application.Application;

/**
 * The launcher. It is not an {@link Application} subclass on purpose: the JavaFX launcher refuses to
 * start an Application main class from the class path, and this one works either way.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Application.launch(ChatApp.class, args);
    }
}
