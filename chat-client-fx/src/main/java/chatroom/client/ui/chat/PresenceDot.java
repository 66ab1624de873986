package chatroom.client.ui.chat;

import chatroom.common.model.Status;
import javafx.scene.shape.Circle;

/** The small coloured circle before a name: green online, amber away, red busy, hollow offline. */
final class PresenceDot {
    private PresenceDot() {}

    static Circle of(Status status) {
        Circle dot = new Circle(4.5);
        dot.getStyleClass().addAll("presence-dot", status.wireName());
        return dot;
    }

    static String describe(Status status) {
        return switch (status) {
            case ONLINE -> "Online";
            case AWAY -> "Away";
            case BUSY -> "Busy: notifications off";
            case OFFLINE -> "Offline";
        };
    }
}
