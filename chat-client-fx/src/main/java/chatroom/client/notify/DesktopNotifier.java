package chatroom.client.notify;

import java.awt.Taskbar;
import java.awt.Toolkit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A system notification where the platform offers one from the command line ({@code notify-send}
 * on Linux desktops, {@code osascript} on macOS), otherwise a beep and the taskbar's attention
 * request. JavaFX has no notification API, and AWT's tray icon leaves an icon behind on Linux, so
 * the platform's own tool is the least surprising choice. Runs on its own virtual threads.
 */
public final class DesktopNotifier implements Notifier {
    private static final Logger log = LoggerFactory.getLogger(DesktopNotifier.class);
    private static final int MAX_BODY = 200;

    private final ExecutorService worker = Executors.newVirtualThreadPerTaskExecutor();
    private final Optional<List<String>> command;

    private DesktopNotifier(Optional<List<String>> command) {
        this.command = command;
    }

    /** Picks the best mechanism for this machine. */
    public static DesktopNotifier forThisPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) return new DesktopNotifier(Optional.of(List.of("osascript")));
        if (!os.contains("win")) {
            Optional<Path> notifySend = onPath("notify-send");
            if (notifySend.isPresent()) return new DesktopNotifier(Optional.of(List.of(notifySend.get().toString())));
        }
        return new DesktopNotifier(Optional.empty());
    }

    /** The command line for one notification, or empty when the fallback is used. */
    static Optional<List<String>> commandLine(Optional<List<String>> command, String title, String body) {
        String shortBody = body.codePointCount(0, body.length()) > MAX_BODY
                ? body.substring(0, body.offsetByCodePoints(0, MAX_BODY)) + "…"
                : body;
        return command.map(base -> {
            if (base.getFirst().endsWith("osascript")) {
                return List.of(base.getFirst(), "-e",
                        "display notification " + appleQuote(shortBody) + " with title " + appleQuote(title));
            }
            return List.of(base.getFirst(), "--app-name=Chatroom", "--category=im.received", "--", title, shortBody);
        });
    }

    @Override
    public void notify(String title, String body) {
        worker.execute(() -> {
            Optional<List<String>> line = commandLine(command, title, body);
            if (line.isPresent() && run(line.get())) return;
            fallback();
        });
    }

    private static boolean run(List<String> line) {
        try {
            Process p = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            log.debug("Notification command failed: {}", e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void fallback() {
        try {
            Toolkit.getDefaultToolkit().beep();
            if (Taskbar.isTaskbarSupported() && Taskbar.getTaskbar().isSupported(Taskbar.Feature.USER_ATTENTION)) {
                Taskbar.getTaskbar().requestUserAttention(true, false);
            }
        } catch (RuntimeException | Error e) {
            // Headless machines and minimal desktops have neither; the unread badge remains.
            log.debug("No beep or taskbar attention here: {}", e.toString());
        }
    }

    private static String appleQuote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
