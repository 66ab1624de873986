package chatroom.server.config;

/** A setting is missing, malformed or out of range; the message says which and what to do. */
public final class ConfigException extends RuntimeException {
    /** Creates the exception with a sentence for the person starting the server. */
    public ConfigException(String message) {
        super(message);
    }
}
