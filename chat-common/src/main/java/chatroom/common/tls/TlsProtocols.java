package chatroom.common.tls;

import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The TLS versions both sides speak: 1.3 preferred, 1.2 for older peers, nothing below. Set
 * explicitly rather than left to the JDK's defaults, which a {@code java.security} edit can widen.
 */
public final class TlsProtocols {
    /** In order of preference. */
    public static final List<String> ALLOWED = List.of("TLSv1.3", "TLSv1.2");

    private TlsProtocols() {
    }

    /** The allowed versions {@code context} supports, in order of preference. */
    public static String[] supportedBy(SSLContext context) {
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
        String[] protocols = ALLOWED.stream().filter(supported::contains).toArray(String[]::new);
        if (protocols.length == 0) throw new IllegalStateException("This Java runtime supports neither TLS 1.3 nor 1.2");
        return protocols;
    }
}
