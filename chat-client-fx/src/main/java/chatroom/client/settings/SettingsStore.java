package chatroom.client.settings;

import static java.nio.charset.StandardCharsets.UTF_8;

import chatroom.common.tls.Fingerprint;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link ClientSettings} as {@value #FILE_NAME} (Java properties, UTF-8) in a
 * per-user folder, usually {@link ConfigDirectory#resolve()}.
 *
 * <p>Loading never fails: a missing file gives the defaults, and a bad value falls back to that
 * setting's default with a warning, because a hand-edited or half-written file must not keep the
 * client from starting. A damaged pinned certificate is dropped the same way, which costs only a
 * question: the user is asked to confirm that server's certificate again, as on first use. Saving replaces the file atomically, so a crash mid-save leaves the previous
 * settings intact. Instances hold no state besides the folder and may be shared between threads;
 * concurrent saves do not corrupt the file, the last one wins.
 */
public final class SettingsStore {
    /** The settings file's name inside the folder. */
    public static final String FILE_NAME = "client.properties";

    static final String THEME = "theme";
    static final String WINDOW_WIDTH = "window.width";
    static final String WINDOW_HEIGHT = "window.height";
    static final String AWAY_AFTER_MINUTES = "away.after.minutes";
    static final String NOTIFICATIONS = "notifications";

    private static final Logger log = LoggerFactory.getLogger(SettingsStore.class);
    // Host and port are separate keys because "host:port" cannot be split reliably for IPv6 literals.
    private static final Pattern RECENT_KEY = Pattern.compile("recent\\.(\\d{1,3})\\.(host|port|user|plain)");
    // More digits than for recent servers: pins are not capped, so no index may be too long to be read back.
    private static final Pattern PINNED_KEY = Pattern.compile("pinned\\.(\\d{1,9})\\.(host|port|sha256)");
    private static final String ASK_AGAIN = "you will be asked to confirm that server's certificate again";

    private final Path directory;
    private final Path file;

    /** A store for the settings file in {@code directory}, which need not exist yet. */
    public SettingsStore(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.file = directory.resolve(FILE_NAME);
    }

    /** A store in this user's platform-specific config folder. */
    public static SettingsStore forCurrentUser() {
        return new SettingsStore(ConfigDirectory.resolve());
    }

    public Path directory() {
        return directory;
    }

    public Path file() {
        return file;
    }

    /**
     * Reads the settings. A missing file gives {@link ClientSettings#defaults()}; an unreadable file
     * also gives the defaults, and each invalid value gives that setting's default, each with one
     * warning naming the file and the key.
     */
    public ClientSettings load() {
        Properties properties = new Properties();
        // InputStreamReader replaces malformed UTF-8 instead of failing, so one bad byte costs at most one value.
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            log.debug("No settings file at {}; using the defaults.", file);
            return ClientSettings.defaults();
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Cannot read the settings file {}; using the defaults: {}", file, e.toString());
            return ClientSettings.defaults();
        }
        return parse(properties);
    }

    /**
     * Writes the settings, creating the folder (owner-only on POSIX file systems) if needed. The new
     * content goes to a temporary file in the same folder that then replaces {@value #FILE_NAME}, so
     * readers see either the old or the new file, never a partial one.
     *
     * @throws IOException if the folder cannot be created or the file cannot be written; the previous
     *                     file, if any, is left as it was and no temporary file is left behind
     */
    public void save(ClientSettings settings) throws IOException {
        Objects.requireNonNull(settings, "settings");
        byte[] content = format(settings).getBytes(UTF_8);
        if (AtomicFiles.createPrivateDirectory(directory)) log.info("Created the settings folder {}", directory);
        AtomicFiles.write(file, content);
        log.debug("Saved the settings to {}", file);
    }

    // ---- reading ------------------------------------------------------------------------------

    private ClientSettings parse(Properties properties) {
        ClientSettings defaults = ClientSettings.defaults();
        Values values = new Values(properties);
        return new ClientSettings(
                recentServers(properties, values),
                values.get(THEME, defaults.theme(), SettingsStore::parseTheme),
                values.get(WINDOW_WIDTH, defaults.windowWidth(), SettingsStore::parseSize),
                values.get(WINDOW_HEIGHT, defaults.windowHeight(), SettingsStore::parseSize),
                values.get(AWAY_AFTER_MINUTES, defaults.awayAfterMinutes(), SettingsStore::parseAwayMinutes),
                values.get(NOTIFICATIONS, defaults.notifications(), SettingsStore::parseBoolean),
                pinnedServers(properties, values));
    }

    private List<ServerEntry> recentServers(Properties properties, Values values) {
        List<ServerEntry> servers = new ArrayList<>();
        for (int i : indices(properties, RECENT_KEY)) {
            String hostKey = recentKey(i, "host");
            String portKey = recentKey(i, "port");
            List<String> missing = Stream.of(hostKey, portKey).filter(k -> !properties.containsKey(k)).toList();
            if (!missing.isEmpty()) {
                log.warn("Ignoring a recent server in the settings file {}: {} missing.",
                        file, String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are"));
                continue;
            }
            String host = values.getOrSkip(hostKey, SettingsStore::parseHost);
            Integer port = values.getOrSkip(portKey, SettingsStore::parsePort);
            if (host == null || port == null) continue;
            // Unlike the other values the user name is not stripped: the writer escapes spaces, so it round-trips exactly.
            String user = properties.getProperty(recentKey(i, "user"), "");
            boolean plain = values.get(recentKey(i, "plain"), false, SettingsStore::parseBoolean);
            try {
                servers.add(new ServerEntry(host, port, user, plain));
            } catch (IllegalArgumentException e) {
                // ServerEntry has the last word on hosts (e.g. "[]" is blank once unbracketed); loading must not throw.
                log.warn("Ignoring {} in the settings file {}: {} Dropping this recent server.", hostKey, file, e.getMessage());
            }
        }
        return servers;
    }

    // Like the recent servers, but every problem is reported with what it costs: the user will have to
    // confirm the certificate again. A second pin for the same server is dropped, with a warning, so a
    // hand-added line can never quietly override (or be mistaken for) the pin the user accepted.
    private List<PinnedServer> pinnedServers(Properties properties, Values values) {
        List<PinnedServer> pins = new ArrayList<>();
        Set<String> pinned = new HashSet<>();
        for (int i : indices(properties, PINNED_KEY)) {
            String hostKey = pinnedKey(i, "host");
            String portKey = pinnedKey(i, "port");
            String sha256Key = pinnedKey(i, "sha256");
            List<String> missing = Stream.of(hostKey, portKey, sha256Key).filter(k -> !properties.containsKey(k)).toList();
            if (!missing.isEmpty()) {
                log.warn("Ignoring a pinned certificate in the settings file {}: {} missing; {}.",
                        file, String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are"), ASK_AGAIN);
                continue;
            }
            String host = values.getOrSkip(hostKey, SettingsStore::parseHost, ASK_AGAIN);
            Integer port = values.getOrSkip(portKey, SettingsStore::parsePort, ASK_AGAIN);
            Fingerprint fingerprint = values.getOrSkip(sha256Key, SettingsStore::parseFingerprint, ASK_AGAIN);
            if (host == null || port == null || fingerprint == null) continue;
            PinnedServer pin;
            try {
                pin = new PinnedServer(host, port, fingerprint);
            } catch (IllegalArgumentException e) {
                log.warn("Ignoring {} in the settings file {}: {} You will be asked to confirm that server's "
                        + "certificate again.", hostKey, file, e.getMessage());
                continue;
            }
            if (!pinned.add(Hosts.key(pin.host(), pin.port()))) {
                log.warn("Ignoring {} in the settings file {}: an earlier entry already pins {}, and that one is kept.",
                        hostKey, file, pin.label());
                continue;
            }
            pins.add(pin);
        }
        return pins;
    }

    // Indices are collected rather than counted up from 0, so a hand-deleted entry does not hide the later ones.
    private static SortedSet<Integer> indices(Properties properties, Pattern keys) {
        SortedSet<Integer> indices = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher m = keys.matcher(key);
            if (m.matches()) indices.add(Integer.parseInt(m.group(1)));
        }
        return indices;
    }

    private static String recentKey(int index, String field) {
        return "recent." + index + "." + field;
    }

    private static String pinnedKey(int index, String field) {
        return "pinned." + index + "." + field;
    }

    /** Parses one value; throws IllegalArgumentException with a reason a user can act on. */
    @FunctionalInterface
    private interface Parser<T> {
        T parse(String value);
    }

    /** Looks up values and reports each bad one once, naming the file and the key. */
    private final class Values {
        private final Properties properties;

        Values(Properties properties) {
            this.properties = properties;
        }

        <T> T get(String key, T fallback, Parser<T> parser) {
            return parse(key, fallback, parser, "using the default " + fallback + " instead");
        }

        /** For a recent server's host or port: a bad one drops that server, there is no default. */
        <T> T getOrSkip(String key, Parser<T> parser) {
            return getOrSkip(key, parser, "dropping this recent server");
        }

        /** For a part of an entry without a default; {@code consequence} tells the user what dropping it costs. */
        <T> T getOrSkip(String key, Parser<T> parser, String consequence) {
            return parse(key, null, parser, consequence);
        }

        private <T> T parse(String key, T fallback, Parser<T> parser, String consequence) {
            String raw = properties.getProperty(key);
            if (raw == null) return fallback;
            try {
                return parser.parse(raw.strip());
            } catch (IllegalArgumentException e) {
                log.warn("Ignoring {} in the settings file {}: {}; {}.", key, file, e.getMessage(), consequence);
                return fallback;
            }
        }
    }

    private static Theme parseTheme(String value) {
        for (Theme theme : Theme.values()) {
            if (theme.name().equalsIgnoreCase(value)) return theme;
        }
        throw new IllegalArgumentException("'" + value + "' is not a theme (light or dark)");
    }

    private static double parseSize(String value) {
        double size;
        try {
            size = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number");
        }
        if (!Double.isFinite(size) || size <= 0) {
            throw new IllegalArgumentException("'" + value + "' is not a window size");
        }
        return size;
    }

    private static int parseAwayMinutes(String value) {
        int minutes = parseInt(value);
        if (minutes < 0 || minutes > ClientSettings.MAX_AWAY_AFTER_MINUTES) {
            throw new IllegalArgumentException(minutes + " is not between 0 and " + ClientSettings.MAX_AWAY_AFTER_MINUTES);
        }
        return minutes;
    }

    private static boolean parseBoolean(String value) {
        // Boolean.parseBoolean would silently turn a typo like "ture" into false.
        if (value.equalsIgnoreCase("true")) return true;
        if (value.equalsIgnoreCase("false")) return false;
        throw new IllegalArgumentException("'" + value + "' is not true or false");
    }

    private static String parseHost(String value) {
        if (value.isEmpty()) throw new IllegalArgumentException("the host is blank");
        return value;
    }

    // Fingerprint.parse also takes the grouped and colon forms, so a fingerprint pasted from the server's
    // output by hand is accepted; its own message ends in a full stop, which would clash with the warning's.
    private static Fingerprint parseFingerprint(String value) {
        try {
            return Fingerprint.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not a SHA-256 fingerprint (64 hex digits)");
        }
    }

    private static int parsePort(String value) {
        int port = parseInt(value);
        if (port < 1 || port > 65_535) throw new IllegalArgumentException(port + " is not a port (1 to 65535)");
        return port;
    }

    private static int parseInt(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number");
        }
    }

    // ---- writing ------------------------------------------------------------------------------

    // Written by hand rather than with Properties.store: that adds a timestamp and sorts the keys,
    // and a person opening the file should see it in a sensible order with a few words of explanation.
    private static String format(ClientSettings settings) {
        StringBuilder out = new StringBuilder(512);
        out.append("# Chatroom desktop client settings, written by the client.\n")
                .append("# Edit only while the client is closed. A missing or invalid value falls back to its default.\n")
                .append('\n');
        line(out, THEME, settings.theme().name().toLowerCase(Locale.ROOT));
        line(out, WINDOW_WIDTH, formatSize(settings.windowWidth()));
        line(out, WINDOW_HEIGHT, formatSize(settings.windowHeight()));
        out.append("# Minutes without activity before you are shown as away; 0 = never, at most ")
                .append(ClientSettings.MAX_AWAY_AFTER_MINUTES).append(".\n");
        line(out, AWAY_AFTER_MINUTES, Integer.toString(settings.awayAfterMinutes()));
        line(out, NOTIFICATIONS, Boolean.toString(settings.notifications()));
        if (!settings.recentServers().isEmpty()) {
            out.append('\n').append("# Servers used recently, most recent first, with the user name last used there.\n");
            List<ServerEntry> servers = settings.recentServers();
            for (int i = 0; i < servers.size(); i++) {
                ServerEntry server = servers.get(i);
                line(out, recentKey(i, "host"), server.host());
                line(out, recentKey(i, "port"), Integer.toString(server.port()));
                line(out, recentKey(i, "user"), server.user());
                // Only when set, so the usual file stays as short as before and older clients see nothing new.
                if (server.plain()) line(out, recentKey(i, "plain"), "true");
            }
        }
        if (!settings.pinnedServers().isEmpty()) {
            out.append('\n').append("# Servers whose certificate you accepted (SHA-256 fingerprints). ")
                    .append("Delete an entry to be asked again.\n");
            List<PinnedServer> pins = settings.pinnedServers();
            for (int i = 0; i < pins.size(); i++) {
                PinnedServer pin = pins.get(i);
                line(out, pinnedKey(i, "host"), pin.host());
                line(out, pinnedKey(i, "port"), Integer.toString(pin.port()));
                line(out, pinnedKey(i, "sha256"), pin.fingerprint().hex());
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(key).append(" = ").append(escape(value)).append('\n');
    }

    // Window sizes are whole pixels almost always; "1100" reads better than "1100.0".
    private static String formatSize(double size) {
        return size == Math.rint(size) && Math.abs(size) < 1e15 ? Long.toString((long) size) : Double.toString(size);
    }

    /**
     * Escapes a value so {@link Properties#load(Reader)} reads back exactly the same string, while
     * keeping letters (including non-ASCII ones) readable.
     */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                // The loader skips whitespace before a value, so only a leading space needs protecting.
                case ' ' -> out.append(i == 0 ? "\\ " : " ");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                        // Lone surrogates would not survive UTF-8, and control characters are invisible.
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
