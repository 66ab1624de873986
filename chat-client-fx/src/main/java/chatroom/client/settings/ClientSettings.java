package chatroom.client.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the desktop client remembers between runs. Immutable: change it with the
 * {@code with...} methods and hand the result to {@link SettingsStore#save}.
 *
 * <p>The canonical constructor normalises rather than rejects what a window manager or an old file
 * can produce (a tiny window, duplicate or too many recent servers), but rejects values only a
 * programming error can produce (nulls, an away delay out of range).
 *
 * @param recentServers    servers used recently, most recent first, without duplicates, at most
 *                         {@value #MAX_RECENT_SERVERS}
 * @param theme            the colour scheme
 * @param windowWidth      the main window's width, at least {@value #MIN_WINDOW_WIDTH}
 * @param windowHeight     the main window's height, at least {@value #MIN_WINDOW_HEIGHT}
 * @param awayAfterMinutes idle minutes before the client reports the user as away, 0 for never,
 *                         at most {@value #MAX_AWAY_AFTER_MINUTES}
 * @param notifications    whether to show desktop notifications for messages
 */
public record ClientSettings(List<ServerEntry> recentServers, Theme theme, double windowWidth, double windowHeight,
                             int awayAfterMinutes, boolean notifications) {

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
        recentServers = normalise(recentServers);
        windowWidth = clampSize(windowWidth, DEFAULT_WINDOW_WIDTH, MIN_WINDOW_WIDTH);
        windowHeight = clampSize(windowHeight, DEFAULT_WINDOW_HEIGHT, MIN_WINDOW_HEIGHT);
        if (awayAfterMinutes < 0 || awayAfterMinutes > MAX_AWAY_AFTER_MINUTES) {
            throw new IllegalArgumentException("The away delay must be between 0 and " + MAX_AWAY_AFTER_MINUTES
                    + " minutes, not " + awayAfterMinutes + ".");
        }
    }

    /** The settings of a first run: no recent servers, light theme, 1100 x 720, away after 5 minutes, notifications on. */
    public static ClientSettings defaults() {
        return new ClientSettings(List.of(), DEFAULT_THEME, DEFAULT_WINDOW_WIDTH, DEFAULT_WINDOW_HEIGHT,
                DEFAULT_AWAY_AFTER_MINUTES, DEFAULT_NOTIFICATIONS);
    }

    /**
     * Remembers a successful connection: the server moves to (or is added at) the front, replacing
     * an older entry for the same host and port so its user name is updated, and the oldest entry
     * drops off beyond {@value #MAX_RECENT_SERVERS}.
     */
    public ClientSettings withServerUsed(ServerEntry server) {
        Objects.requireNonNull(server, "server");
        List<ServerEntry> servers = new ArrayList<>(recentServers.size() + 1);
        servers.add(server);
        servers.addAll(recentServers);
        return new ClientSettings(servers, theme, windowWidth, windowHeight, awayAfterMinutes, notifications);
    }

    public ClientSettings withTheme(Theme value) {
        return new ClientSettings(recentServers, value, windowWidth, windowHeight, awayAfterMinutes, notifications);
    }

    /** The window size to restore next time; sizes below the minimum are raised to it. */
    public ClientSettings withWindowSize(double width, double height) {
        return new ClientSettings(recentServers, theme, width, height, awayAfterMinutes, notifications);
    }

    /**
     * @throws IllegalArgumentException if {@code minutes} is outside 0 to {@value #MAX_AWAY_AFTER_MINUTES}
     */
    public ClientSettings withAwayAfterMinutes(int minutes) {
        return new ClientSettings(recentServers, theme, windowWidth, windowHeight, minutes, notifications);
    }

    public ClientSettings withNotifications(boolean value) {
        return new ClientSettings(recentServers, theme, windowWidth, windowHeight, awayAfterMinutes, value);
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

    // A NaN or infinite size (a window that was never shown) would break the layout, so it means "default".
    private static double clampSize(double value, double fallback, double minimum) {
        return Double.isFinite(value) ? Math.max(value, minimum) : fallback;
    }
}
