package chatroom.client.settings;

import static java.nio.charset.StandardCharsets.UTF_8;

import chatroom.common.model.Names;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * Whose unsent messages a file holds: one account on one server. Messages are kept per key and
 * only ever restored for the same key, so a message is never sent to another server or as another
 * user. The fields are canonical, so record equality is the identity that matters.
 *
 * @param host the server's host name or address, without the brackets of an IPv6 literal, in lower
 *             case (host names are case-insensitive)
 * @param port the server's port
 * @param user the account's {@linkplain Names#key name key}, so every spelling the server accepts
 *             for one account ({@code Bob}, {@code bob}) is the same key
 */
public record OutboxKey(String host, int port, String user) {
    private static final int SLUG_LENGTH = 40;

    public OutboxKey {
        host = Hosts.normalise(Objects.requireNonNull(host, "host")).toLowerCase(Locale.ROOT);
        Hosts.checkPort(port);
        Objects.requireNonNull(user, "user");
        if (user.isBlank()) throw new IllegalArgumentException("The user name must not be blank.");
        user = Names.key(user);
    }

    /**
     * The file's name: readable enough to find by eye ({@code 127_0_0_1-7447-bob-…json}), and made
     * unique by a hash of the exact key, because the readable part has to drop characters that are
     * not safe in file names on every platform (IPv6 colons, non-ASCII letters).
     */
    public String fileName() {
        return slug(host) + "-" + port + "-" + slug(user) + "-" + hash() + ".json";
    }

    /** For log lines: {@code bob at 127.0.0.1:7447}. */
    public String label() {
        return user + " at " + Hosts.label(host, port);
    }

    // Dots become '_' too: Windows treats a first part like "con." as a device name.
    private static String slug(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), SLUG_LENGTH));
        for (int i = 0; i < value.length() && out.length() < SLUG_LENGTH; i++) {
            char c = value.charAt(i);
            out.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ? c : '_');
        }
        return out.toString();
    }

    private String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((host + "\n" + port + "\n" + user).getBytes(UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
