package chatroom.client.settings;

/** The colour scheme of the client window. */
public enum Theme {
    LIGHT,
    DARK
}
