package chatroom.client.settings;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the per-user folder the client keeps its settings in, following each platform's convention:
 * <ul>
 *   <li>{@code CHATROOM_CONFIG_DIR} when set (for portable installs and tests);</li>
 *   <li>Windows: {@code %APPDATA%\Chatroom};</li>
 *   <li>macOS: {@code ~/Library/Application Support/Chatroom};</li>
 *   <li>otherwise: {@code $XDG_CONFIG_HOME/chatroom}, or {@code ~/.config/chatroom} when that
 *       variable is unset, blank or relative (the XDG Base Directory spec says to ignore relative paths).</li>
 * </ul>
 * The folder is only named here; {@link SettingsStore#save} creates it.
 */
public final class ConfigDirectory {
    /** The environment variable that overrides the platform convention. */
    public static final String OVERRIDE_VARIABLE = "CHATROOM_CONFIG_DIR";

    private static final Logger log = LoggerFactory.getLogger(ConfigDirectory.class);

    private ConfigDirectory() {
    }

    /** The folder for this process's user, from the real environment and system properties. */
    public static Path resolve() {
        return resolve(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    /**
     * The folder for the given environment; a pure function so every platform can be tested anywhere.
     *
     * @param env      environment variables
     * @param osName   the {@code os.name} system property, e.g. {@code "Windows 11"}, {@code "Mac OS X"}, {@code "Linux"}
     * @param userHome the user's home folder
     */
    public static Path resolve(Map<String, String> env, String osName, Path userHome) {
        Optional<Path> override = path(env, OVERRIDE_VARIABLE);
        if (override.isPresent()) return override.get();

        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            // APPDATA is not checked for being absolute: a Windows path is not absolute to a test running elsewhere.
            return path(env, "APPDATA").orElseGet(() -> userHome.resolve("AppData").resolve("Roaming"))
                    .resolve("Chatroom");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return userHome.resolve("Library").resolve("Application Support").resolve("Chatroom");
        }
        Optional<Path> xdg = path(env, "XDG_CONFIG_HOME");
        if (xdg.isPresent() && !xdg.get().isAbsolute()) {
            log.warn("Ignoring XDG_CONFIG_HOME={} because it is not an absolute path.", xdg.get());
            xdg = Optional.empty();
        }
        return xdg.orElseGet(() -> userHome.resolve(".config")).resolve("chatroom");
    }

    // Unset, blank and unparsable values all mean "not given", so a broken variable never stops the client.
    private static Optional<Path> path(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) return Optional.empty();
        try {
            return Optional.of(Path.of(value.strip()));
        } catch (InvalidPathException e) {
            log.warn("Ignoring {}={} because it is not a valid path: {}", name, value, e.getMessage());
            return Optional.empty();
        }
    }
}
