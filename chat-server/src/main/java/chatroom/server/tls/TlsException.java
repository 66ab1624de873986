package chatroom.server.tls;

/**
 * The server's certificate or key cannot be made, read or used. The message is a sentence for the
 * admin that names the file and what to do; the server does not start without TLS by accident.
 */
public final class TlsException extends RuntimeException {
    public TlsException(String message) {
        super(message);
    }

    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
