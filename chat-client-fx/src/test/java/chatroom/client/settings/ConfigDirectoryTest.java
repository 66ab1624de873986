package chatroom.client.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where each platform keeps the settings, and the variables that move them. */
class ConfigDirectoryTest {
    // Real absolute paths from @TempDir, so the XDG "absolute" check holds on whatever OS runs the tests.
    @TempDir
    Path root;

    private Path home() {
        return root.resolve("home").resolve("alice");
    }

    @Test
    void onLinuxWithoutXdgConfigHomeItIsDotConfigChatroomInTheHomeFolder() {
        assertEquals(home().resolve(".config").resolve("chatroom"), ConfigDirectory.resolve(Map.of(), "Linux", home()));
    }

    @Test
    void onLinuxWithXdgConfigHomeItIsChatroomInsideIt() {
        Path xdg = root.resolve("xdg");
        assertEquals(xdg.resolve("chatroom"),
                ConfigDirectory.resolve(Map.of("XDG_CONFIG_HOME", xdg.toString()), "Linux", home()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "relative/config", "."})
    void aBlankOrRelativeXdgConfigHomeIsIgnoredAsTheSpecRequires(String xdg) {
        assertEquals(home().resolve(".config").resolve("chatroom"),
                ConfigDirectory.resolve(Map.of("XDG_CONFIG_HOME", xdg), "Linux", home()));
    }

    @Test
    void otherUnixLikeSystemsFollowXdgToo() {
        assertEquals(home().resolve(".config").resolve("chatroom"), ConfigDirectory.resolve(Map.of(), "FreeBSD", home()));
    }

    @Test
    void onWindowsItIsChatroomInAppData() {
        String appData = "C:\\Users\\alice\\AppData\\Roaming";
        assertEquals(Path.of(appData).resolve("Chatroom"),
                ConfigDirectory.resolve(Map.of("APPDATA", appData, "XDG_CONFIG_HOME", root.toString()), "Windows 11", home()));
    }

    @Test
    void onWindowsWithoutAppDataItIsTheUsualRoamingFolderInTheHome() {
        assertEquals(home().resolve("AppData").resolve("Roaming").resolve("Chatroom"),
                ConfigDirectory.resolve(Map.of(), "Windows 10", home()));
    }

    @Test
    void onMacItIsChatroomInApplicationSupport() {
        assertEquals(home().resolve("Library").resolve("Application Support").resolve("Chatroom"),
                ConfigDirectory.resolve(Map.of("XDG_CONFIG_HOME", root.toString()), "Mac OS X", home()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Linux", "Windows 11", "Mac OS X"})
    void chatroomConfigDirOverridesThePlatformConventionEverywhere(String os) {
        Path custom = root.resolve("portable").resolve("settings");
        Map<String, String> env = Map.of("CHATROOM_CONFIG_DIR", custom.toString(),
                "XDG_CONFIG_HOME", root.toString(), "APPDATA", root.toString());
        assertEquals(custom, ConfigDirectory.resolve(env, os, home()));
    }

    @Test
    void aBlankOverrideIsIgnored() {
        assertEquals(home().resolve(".config").resolve("chatroom"),
                ConfigDirectory.resolve(Map.of("CHATROOM_CONFIG_DIR", "  "), "Linux", home()));
    }

    @Test
    void theRealEnvironmentResolvesToSomeFolder() {
        Path resolved = ConfigDirectory.resolve();
        assertTrue(resolved.getFileName() != null, () -> "a folder name: " + resolved);
    }
}
