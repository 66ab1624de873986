package chatroom.common.testing;

import chatroom.common.tls.TlsProtocols;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** TLS client sockets for tests that trust whatever certificate the server shows. */
public final class TrustAnyTls {
    private TrustAnyTls() {
    }

    /** A client context that accepts any server certificate. */
    public static SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Connects and completes the handshake with the versions the product allows. */
    public static SSLSocket connect(String host, int port, String... protocols) throws IOException {
        SSLContext context = context();
        return handshake(context, (SSLSocket) context.getSocketFactory().createSocket(host, port), protocols);
    }

    /**
     * Like {@link #connect} but from the local address {@code from} (any 127.x.y.z works on
     * Linux), so a test can be several IP addresses at once.
     */
    public static SSLSocket connectFrom(java.net.InetAddress from, String host, int port) throws IOException {
        SSLContext context = context();
        return handshake(context, (SSLSocket) context.getSocketFactory().createSocket(host, port, from, 0));
    }

    private static SSLSocket handshake(SSLContext context, SSLSocket socket, String... protocols) throws IOException {
        socket.setEnabledProtocols(protocols.length > 0 ? protocols : TlsProtocols.supportedBy(context));
        socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
        socket.startHandshake();
        socket.setSoTimeout(0);
        return socket;
    }
}
