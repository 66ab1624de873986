package chatroom.server.store;

/** The store is closing or closed (the server is shutting down); the work was not done. */
public final class StoreClosedException extends RuntimeException {
    /** Creates the exception. */
    public StoreClosedException() {
        super("The store is closed because the server is shutting down.");
    }
}
