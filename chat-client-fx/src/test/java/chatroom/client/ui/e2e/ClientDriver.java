package chatroom.client.ui.e2e;

import chatroom.client.model.ChatLine;
import chatroom.client.model.Member;
import chatroom.client.service.Backoff;
import chatroom.client.settings.SettingsStore;
import chatroom.client.ui.ClientWindow;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives one client window like a person would: it clicks and types through the robot, scoped to
 * its own window, and reads what the window shows. Several drivers can share one JVM and server.
 */
final class ClientDriver {
    static final Duration WAIT = Duration.ofSeconds(20);

    final FxRobot robot;
    final ClientWindow window;
    final Stage stage;
    final List<String> notifications = new CopyOnWriteArrayList<>();
    final AtomicReference<Path> saveTo = new AtomicReference<>();

    /** Every open window, so that a timeout can show what each of them looked like. */
    static final List<ClientDriver> OPEN = new CopyOnWriteArrayList<>();

    private ClientDriver(FxRobot robot, ClientWindow window) {
        this.robot = robot;
        this.window = window;
        this.stage = window.stage();
        OPEN.add(this);
    }

    /** What this window shows, in one line, for failure messages. */
    String describe() {
        AtomicReference<String> s = new AtomicReference<>();
        robot.interact(() -> {
            StringBuilder b = new StringBuilder(stage.getTitle()).append(" @x=").append(stage.getX()).append(": ");
            if (has("login-view")) {
                b.append("login view, user='").append(((TextInputControl) node("user")).getText())
                        .append("', message='").append(((Labeled) node("login-message")).getText()).append("'");
            } else if (has("admin-view")) {
                b.append("admin view, result='").append(((Labeled) node("admin-result")).getText()).append("'");
            } else if (has("chat-view")) {
                ListView<ChatLine> list = node("messages");
                b.append("chat view, state=").append(window.service().state())
                        .append(", composer='").append(((TextInputControl) node("composer")).getText())
                        .append("', lines=").append(list.getItems() == null ? "[]" : list.getItems().stream()
                                .map(l -> l.kind() + ":" + l.text()).toList());
            }
            s.set(b.toString());
        });
        return s.get();
    }

    /** Opens a window at horizontal offset {@code x}, with its own settings folder. */
    static ClientDriver open(FxRobot robot, Path settingsDir, double x) {
        AtomicReference<ClientDriver> driver = new AtomicReference<>();
        robot.interact(() -> {
            Stage stage = new Stage();
            stage.setX(x);
            stage.setY(0);
            ClientDriver[] self = new ClientDriver[1];
            ClientWindow window = new ClientWindow(stage, new ClientWindow.Options(
                    new SettingsStore(settingsDir),
                    (title, body) -> self[0].notifications.add(title + ": " + body),
                    Clock.systemDefaultZone(),
                    (owner, suggested) -> Optional.ofNullable(self[0].saveTo.get()),
                    new Backoff(Duration.ofMillis(100), Duration.ofMillis(500), () -> 0)));
            self[0] = new ClientDriver(robot, window);
            stage.show();
            driver.set(self[0]);
        });
        return driver.get();
    }

    // ---- finding things in this window --------------------------------------------------------

    <T extends Node> T node(String id) {
        return robot.from(stage.getScene().getRoot()).lookup("#" + id).query();
    }

    boolean has(String id) {
        return robot.from(stage.getScene().getRoot()).lookup("#" + id).tryQuery().isPresent();
    }

    boolean showing(String id) {
        return has(id) && node(id).isVisible();
    }

    String text(String id) {
        AtomicReference<String> s = new AtomicReference<>();
        robot.interact(() -> s.set(((Labeled) node(id)).getText()));
        return s.get() == null ? "" : s.get();
    }

    /** The lines of the conversation on screen. */
    List<ChatLine> lines() {
        AtomicReference<List<ChatLine>> lines = new AtomicReference<>(List.of());
        robot.interact(() -> {
            ListView<ChatLine> list = node("messages");
            lines.set(list.getItems() == null ? List.of() : List.copyOf(list.getItems()));
        });
        return lines.get();
    }

    List<String> messageTexts() {
        return lines().stream().filter(l -> l.kind() == ChatLine.Kind.MESSAGE).map(ChatLine::text).toList();
    }

    List<Member> people() {
        AtomicReference<List<Member>> people = new AtomicReference<>(List.of());
        robot.interact(() -> people.set(List.copyOf(this.<ListView<Member>>node("people").getItems())));
        return people.get();
    }

    // ---- doing things --------------------------------------------------------------------------

    /** Clicks into a field (which brings its window to the front and focuses it), clears it and types. */
    void typeInto(String id, String text) {
        click(id);
        robot.interact(() -> ((TextInputControl) node(id)).clear());
        robot.write(text);
    }

    void click(String id) {
        robot.interact(stage::toFront);
        robot.clickOn((Node) node(id));
    }

    /**
     * Presses Enter in this window. TestFX's {@code write} delivers keys to the focused stage, as a
     * person's keyboard does; the glass robot's {@code type} may pick another window when several
     * are open.
     */
    void pressEnter() {
        robot.write("\n");
    }

    void logIn(int port, String user, String password) {
        fillServer(port);
        typeInto("user", user);
        typeInto("password", password);
        pressEnter();
        waitUntil("the chat view opens for " + user, () -> has("chat-view"));
    }

    void register(int port, String user, String password) {
        click("mode-register");
        fillServer(port);
        typeInto("user", user);
        typeInto("password", password);
        typeInto("repeat", password);
        pressEnter();
        waitUntil("the chat view opens for new user " + user, () -> has("chat-view"));
    }

    void fillServer(int port) {
        typeInto("host", "127.0.0.1");
        typeInto("port", String.valueOf(port));
    }

    /** Types a message into the composer and sends it with Enter. */
    void say(String text) {
        typeInto("composer", text);
        pressEnter();
    }

    void waitUntil(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return condition.getAsBoolean();
            });
        } catch (TimeoutException e) {
            StringBuilder state = new StringBuilder();
            for (ClientDriver d : OPEN) state.append("\n  ").append(d.describe());
            throw new AssertionError("Timed out waiting until " + what + "; the windows show:" + state, e);
        }
    }

    /** Saves a picture of the whole window (a scene snapshot) as a PNG. */
    void snapshot(Path file) throws IOException {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> image.set(stage.getScene().snapshot(null)));
        write(image.get(), file);
    }

    private static void write(WritableImage fx, Path file) throws IOException {
        int w = (int) fx.getWidth();
        int h = (int) fx.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = fx.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) out.setRGB(x, y, pixels.getArgb(x, y));
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(out, "png", file.toFile());
    }

    /** Saves a picture of the window {@code node} is in (a dialog, say) as a PNG. */
    void snapshotOf(Node node, Path file) throws IOException {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> image.set(node.getScene().snapshot(null)));
        write(image.get(), file);
    }

    void close() {
        OPEN.remove(this);
        robot.interact(stage::close);
    }
}
