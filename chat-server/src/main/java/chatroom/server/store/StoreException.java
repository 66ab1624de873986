package chatroom.server.store;

/** The store failed: the database could not be opened, read or written. */
public final class StoreException extends RuntimeException {
    /** Wraps the underlying failure. */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure without an underlying exception. */
    public StoreException(String message) {
        super(message);
    }
}
