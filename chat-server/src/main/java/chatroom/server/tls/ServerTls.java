package chatroom.server.tls;

import chatroom.common.tls.Fingerprint;
import chatroom.common.tls.TlsProtocols;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS for accepted connections: the JDK's {@link SSLSocket} layered over the accepted socket, so
 * each connection keeps its one virtual reader thread and the handshake runs on it. TLS 1.3 is
 * preferred and 1.2 accepted; nothing older is offered, whatever the JDK's defaults.
 */
public final class ServerTls {
    private final SSLSocketFactory factory;
    private final SSLParameters parameters;
    private final Fingerprint fingerprint;

    private ServerTls(SSLSocketFactory factory, SSLParameters parameters, Fingerprint fingerprint) {
        this.factory = factory;
        this.parameters = parameters;
        this.fingerprint = fingerprint;
    }

    /** Builds the TLS context for {@code credentials}. */
    public static ServerTls create(ServerCredentials credentials) {
        try {
            char[] none = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", credentials.key(), none, credentials.chain().toArray(Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
            keys.init(store, none);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            SSLParameters parameters = context.getDefaultSSLParameters();
            parameters.setProtocols(TlsProtocols.supportedBy(context));
            parameters.setUseCipherSuitesOrder(true);
            parameters.setNeedClientAuth(false);
            return new ServerTls(context.getSocketFactory(), parameters, credentials.fingerprint());
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsException("Cannot set up TLS with the server's certificate (" + credentials.origin() + "): "
                    + e.getMessage(), e);
        }
    }

    /** The fingerprint of the certificate clients see. */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /**
     * Runs the server side of the handshake over {@code raw}. A peer that stalls is cut off after
     * {@code deadline}: the timer closes the raw socket, which a per-read timeout alone would not do
     * for a client sending one byte at a time.
     *
     * @throws IOException if the handshake fails or the deadline passes; {@code raw} is then closed
     */
    public SSLSocket handshake(Socket raw, Duration deadline, ScheduledExecutorService timers) throws IOException {
        ScheduledFuture<?> cutOff = timers.schedule(() -> closeQuietly(raw), deadline.toMillis(), TimeUnit.MILLISECONDS);
        try {
            SSLSocket socket = (SSLSocket) factory.createSocket(raw, null, true);
            socket.setSSLParameters(parameters);
            socket.setUseClientMode(false);
            socket.startHandshake();
            return socket;
        } catch (IOException | RuntimeException e) {
            closeQuietly(raw);
            throw e;
        } finally {
            cutOff.cancel(false);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all that is left to do; the handshake's own exception tells the story.
        }
    }
}
