package chatroom.client.settings;

import java.util.Locale;

/**
 * The host and port rules shared by {@link ServerEntry} and {@link PinnedServer}, kept in one place
 * because a pin is looked up by the same host the user typed for the recent server: if the two
 * normalised differently, a remembered server could miss its own pin.
 */
final class Hosts {
    private Hosts() {
    }

    /**
     * The host without surrounding spaces or the brackets of an IPv6 literal in URL form
     * ({@code [fe80::1]}), so that each server has one spelling. Does not reject anything.
     */
    static String strip(String host) {
        String h = host.strip();
        if (h.length() >= 2 && h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1).strip();
        }
        return h;
    }

    /** {@link #strip} that also rejects a host that is blank once stripped. */
    static String normalise(String host) {
        String h = strip(host);
        if (h.isEmpty()) {
            throw new IllegalArgumentException("The host must not be blank.");
        }
        return h;
    }

    static void checkPort(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("The port must be between 1 and 65535, not " + port + ".");
        }
    }

    /** Host names are case-insensitive (RFC 4343); IPv6 literals may use either case for hex digits. */
    static boolean same(String a, String b) {
        return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }

    /**
     * A key equal for exactly the host and port pairs {@link #same} treats as one server, so lists
     * that are not capped (the pins) can be de-duplicated with a hash set instead of comparing every
     * pair.
     */
    static String key(String host, int port) {
        return strip(host).toLowerCase(Locale.ROOT) + " " + port;
    }

    /** {@code host:port}, with IPv6 literals in brackets ({@code [fe80::1]:7447}) because the bare form would be ambiguous. */
    static String label(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
