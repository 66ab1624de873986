package chatroom.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SequencedSet;

/**
 * Builds a {@link ServerConfig}: defaults, overridden by the config file (Java properties,
 * {@code key = value}), then by environment variables {@code CHATROOM_<KEY>} (upper case, dots as
 * underscores, e.g. {@code CHATROOM_RATE_BURST}), then by the values given on the command line.
 * Unknown keys in the file are an error, so a typo does not silently keep a default.
 */
public final class ConfigLoader {
    /** The file read from the data folder when no {@code --config} is given. */
    public static final String DEFAULT_FILE_NAME = "server.properties";

    /** Every key, in the order the sample file documents them. */
    public static final SequencedSet<String> KEYS = Collections.unmodifiableSequencedSet(new LinkedHashSet<>(List.of(
            "host", "port", "server_name", "motd", "default_room",
            "max_frame_bytes", "auth_timeout_seconds", "max_unauthenticated_connections", "max_connections_per_ip",
            "ping_interval_seconds", "outbox_max_bytes", "rate.burst",
            "rate.per_second", "password_iterations", "shutdown_grace_seconds", "tls", "tls.certificate", "tls.private_key")));

    private ConfigLoader() {
    }

    /**
     * Loads the settings.
     *
     * @param dataDir the data folder
     * @param configFile an explicit config file (must exist), or null for {@code dataDir/server.properties} if present
     * @param environment the process environment
     * @param flags values given on the command line, by key
     */
    public static ServerConfig load(Path dataDir, Path configFile, Map<String, String> environment,
                                    Map<String, String> flags) {
        Map<String, String> values = new LinkedHashMap<>();
        Path file = configFile != null ? configFile : dataDir.resolve(DEFAULT_FILE_NAME);
        if (configFile != null && !Files.isRegularFile(configFile)) {
            throw new ConfigException("The config file " + configFile + " does not exist.");
        }
        if (Files.isRegularFile(file)) values.putAll(readFile(file));
        for (String key : KEYS) {
            String env = environment.get("CHATROOM_" + key.toUpperCase(Locale.ROOT).replace('.', '_'));
            if (env != null && !env.isBlank()) values.put(key, env.strip());
        }
        flags.forEach((k, v) -> {
            if (v != null) values.put(k, v);
        });
        return build(dataDir, values, file);
    }

    private static Map<String, String> readFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("Cannot read the config file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new ConfigException("Unknown setting '" + key + "' in " + file + ". Known settings: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ".");
            }
            values.put(key, p.getProperty(key).strip());
        }
        return values;
    }

    private static ServerConfig build(Path dataDir, Map<String, String> v, Path source) {
        ServerConfig d = ServerConfig.defaults(dataDir);
        return new ServerConfig(
                v.getOrDefault("host", d.host()),
                integer(v, "port", d.port()),
                dataDir,
                v.getOrDefault("server_name", d.serverName()),
                v.getOrDefault("motd", d.motd()),
                v.getOrDefault("default_room", d.defaultRoom()),
                integer(v, "max_frame_bytes", d.maxFrameBytes()),
                seconds(v, "auth_timeout_seconds", d.authTimeout()),
                integer(v, "max_unauthenticated_connections", d.maxUnauthenticated()),
                integer(v, "max_connections_per_ip", d.maxConnectionsPerIp()),
                seconds(v, "ping_interval_seconds", d.pingInterval()),
                longValue(v, "outbox_max_bytes", d.outboxMaxBytes()),
                integer(v, "rate.burst", d.rateBurst()),
                decimal(v, "rate.per_second", d.ratePerSecond()),
                integer(v, "password_iterations", d.passwordIterations()),
                seconds(v, "shutdown_grace_seconds", d.shutdownGrace()),
                new TlsConfig(bool(v, "tls", d.tls().enabled()), path(dataDir, v, "tls.certificate"),
                        path(dataDir, v, "tls.private_key")));
    }

    private static boolean bool(Map<String, String> v, String key, boolean fallback) {
        String s = v.get(key);
        if (s == null) return fallback;
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException("The setting " + key + " must be true or false, not '" + s + "'.");
        };
    }

    /** A file named by a setting; a relative path is taken from the data folder, where the server keeps its files. */
    private static Path path(Path dataDir, Map<String, String> v, String key) {
        String s = v.get(key);
        if (s == null || s.isBlank()) return null;
        try {
            return dataDir.resolve(s);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException("The setting " + key + " is not a valid file name: " + e.getMessage());
        }
    }

    private static int integer(Map<String, String> v, String key, int fallback) {
        long value = longValue(v, key, fallback);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) throw notANumber(key, v.get(key));
        return (int) value;
    }

    private static long longValue(Map<String, String> v, String key, long fallback) {
        String s = v.get(key);
        if (s == null) return fallback;
        try {
            return Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw notANumber(key, s);
        }
    }

    private static double decimal(Map<String, String> v, String key, double fallback) {
        String s = v.get(key);
        if (s == null) return fallback;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw notANumber(key, s);
        }
    }

    private static Duration seconds(Map<String, String> v, String key, Duration fallback) {
        String s = v.get(key);
        if (s == null) return fallback;
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
        } catch (NumberFormatException e) {
            throw notANumber(key, s);
        }
    }

    private static ConfigException notANumber(String key, String value) {
        return new ConfigException("The setting " + key + " must be a number, not '" + value + "'.");
    }
}
