package chatroom.server.session;

/** The account a session is logged in as: its id, display name and name key. */
public record SessionUser(long id, String name, String key) {
}
