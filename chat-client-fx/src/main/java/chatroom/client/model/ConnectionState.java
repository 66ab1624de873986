package chatroom.client.model;

/** Where the client's link to the server stands, as the banner shows it. */
public enum ConnectionState {
    /** Not logged in: the login view is showing. */
    DISCONNECTED,
    /** The first connection and login are under way. */
    CONNECTING,
    /** Logged in and in sync. */
    CONNECTED,
    /** The link dropped; the client is waiting to retry or retrying. */
    RECONNECTING
}
