package chatroom.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/server.properties documents every setting, and the defaults it states are the real ones. */
class SampleConfigTest {
    private static final Path SAMPLE = Path.of("../docs/server.properties");
    private static final Pattern SETTING = Pattern.compile("^# ([a-z_.]+) =");

    @TempDir
    Path data;

    private static List<String> lines() throws IOException {
        return Files.readAllLines(SAMPLE);
    }

    private static List<String> documentedKeys() throws IOException {
        return lines().stream().map(SETTING::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
    }

    @Test
    void everyKeyIsDocumented() throws IOException {
        String text = Files.readString(SAMPLE);
        for (String key : ConfigLoader.KEYS) {
            assertTrue(Pattern.compile("(?m)^(# )?" + Pattern.quote(key) + " =").matcher(text).find(),
                    () -> key + " is not in " + SAMPLE.toAbsolutePath().normalize());
        }
    }

    @Test
    void theSampleDocumentsEachKeyOnceInTheOrderOfKeys() throws IOException {
        assertEquals(List.copyOf(ConfigLoader.KEYS), documentedKeys());
    }

    @Test
    void copiedAsItIsTheSampleChangesNothing() throws IOException {
        assertTrue(lines().stream().allMatch(l -> l.isBlank() || l.startsWith("#")), "every line is a comment");
        Files.copy(SAMPLE, data.resolve(ConfigLoader.DEFAULT_FILE_NAME));
        assertEquals(ServerConfig.defaults(data), ConfigLoader.load(data, null, Map.of(), Map.of()));
    }

    @Test
    void withEverySettingUncommentedTheSampleGivesExactlyTheDefaults() throws IOException {
        List<String> uncommented = lines().stream()
                .map(l -> SETTING.matcher(l).find() ? l.substring(2) : l)
                .toList();
        Path file = Files.write(data.resolve(ConfigLoader.DEFAULT_FILE_NAME), uncommented);
        assertEquals(ConfigLoader.KEYS.size(), uncommented.stream().filter(l -> !l.startsWith("#") && !l.isBlank()).count());
        assertEquals(ServerConfig.defaults(data), ConfigLoader.load(data, file, Map.of(), Map.of()));
    }
}
