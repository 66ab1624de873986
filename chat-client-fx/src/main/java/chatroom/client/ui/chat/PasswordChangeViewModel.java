package chatroom.client.ui.chat;

import chatroom.client.service.ChatService;
import chatroom.client.service.RequestFailedException;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.RegisterRequest;
import java.nio.charset.StandardCharsets;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The password change form: current, new and repeated password, checked as the user types with
 * the rules the server applies ({@link RegisterRequest#MIN_PASSWORD} characters,
 * {@link RegisterRequest#MAX_PASSWORD_BYTES} UTF-8 bytes), so a refusal from the server is left for
 * what only it can know: whether the current password is right. An empty field shows no error, so
 * the form does not open red.
 */
public final class PasswordChangeViewModel {
    static final String CHANGED = "Your password was changed.";
    static final String WRONG_CURRENT = "The current password is wrong; your password was not changed.";

    private final ChatService service;
    private final StringProperty current = new SimpleStringProperty(this, "current", "");
    private final StringProperty newPassword = new SimpleStringProperty(this, "newPassword", "");
    private final StringProperty repeat = new SimpleStringProperty(this, "repeat", "");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final BooleanProperty failed = new SimpleBooleanProperty(this, "failed");
    private final StringBinding currentError;
    private final StringBinding newError;
    private final StringBinding repeatError;
    private final BooleanBinding canSubmit;

    public PasswordChangeViewModel(ChatService service) {
        this.service = service;
        currentError = Bindings.createStringBinding(() -> tooLong(current.get())
                ? "Passwords are at most " + RegisterRequest.MAX_PASSWORD_BYTES + " bytes long." : null, current);
        newError = Bindings.createStringBinding(() -> newProblem(current.get(), newPassword.get()), current, newPassword);
        repeatError = Bindings.createStringBinding(
                () -> !repeat.get().isEmpty() && !repeat.get().equals(newPassword.get()) ? "The passwords do not match." : null,
                repeat, newPassword);
        canSubmit = Bindings.createBooleanBinding(
                () -> !busy.get() && !current.get().isEmpty() && !newPassword.get().isEmpty()
                        && currentError.get() == null && newError.get() == null && repeat.get().equals(newPassword.get()),
                busy, current, newPassword, repeat, currentError, newError);
        // Typing again makes the last answer stale; a leftover "wrong password" would mislead.
        InvalidationListener stale = o -> message.set("");
        current.addListener(stale);
        newPassword.addListener(stale);
        repeat.addListener(stale);
    }

    public StringProperty currentProperty() {
        return current;
    }

    public StringProperty newPasswordProperty() {
        return newPassword;
    }

    public StringProperty repeatProperty() {
        return repeat;
    }

    /** True while the server has not answered; the form waits and a second submit does nothing. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** The outcome of the last submit as a sentence: the refusal, or {@value #CHANGED}; empty otherwise. */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    /** Whether {@link #messageProperty()} is a refusal (the view shows it in the error colour). */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed;
    }

    public StringBinding currentErrorBinding() {
        return currentError;
    }

    public StringBinding newErrorBinding() {
        return newError;
    }

    public StringBinding repeatErrorBinding() {
        return repeatError;
    }

    public BooleanBinding canSubmitBinding() {
        return canSubmit;
    }

    /** Sends the change; does nothing while the form is incomplete or invalid, or a change is under way. */
    public void submit() {
        if (!canSubmit.get()) return;
        busy.set(true);
        message.set("");
        service.changePassword(current.get(), newPassword.get()).whenComplete((ok, failure) -> {
            busy.set(false);
            if (failure != null) {
                failed.set(true);
                message.set(sentenceOf(failure));
                return;
            }
            // Cleared before the message is set: clearing makes any message stale.
            current.set("");
            newPassword.set("");
            repeat.set("");
            failed.set(false);
            message.set(CHANGED);
        });
    }

    private static String newProblem(String current, String next) {
        if (next.isEmpty()) return null;
        if (next.codePointCount(0, next.length()) < RegisterRequest.MIN_PASSWORD) {
            return "Use at least " + RegisterRequest.MIN_PASSWORD + " characters.";
        }
        if (tooLong(next)) return "Use at most " + RegisterRequest.MAX_PASSWORD_BYTES + " bytes (fewer characters outside plain ASCII).";
        if (next.equals(current)) return "The new password must differ from the current one.";
        return null;
    }

    private static boolean tooLong(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length > RegisterRequest.MAX_PASSWORD_BYTES;
    }

    /**
     * The general sentence for bad credentials speaks of the user name, which is not in this form;
     * here the only thing that can be wrong is the current password. Every other refusal is the
     * service's sentence as it stands.
     */
    private static String sentenceOf(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && !(t instanceof RequestFailedException)) t = t.getCause();
        if (t instanceof RequestFailedException r && r.error() != null && r.error().code() == ErrorCode.BAD_CREDENTIALS) {
            return WRONG_CURRENT;
        }
        return RequestFailedException.sentenceOf(failure);
    }
}
