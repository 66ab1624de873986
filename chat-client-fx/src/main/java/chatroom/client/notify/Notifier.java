package chatroom.client.notify;

/** Gets the user's attention for a direct message or a mention while the window is in the background. */
@FunctionalInterface
public interface Notifier {
    /** Shows {@code title} and {@code body}; must return at once (platform work happens elsewhere). */
    void notify(String title, String body);
}
