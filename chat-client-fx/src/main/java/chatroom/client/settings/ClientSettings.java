package chatroom.client.settings;

import chatroom.common.tls.Fingerprint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the desktop client remembers between runs. Immutable: change it with the
 * {@code with...} methods and hand the result to {@link SettingsStore#save}.
 *
 * <p>The canonical constructor normalises rather than rejects what a window manager or an old file
 * can produce (a tiny window, duplicate or too many recent servers, duplicate pins), but rejects
 * values only a programming error can produce (nulls, an away delay out of range).
 *
 * @param recentServers    servers used recently, most recent first, without duplicates, at most
 *                         {@value #MAX_RECENT_SERVERS}
 * @param theme            the colour scheme
 * @param windowWidth      the main window's width, at least {@value #MIN_WINDOW_WIDTH}
 * @param windowHeight     the main window's height, at least {@value #MIN_WINDOW_HEIGHT}
 * @param awayAfterMinutes idle minutes before the client reports the user as away, 0 for never,
 *                         at most {@value #MAX_AWAY_AFTER_MINUTES}
 * @param notifications    whether to show desktop notifications for messages
 * @param pinnedServers    the servers whose certificate the user accepted (trust on first use), at
 *                         most one per host and port, the first one winning; oldest first. Unlike
 *                         the recent servers there is no limit: dropping a pin would quietly turn
 *                         the next connection into a "first use" again, where a swapped certificate
 *                         is only asked about instead of refused
 */
public record ClientSettings(List<ServerEntry> recentServers, Theme theme, double windowWidth, double windowHeight,
                             int awayAfterMinutes, boolean notifications, List<PinnedServer> pinnedServers) {

    /** How many recent servers are remembered; more would clutter the login form's list. */
    public static final int MAX_RECENT_SERVERS = 8;
    public static final Theme DEFAULT_THEME = Theme.LIGHT;
    public static final double DEFAULT_WINDOW_WIDTH = 1100;
    public static final double DEFAULT_WINDOW_HEIGHT = 720;
    /** Below this the chat layout (room list, messages, member list) no longer fits. */
    public static final double MIN_WINDOW_WIDTH = 760;
    public static final double MIN_WINDOW_HEIGHT = 520;
    public static final int DEFAULT_AWAY_AFTER_MINUTES = 5;
    public static final int MAX_AWAY_AFTER_MINUTES = 240;
    public static final boolean DEFAULT_NOTIFICATIONS = true;

    public ClientSettings {
        Objects.requireNonNull(recentServers, "recentServers");
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(pinnedServers, "pinnedServers");
        recentServers = normalise(recentServers);
        pinnedServers = normalisePins(pinnedServers);
        windowWidth = clampSize(windowWidth, DEFAULT_WINDOW_WIDTH, MIN_WINDOW_WIDTH);
        windowHeight = clampSize(windowHeight, DEFAULT_WINDOW_HEIGHT, MIN_WINDOW_HEIGHT);
        if (awayAfterMinutes < 0 || awayAfterMinutes > MAX_AWAY_AFTER_MINUTES) {
            throw new IllegalArgumentException("The away delay must be between 0 and " + MAX_AWAY_AFTER_MINUTES
                    + " minutes, not " + awayAfterMinutes + ".");
        }
    }

    /**
     * The settings of a first run: no recent servers, light theme, 1100 x 720, away after 5 minutes,
     * notifications on, no pinned certificates.
     */
    public static ClientSettings defaults() {
        return new ClientSettings(List.of(), DEFAULT_THEME, DEFAULT_WINDOW_WIDTH, DEFAULT_WINDOW_HEIGHT,
                DEFAULT_AWAY_AFTER_MINUTES, DEFAULT_NOTIFICATIONS, List.of());
    }

    /**
     * Remembers a successful connection: the server moves to (or is added at) the front, replacing
     * an older entry for the same host and port so its user name and plain flag are updated, and the
     * oldest entry drops off beyond {@value #MAX_RECENT_SERVERS}.
     */
    public ClientSettings withServerUsed(ServerEntry server) {
        Objects.requireNonNull(server, "server");
        List<ServerEntry> servers = new ArrayList<>(recentServers.size() + 1);
        servers.add(server);
        servers.addAll(recentServers);
        return new ClientSettings(servers, theme, windowWidth, windowHeight, awayAfterMinutes, notifications,
                pinnedServers);
    }

    public ClientSettings withTheme(Theme value) {
        return new ClientSettings(recentServers, value, windowWidth, windowHeight, awayAfterMinutes, notifications,
                pinnedServers);
    }

    /** The window size to restore next time; sizes below the minimum are raised to it. */
    public ClientSettings withWindowSize(double width, double height) {
        return new ClientSettings(recentServers, theme, width, height, awayAfterMinutes, notifications, pinnedServers);
    }

    /**
     * @throws IllegalArgumentException if {@code minutes} is outside 0 to {@value #MAX_AWAY_AFTER_MINUTES}
     */
    public ClientSettings withAwayAfterMinutes(int minutes) {
        return new ClientSettings(recentServers, theme, windowWidth, windowHeight, minutes, notifications,
                pinnedServers);
    }

    public ClientSettings withNotifications(boolean value) {
        return new ClientSettings(recentServers, theme, windowWidth, windowHeight, awayAfterMinutes, value,
                pinnedServers);
    }

    /**
     * Pins {@code fingerprint} for the server at {@code host} and {@code port}, replacing any earlier
     * pin for it: the user accepted it on first use, or confirmed a changed certificate. The pin
     * moves to the end, so the list stays oldest-confirmed first.
     *
     * @throws IllegalArgumentException if the host is blank or the port is outside 1 to 65535
     */
    public ClientSettings withPin(String host, int port, Fingerprint fingerprint) {
        PinnedServer pin = new PinnedServer(host, port, fingerprint);
        List<PinnedServer> pins = new ArrayList<>(pinnedServers.size() + 1);
        for (PinnedServer p : pinnedServers) {
            if (!p.sameServerAs(pin.host(), pin.port())) pins.add(p);
        }
        pins.add(pin);
        return new ClientSettings(recentServers, theme, windowWidth, windowHeight, awayAfterMinutes, notifications,
                pins);
    }

    /**
     * Forgets the pin for the server at {@code host} and {@code port}, if any, so the next connection
     * asks the user about its certificate again.
     */
    public ClientSettings withoutPin(String host, int port) {
        List<PinnedServer> pins = pinnedServers.stream().filter(p -> !p.sameServerAs(host, port)).toList();
        return new ClientSettings(recentServers, theme, windowWidth, windowHeight, awayAfterMinutes, notifications,
                pins);
    }

    /**
     * The fingerprint pinned for the server at {@code host} and {@code port}; empty when the user
     * has not accepted a certificate for it yet. The host is matched case-insensitively, brackets
     * around IPv6 literals are ignored, and the same host on another port is another server.
     */
    public Optional<Fingerprint> pinFor(String host, int port) {
        Objects.requireNonNull(host, "host");
        return pinnedServers.stream().filter(p -> p.sameServerAs(host, port)).findFirst()
                .map(PinnedServer::fingerprint);
    }

    /** The server used most recently, to pre-fill the login form. */
    public Optional<ServerEntry> lastServer() {
        return recentServers.isEmpty() ? Optional.empty() : Optional.of(recentServers.getFirst());
    }

    // Earlier entries win, so callers put the newest first and the stale duplicate is the one dropped.
    private static List<ServerEntry> normalise(List<ServerEntry> servers) {
        List<ServerEntry> kept = new ArrayList<>(Math.min(servers.size(), MAX_RECENT_SERVERS));
        for (ServerEntry candidate : servers) {
            Objects.requireNonNull(candidate, "recentServers contains null");
            if (kept.size() == MAX_RECENT_SERVERS) break;
            if (kept.stream().noneMatch(candidate::sameServerAs)) kept.add(candidate);
        }
        return List.copyOf(kept);
    }

    // Earlier pins win, matching the recent servers; withPin removes the old pin itself, so this only
    // settles duplicates from a hand-edited file. No cap, see the record's Javadoc, hence a set rather
    // than comparing every pair: that made a few thousand pins noticeably slow to change.
    private static List<PinnedServer> normalisePins(List<PinnedServer> pins) {
        List<PinnedServer> kept = new ArrayList<>(pins.size());
        Set<String> seen = new HashSet<>();
        for (PinnedServer candidate : pins) {
            Objects.requireNonNull(candidate, "pinnedServers contains null");
            if (seen.add(Hosts.key(candidate.host(), candidate.port()))) kept.add(candidate);
        }
        return List.copyOf(kept);
    }

    // A NaN or infinite size (a window that was never shown) would break the layout, so it means "default".
    private static double clampSize(double value, double fallback, double minimum) {
        return Double.isFinite(value) ? Math.max(value, minimum) : fallback;
    }
}
