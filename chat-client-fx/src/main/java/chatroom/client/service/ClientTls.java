package chatroom.client.service;

import chatroom.common.tls.Fingerprint;
import chatroom.common.tls.TlsProtocols;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The client side of TLS. Chatroom servers usually have a self-signed certificate, so trust is
 * not a CA's signature but the fingerprint the user accepted the first time (trust on first use,
 * as SSH does). The handshake therefore accepts any certificate, and {@link NetworkChatService}
 * compares the fingerprint with the pin before it reads or sends a single frame. The handshake
 * still proves the server holds the certificate's private key, which is what makes the pin mean
 * something.
 */
final class ClientTls {
    private static final SSLContext CONTEXT = context();

    private ClientTls() {
    }

    /**
     * Runs the handshake over the connected {@code raw} socket, within {@code timeoutMillis}.
     *
     * @throws IOException with a sentence for the user when the server does not speak TLS
     */
    static SSLSocket handshake(Socket raw, ServerAddress address, int timeoutMillis) throws IOException {
        SSLSocket socket = (SSLSocket) CONTEXT.getSocketFactory().createSocket(raw, address.host(), address.port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(TlsProtocols.supportedBy(CONTEXT));
        // The pin, not the name, identifies the server; a LAN address rarely matches a certificate anyway.
        parameters.setEndpointIdentificationAlgorithm(null);
        socket.setSSLParameters(parameters);
        int previous = raw.getSoTimeout();
        raw.setSoTimeout(timeoutMillis);
        try {
            socket.startHandshake();
        } catch (SSLException e) {
            throw new IOException(explain(address, e), e);
        }
        raw.setSoTimeout(previous);
        return socket;
    }

    /** The fingerprint of the certificate the server showed in the handshake. */
    static Fingerprint fingerprintOf(SSLSocket socket) throws IOException {
        Certificate[] chain = socket.getSession().getPeerCertificates();
        return Fingerprint.of(chain[0]);
    }

    private static String explain(ServerAddress address, SSLException e) {
        String text = String.valueOf(e.getMessage());
        if (text.contains("Unsupported or unrecognized SSL message") || text.contains("plaintext")) {
            return "the server at " + address + " does not use encryption. If its admin started it with --no-tls, "
                    + "tick \"Plain connection\". Nothing you typed was sent.";
        }
        if (text.contains("protocol_version") || text.contains("No appropriate protocol")) {
            return "the server at " + address + " offers only outdated TLS versions (this client needs TLS 1.2 or 1.3).";
        }
        return "the secure connection to " + address + " failed (" + text + "). Nothing you typed was sent.";
    }

    private static SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAndPinLater()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime cannot do TLS", e);
        }
    }

    /** Lets the handshake finish whatever the certificate; the pin check comes right after it. */
    private static final class AcceptAndPinLater implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("This client does not accept connections");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) throw new CertificateException("The server showed no certificate");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
