package chatroom.server.command;

/** Wire conventions for optional text: an empty value is left out of the frame, not sent as "". */
public final class Texts {
    private Texts() {
    }

    /** {@code null} for null or empty text, otherwise the text. */
    public static String orNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
