package chatroom.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Defaults, then the file, then CHATROOM_* variables, then flags; and every way a setting can be wrong. */
class ConfigLoaderTest {
    @TempDir
    Path data;

    private ServerConfig load(Map<String, String> env, Map<String, String> flags) {
        return ConfigLoader.load(data, null, env, flags);
    }

    private ServerConfig loadFile(String properties) throws IOException {
        Files.writeString(data.resolve("server.properties"), properties);
        return load(Map.of(), Map.of());
    }

    private ConfigException refusedFile(String properties) throws IOException {
        Files.writeString(data.resolve("server.properties"), properties);
        return assertThrows(ConfigException.class, () -> load(Map.of(), Map.of()));
    }

    private static void assertSentence(String message) {
        assertTrue(message.strip().endsWith("."), () -> "a sentence ending with a full stop: " + message);
        assertTrue(!message.contains("Exception"), () -> "no exception name in: " + message);
    }

    @Test
    void withNothingConfiguredEverySettingHasItsDocumentedDefault() {
        ServerConfig c = load(Map.of(), Map.of());
        assertEquals("0.0.0.0", c.host());
        assertEquals(7447, c.port());
        assertEquals(data, c.dataDir());
        assertEquals("lobby", c.defaultRoom());
        assertEquals(65_536, c.maxFrameBytes());
        assertEquals(Duration.ofSeconds(10), c.authTimeout());
        assertEquals(Duration.ofSeconds(30), c.pingInterval());
        assertEquals(1024 * 1024, c.outboxMaxBytes());
        assertEquals(10, c.rateBurst());
        assertEquals(5.0, c.ratePerSecond());
        assertEquals(600_000, c.passwordIterations());
        assertEquals(ServerConfig.defaults(data), c);
    }

    @Test
    void aValueInTheFileOverridesItsDefaultAndLeavesTheOthers() throws IOException {
        ServerConfig c = loadFile("""
                # a comment
                port = 8000
                motd = Grüße aus dem Chatroom   \s
                auth_timeout_seconds = 2.5
                outbox_max_bytes = 2_097_152
                """);
        assertEquals(8000, c.port());
        assertEquals("Grüße aus dem Chatroom", c.motd());
        assertEquals(Duration.ofMillis(2500), c.authTimeout());
        assertEquals(2_097_152, c.outboxMaxBytes());
        ServerConfig d = ServerConfig.defaults(data);
        assertEquals(d.host(), c.host());
        assertEquals(d.rateBurst(), c.rateBurst());
        assertEquals(d.pingInterval(), c.pingInterval());
    }

    @Test
    void anEnvironmentVariableOverridesTheFile() throws IOException {
        Files.writeString(data.resolve("server.properties"), "port = 8000\nrate.burst = 20\nrate.per_second = 2\n");
        ServerConfig c = load(Map.of(
                "CHATROOM_PORT", "9000",
                "CHATROOM_RATE_BURST", " 30 ",
                "CHATROOM_PASSWORD_ITERATIONS", "700000",
                "CHATROOM_DEFAULT_ROOM", "hall"), Map.of());
        assertEquals(9000, c.port());
        assertEquals(30, c.rateBurst());
        assertEquals(2.0, c.ratePerSecond(), "a setting without a variable keeps the file's value");
        assertEquals(700_000, c.passwordIterations());
        assertEquals("hall", c.defaultRoom());
    }

    @Test
    void blankAndUnrelatedEnvironmentVariablesAreIgnored() throws IOException {
        Files.writeString(data.resolve("server.properties"), "port = 8000\n");
        ServerConfig c = load(Map.of("CHATROOM_PORT", "  ", "PORT", "1", "CHATROOM_RATE.BURST", "99",
                "chatroom_host", "10.0.0.1"), Map.of());
        assertEquals(8000, c.port());
        assertEquals(10, c.rateBurst());
        assertEquals("0.0.0.0", c.host());
    }

    @Test
    void aFlagOverridesTheEnvironmentAndTheFile() throws IOException {
        Files.writeString(data.resolve("server.properties"), "port = 8000\nhost = 10.0.0.1\n");
        ServerConfig c = load(Map.of("CHATROOM_PORT", "9000", "CHATROOM_HOST", "10.0.0.2"),
                Map.of("port", "9100", "host", "127.0.0.1"));
        assertEquals(9100, c.port());
        assertEquals("127.0.0.1", c.host());
    }

    @Test
    void anUnknownKeyInTheFileIsAnErrorNamingTheKeyAndTheKnownOnes() throws IOException {
        ConfigException e = refusedFile("prot = 8000\n");
        assertTrue(e.getMessage().contains("'prot'"), e.getMessage());
        assertTrue(e.getMessage().contains(data.resolve("server.properties").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("port, rate.burst"), e.getMessage());
        assertSentence(e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            port                  | abc
            port                  | 99999999999
            rate.burst            | many
            rate.per_second       | fast
            auth_timeout_seconds  | ten
            outbox_max_bytes      | 1MB
            """)
    void aValueThatIsNotANumberInRangeOfItsTypeIsAnErrorNamingKeyAndValue(String key, String value) throws IOException {
        ConfigException e = refusedFile(key + " = " + value + "\n");
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
        assertSentence(e.getMessage());
    }

    @Test
    void aNonNumericEnvironmentVariableIsAnErrorNamingKeyAndValue() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(Map.of("CHATROOM_PING_INTERVAL_SECONDS", "often"), Map.of()));
        assertTrue(e.getMessage().contains("ping_interval_seconds"), e.getMessage());
        assertTrue(e.getMessage().contains("'often'"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            port                   | 70000   | port must be between 0 and 65535, not 70000
            port                   | -1      | port must be between 0 and 65535, not -1
            password_iterations    | 1000    | password_iterations must be at least 600000, not 1000
            rate.burst             | 0       | rate.burst must be at least 1, not 0
            rate.per_second        | -1      | rate.per_second must be 0 (no limit) or more
            max_frame_bytes        | 100     | max_frame_bytes must be between 1024 and 16777216, not 100
            outbox_max_bytes       | 65535   | outbox_max_bytes (65535) must be at least max_frame_bytes (65536)
            auth_timeout_seconds   | 0       | auth_timeout_seconds must be positive
            ping_interval_seconds  | -5      | ping_interval_seconds must be positive
            shutdown_grace_seconds | 0       | shutdown_grace_seconds must be positive
            default_room           | the hall| The default room name may only contain letters
            """)
    void anOutOfRangeValueIsAnErrorWithASentenceNamingTheRule(String key, String value, String rule) throws IOException {
        ConfigException e = refusedFile(key + " = " + value + "\n");
        assertTrue(e.getMessage().contains(rule), e.getMessage());
        assertSentence(e.getMessage());
    }

    @Test
    void theOutboxMustHoldAtLeastOneFrameWhateverTheOrderTheyAreGivenIn() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(
                Map.of("CHATROOM_OUTBOX_MAX_BYTES", "200000"), Map.of("max_frame_bytes", "300000")));
        assertTrue(e.getMessage().contains("outbox_max_bytes (200000) must be at least max_frame_bytes (300000)"), e.getMessage());
    }

    @Test
    void anExplicitConfigFileThatDoesNotExistIsAnError() {
        Path missing = data.resolve("nowhere.properties");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(data, missing, Map.of(), Map.of()));
        assertEquals("The config file " + missing + " does not exist.", e.getMessage());
    }

    @Test
    void anExplicitConfigFileIsReadInsteadOfTheOneInTheDataFolder(@TempDir Path elsewhere) throws IOException {
        Files.writeString(data.resolve("server.properties"), "port = 8000\nrate.burst = 20\n");
        Path explicit = Files.writeString(elsewhere.resolve("chat.conf"), "port = 8100\n");
        ServerConfig c = ConfigLoader.load(data, explicit, Map.of(), Map.of());
        assertEquals(8100, c.port());
        assertEquals(10, c.rateBurst(), "the data folder's file is not read when --config is given");
        assertEquals(data, c.dataDir());
    }

    @Test
    void serverPropertiesInTheDataFolderIsReadWhenNoConfigFileIsGiven() throws IOException {
        Files.writeString(data.resolve(ConfigLoader.DEFAULT_FILE_NAME), "server_name = test-server\nrate.burst = 3\n");
        ServerConfig c = load(Map.of(), Map.of());
        assertEquals("test-server", c.serverName());
        assertEquals(3, c.rateBurst());
    }

    @Test
    void aFileThatIsNotValidPropertiesIsAnErrorNamingTheFile() throws IOException {
        ConfigException e = refusedFile("motd = \\uZZZZ\n");
        assertTrue(e.getMessage().startsWith("Cannot read the config file " + data.resolve("server.properties")), e.getMessage());
    }

    @Test
    void everyKeyCanBeSetFromTheEnvironment() {
        Map<String, String> values = Map.ofEntries(
                Map.entry("host", "127.0.0.1"), Map.entry("port", "1234"), Map.entry("server_name", "n"),
                Map.entry("motd", "m"), Map.entry("default_room", "hall"), Map.entry("max_frame_bytes", "2048"),
                Map.entry("auth_timeout_seconds", "3"), Map.entry("max_unauthenticated_connections", "11"),
                Map.entry("max_connections_per_ip", "12"), Map.entry("ping_interval_seconds", "4"),
                Map.entry("outbox_max_bytes", "4096"), Map.entry("rate.burst", "6"), Map.entry("rate.per_second", "7.5"),
                Map.entry("password_iterations", "600008"), Map.entry("shutdown_grace_seconds", "9"),
                Map.entry("tls", "off"), Map.entry("tls.certificate", "certs/chain.pem"),
                Map.entry("tls.private_key", "/etc/chat/key.pem"));
        assertEquals(ConfigLoader.KEYS, values.keySet());
        var env = new java.util.HashMap<String, String>();
        values.forEach((k, v) -> env.put("CHATROOM_" + k.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), v));
        ServerConfig c = load(env, Map.of());
        assertEquals(new ServerConfig("127.0.0.1", 1234, data, "n", "m", "hall", 2048, Duration.ofSeconds(3), 11, 12,
                Duration.ofSeconds(4), 4096, 6, 7.5, 600_008, Duration.ofSeconds(9),
                new TlsConfig(false, data.resolve("certs/chain.pem"), Path.of("/etc/chat/key.pem"))), c);
    }

    @Test
    void tlsIsOnWithTheServersOwnCertificateUnlessToldOtherwise() {
        assertEquals(TlsConfig.selfSigned(), load(Map.of(), Map.of()).tls());
        assertEquals(TlsConfig.off(), load(Map.of(), Map.of("tls", "false")).tls());
    }

    @Test
    void aCertificateWithoutItsKeyIsRefusedNamingTheMissingSetting() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(Map.of("CHATROOM_TLS_CERTIFICATE", "chain.pem"), Map.of()));
        assertTrue(e.getMessage().contains("tls.private_key is not"), e.getMessage());
    }

    @Test
    void aTlsSwitchThatIsNotABooleanIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("CHATROOM_TLS", "maybe"), Map.of()));
        assertEquals("The setting tls must be true or false, not 'maybe'.", e.getMessage());
    }
}
