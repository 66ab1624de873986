package chatroom.common.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The SHA-256 fingerprint of a certificate: the digest of its DER encoding, the same value
 * {@code openssl x509 -noout -fingerprint -sha256} prints. The server prints it at start and the
 * client pins it per server, so people compare it by eye: {@link #toString()} shows sixteen groups
 * of four hex digits, and {@link #parse} accepts that, OpenSSL's colon form, or bare hex.
 *
 * @param hex the 64 upper-case hex digits of the digest, without separators
 */
public record Fingerprint(String hex) {
    private static final int HEX_DIGITS = 64;

    public Fingerprint {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != HEX_DIGITS || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
            throw new IllegalArgumentException("A SHA-256 fingerprint is 64 upper-case hex digits, not '" + hex + "'.");
        }
    }

    /** The fingerprint of {@code certificate}. */
    public static Fingerprint of(Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return new Fingerprint(HexFormat.of().withUpperCase().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("The certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a fingerprint as a person might paste it: any case, with or without spaces, colons or a
     * {@code SHA256:} / {@code sha256 Fingerprint=} prefix.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong
     */
    public static Fingerprint parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        int equals = s.lastIndexOf('=');
        if (equals >= 0) s = s.substring(equals + 1);
        if (s.regionMatches(true, 0, "SHA256:", 0, 7)) s = s.substring(7);
        String digits = s.replaceAll("[\\s:]", "").toUpperCase(Locale.ROOT);
        if (digits.length() != HEX_DIGITS || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a SHA-256 fingerprint: that is 64 hex "
                    + "digits (0-9, A-F), as the server prints at start.");
        }
        return new Fingerprint(digits);
    }

    /** OpenSSL's form, {@code AB:CD:...}, for comparing with its output. */
    public String colonSeparated() {
        StringBuilder out = new StringBuilder(HEX_DIGITS * 3 / 2);
        for (int i = 0; i < HEX_DIGITS; i += 2) {
            if (i > 0) out.append(':');
            out.append(hex, i, i + 2);
        }
        return out.toString();
    }

    /** Sixteen groups of four hex digits, e.g. {@code 3F2A 9C01 ...}: easy to read aloud and compare. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(HEX_DIGITS + 15);
        for (int i = 0; i < HEX_DIGITS; i += 4) {
            if (i > 0) out.append(' ');
            out.append(hex, i, i + 4);
        }
        return out.toString();
    }

    /** {@link #toString()} in two lines of eight groups, for dialogs. */
    public String twoLines() {
        String grouped = toString();
        int middle = 8 * 5 - 1;
        return grouped.substring(0, middle) + "\n" + grouped.substring(middle + 1);
    }
}
