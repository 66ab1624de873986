package chatroom.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Chatroom's own protocol (docs/protocol.md), plain or over TLS. Users register (or log in when
 * the account exists) with a fixed password; a room is joined with {@code join}, which creates it
 * if needed. The generator trusts any certificate: it measures, it does not pin.
 */
public record ChatWire(boolean tls) implements Wire {
    static final String PASSWORD = "bench-password-1234";
    /** Makes message ids unique across runs, since the server treats a reused id as a retry. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final SSLContext TRUST_ALL = trustAll();
    private static final byte[] TEXT_FIELD = "\"text\":\"".getBytes(StandardCharsets.US_ASCII);
    /** {@code ","ts":"2026-11-21T10:15:30.123Z"}}: what follows the text. */
    private static final int TS_FIELD_LENGTH = 34;
    private static final byte[] MESSAGE = "{\"type\":\"message\"".getBytes(StandardCharsets.US_ASCII);

    @Override
    public Client connect(InetSocketAddress address, int bufferSize) throws IOException {
        return tls ? new Client(secure(Wire.openChannel(address, 0).socket(), address), bufferSize) : Wire.super.connect(address, bufferSize);
    }

    @Override
    public Client connectStalling(InetSocketAddress address, int receiveBuffer) throws IOException {
        return tls ? new Client(secure(Wire.openChannel(address, receiveBuffer).socket(), address), 4096)
                : Wire.super.connectStalling(address, receiveBuffer);
    }

    private static Socket secure(Socket raw, InetSocketAddress address) throws IOException {
        SSLSocket s = (SSLSocket) TRUST_ALL.getSocketFactory().createSocket(raw, address.getHostString(),
                address.getPort(), true);
        s.startHandshake();
        return s;
    }

    @Override
    public void login(Client c, String nick) throws IOException {
        c.await("\"type\":\"hello\"", this);
        c.write("{\"type\":\"register\",\"id\":\"r\",\"user\":\"" + nick + "\",\"password\":\"" + PASSWORD + "\"}\n");
        String reply = c.await("\"re\":\"r\"", this);
        if (reply.contains("\"user_exists\"")) {
            c.write("{\"type\":\"login\",\"id\":\"l\",\"user\":\"" + nick + "\",\"password\":\"" + PASSWORD + "\"}\n");
            reply = c.await("\"re\":\"l\"", this);
        }
        if (!reply.contains("\"type\":\"welcome\"")) throw new IOException("Login as " + nick + " failed: " + reply);
    }

    @Override
    public void join(Client c, String room) throws IOException {
        c.write("{\"type\":\"join\",\"id\":\"j\",\"room\":\"" + room + "\"}\n");
        String reply = c.await("\"re\":\"j\"", this);
        if (!reply.contains("\"type\":\"joined\"")) throw new IOException("Joining " + room + " failed: " + reply);
    }

    @Override
    public byte[] message(String room, long seq, String text) {
        return ("{\"type\":\"say\",\"id\":\"" + RUN + "-" + seq + "\",\"room\":\"" + room + "\",\"text\":\""
                + text + "\"}\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean text(Client c, int size, int[] span) {
        // The server writes type first and ts last, so a message line starts with MESSAGE and its
        // text ends a fixed distance before the line does.
        if (!c.lineStartsWith(MESSAGE)) return false;
        int mark = c.lineEnd - TS_FIELD_LENGTH - size;
        if (!c.isMark(mark)) mark = c.mark();
        if (mark < 0) return false;
        int end = Math.min(mark + size, c.lineEnd);
        if (mark < TEXT_FIELD.length || !c.regionEquals(mark - TEXT_FIELD.length, TEXT_FIELD)) return false;
        span[0] = mark;
        span[1] = end < c.lineEnd && c.buffer()[end] == '"' ? end : c.lineEnd;
        return true;
    }

    @Override
    public boolean echoes() {
        return true;
    }

    @Override
    public String label() {
        return tls ? "chat-tls" : "chat";
    }

    private static SSLContext trustAll() {
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
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JDK", e);
        }
    }
}
