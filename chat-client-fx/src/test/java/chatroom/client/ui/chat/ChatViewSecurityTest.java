package chatroom.client.ui.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.client.service.ChatService;
import chatroom.client.service.RequestFailedException;
import chatroom.client.service.ServerAddress;
import chatroom.client.testing.FakeChatService;
import chatroom.common.testing.MutableClock;
import chatroom.common.model.Role;
import chatroom.common.protocol.RoomState;
import chatroom.common.protocol.Welcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The chat view's password dialog and "not encrypted" marker on the headless platform, over the
 * fake service: ids, Enter and Escape, and that nothing waits on the FX thread.
 */
class ChatViewSecurityTest {
    private static final String OLD = "old-secret";
    private static final String NEW = "new-secret-1";

    private final FxRobot robot = new FxRobot();
    private final FakeChatService fake = new FakeChatService();
    private Stage stage;
    private ChatView view;

    @BeforeAll
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        robot.interact(() -> {
            view.dispose();
            stage.close();
        });
    }

    private void show(ChatService service) {
        robot.interact(() -> {
            ChatViewModel vm = new ChatViewModel(service, (t, b) -> {}, new MutableClock(Instant.parse("2026-11-21T10:00:00Z")),
                    Runnable::run, Runnable::run, reason -> {});
            vm.start(new Welcome("r1", "alice", Role.USER, List.of(new RoomState("lobby", null, 0)), List.of()));
            view = new ChatView(vm, (owner, name) -> Optional.empty(), () -> {});
            stage = new Stage();
            stage.setScene(new Scene(view.root(), 1000, 640));
            stage.show();
            stage.toFront();
        });
    }

    private <T extends Node> T node(String id) {
        return robot.lookup("#" + id).query();
    }

    private boolean has(String id) {
        return robot.lookup("#" + id).tryQuery().isPresent();
    }

    private String text(String id) {
        AtomicReference<String> s = new AtomicReference<>();
        robot.interact(() -> s.set(((Labeled) node(id)).getText()));
        return s.get();
    }

    /** Clicks first: the robot types into the focused window, and a new dialog's is not at once. */
    private void typeInto(String id, String text) {
        robot.clickOn((Node) node(id));
        robot.write(text);
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
    }

    private String fields() {
        AtomicReference<String> s = new AtomicReference<>();
        robot.interact(() -> s.set(List.of("current-password", "new-password", "repeat-password").stream()
                .map(id -> id + "='" + ((TextInputControl) node(id)).getText() + "'").toList() + " focus=" + robot.targetWindow()));
        return s.get();
    }

    private boolean dialogOpen() {
        return has("current-password") && node("current-password").getScene().getWindow().isShowing();
    }

    @Test
    void theMarkerIsHiddenAndTakesNoRoomOverTls() {
        show(fake);
        Node marker = node("not-encrypted");
        assertFalse(marker.isVisible());
        assertFalse(marker.isManaged());
    }

    @Test
    void theMarkerShowsForAPlainConnectionWithItsReason() {
        show(ServiceWith.override(fake, "address", args -> new ServerAddress("lan-box", 7447, false)));
        Labeled marker = node("not-encrypted");
        assertTrue(marker.isVisible());
        assertTrue(marker.isManaged());
        assertEquals("Not encrypted", marker.getText());
        assertTrue(marker.getTooltip().getText().contains("anyone on the network can read your messages and password"));
    }

    @Test
    void enterChangesThePasswordWithoutWaitingAndTheAnswerShowsInTheDialog() throws Exception {
        show(fake);
        robot.clickOn((Node) node("change-password"));
        waitUntil(() -> dialogOpen() && node("current-password").isFocused());
        assertTrue(this.<Button>node("password-submit").isDisabled());

        typeInto("current-password", OLD);
        typeInto("new-password", NEW);
        typeInto("repeat-password", NEW);
        assertFalse(this.<Button>node("password-submit").isDisabled(), this::fields);
        robot.type(KeyCode.ENTER);
        // The request is out and the FX thread is free: the dialog is still open and waiting.
        waitUntil(() -> fake.calls("changePassword").size() == 1);
        assertEquals(List.of(OLD, NEW), fake.last("changePassword").args());
        assertTrue(dialogOpen());

        robot.interact(() -> fake.last("changePassword").reply().complete(null));
        waitUntil(() -> "Your password was changed.".equals(text("password-message")));
        robot.interact(() -> assertEquals("", ((TextInputControl) node("current-password")).getText()));
        assertEquals("Close", text("password-cancel"));

        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> !dialogOpen());
    }

    @Test
    void aRefusalStaysInTheDialogForARetry() throws Exception {
        show(fake);
        robot.clickOn((Node) node("change-password"));
        waitUntil(() -> dialogOpen() && node("current-password").isFocused());
        typeInto("current-password", "wrong-one");
        typeInto("new-password", NEW);
        typeInto("repeat-password", NEW);
        robot.clickOn((Node) node("password-submit"));
        waitUntil(() -> fake.calls("changePassword").size() == 1);
        robot.interact(() -> fake.last("changePassword").reply().completeExceptionally(
                RequestFailedException.local("You are offline. Try again once connected.")));
        waitUntil(() -> "You are offline. Try again once connected.".equals(text("password-message")));
        assertTrue(dialogOpen());
        assertEquals("Cancel", text("password-cancel"));
        robot.clickOn((Node) node("password-cancel"));
        waitUntil(() -> !dialogOpen());
    }

    @Test
    void enterDoesNothingWhileTheFormIsInvalid() throws Exception {
        show(fake);
        robot.clickOn((Node) node("change-password"));
        waitUntil(() -> dialogOpen() && node("current-password").isFocused());
        typeInto("current-password", OLD);
        typeInto("new-password", "short");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fake.calls("changePassword").isEmpty());
        assertTrue(dialogOpen());
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> !dialogOpen());
    }
}
