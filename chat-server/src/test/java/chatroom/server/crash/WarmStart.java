package chatroom.server.crash;

import chatroom.server.Main;
import chatroom.server.cli.ServerCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.SSLContext;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The child JVM's entry point. It boots while the previous server is still running (or being
 * killed), then becomes the real server, {@link Main} with the same arguments, when the test
 * writes {@code go} to its standard input. Until then it touches neither the data folder nor
 * anything that logs, so the server's own start is unchanged: only the JVM is warm.
 *
 * <p>Most of a cold start is class loading and the JIT, and a cold JVM needs about three times as
 * long for a PBKDF2 hash as a warm one; every login hashes. Warming here takes that off the path
 * from a kill to the next server's first login, where a cold start would otherwise sit.
 */
public final class WarmStart {
    private WarmStart() {
    }

    public static void main(String[] args) throws Exception {
        warmUp();
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (!"go".equals(line)) return; // the test went away: never start a server nobody will stop
        Main.main(args);
    }

    private static void warmUp() throws GeneralSecurityException {
        ServerCommand.commandLine();
        SSLContext.getInstance("TLS").init(null, null, null);
        new JcaX509CertificateConverter();
        new JcaPEMKeyConverter();
        // The JDK code PasswordHasher runs, at full length: a shorter warm-up leaves the loop that
        // matters to be compiled again, and the first real hash is as slow as a cold one.
        SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec("warm-up".toCharArray(), new byte[16], 600_000, 256)).getEncoded();
    }
}
