package chatroom.client.packaging;

import static org.junit.jupiter.api.Assertions.assertFalse;

import chatroom.common.testing.PackagedApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged desktop client, started through the app image's own launcher and trimmed runtime on
 * JavaFX's headless platform: it must reach the login view and close when asked. It fails if jlink
 * left out a module the window needs, or JavaFX cannot load its native libraries from the image.
 */
class ClientAppImageIT {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path settings;

    @Test
    void theLauncherOpensTheLoginViewAndCloses() throws Exception {
        Map<String, String> env = Map.of(
                // No display here: JavaFX's own headless platform, and the window's debug lines.
                "JAVA_TOOL_OPTIONS", "-Dglass.platform=Headless -Dprism.order=sw -Dchatroom.log.level=DEBUG",
                "CHATROOM_CONFIG_DIR", settings.toString());
        try (PackagedApp client = PackagedApp.start(PackagedApp.launcher("Chatroom"), List.of(), env)) {
            client.awaitLine(Pattern.compile("Showing the login view"), START);
            client.awaitLine(Pattern.compile("Chatroom \\S+ started \\(settings in " + Pattern.quote(settings.toString())), START);

            client.stop(Duration.ofSeconds(30));
            String output = client.output();
            assertFalse(output.contains("ERROR") || output.contains("Exception"), output);
        }
    }
}
