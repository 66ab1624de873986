package chatroom.client.ui.chat;

import chatroom.client.ui.FxExecutor;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import chatroom.client.ui.FormParts;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The password change form in a modal dialog, bound to a {@link PasswordChangeViewModel}. It stays
 * open after the server's answer so the user can read it (and retry after a refusal); Enter submits
 * when the form is valid, Escape or Cancel closes. It is shown with {@code show()}, not
 * {@code showAndWait()}: the request runs while the FX thread carries on.
 */
final class PasswordChangeDialog {
    private static final ButtonType CHANGE = new ButtonType("Change password", ButtonData.OK_DONE);

    private final Dialog<Void> dialog = new Dialog<>();

    PasswordChangeDialog(PasswordChangeViewModel vm, Window owner) {
        dialog.setTitle("Change password");
        dialog.setHeaderText("Change your password\nYou stay logged in; next time, log in with the new one.");
        dialog.getDialogPane().setId("password-dialog");
        // chat.css gives the error and result colours; dialogs have a scene of their own.
        if (owner.getScene() != null) dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, CHANGE);
        dialog.setResultConverter(button -> null);

        PasswordField current = field("current-password", "Current password", vm.currentProperty());
        PasswordField next = field("new-password", "New password (at least 8 characters)", vm.newPasswordProperty());
        PasswordField repeat = field("repeat-password", "Repeat the new password", vm.repeatProperty());

        Label message = new Label();
        message.setId("password-message");
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        message.textProperty().bind(vm.messageProperty());
        // failed is set before message, so the colour is right when the text appears.
        vm.messageProperty().addListener(o -> message.getStyleClass().setAll("label", vm.failedProperty().get() ? "result-failed" : "result-ok"));
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        HBox waiting = new HBox(8, spinner, new Label("Changing your password…"));
        waiting.setAlignment(Pos.CENTER_LEFT);
        waiting.visibleProperty().bind(vm.busyProperty());
        waiting.managedProperty().bind(vm.busyProperty());

        VBox fields = new VBox(4,
                FormParts.caption("Current password"), current, FormParts.fieldError(vm.currentErrorBinding()),
                FormParts.caption("New password"), next, FormParts.fieldError(vm.newErrorBinding()),
                FormParts.caption("Repeat the new password"), repeat, FormParts.fieldError(vm.repeatErrorBinding()));
        fields.disableProperty().bind(vm.busyProperty());
        VBox content = new VBox(10, fields, waiting, message);
        content.setPrefWidth(360);
        dialog.getDialogPane().setContent(content);

        Button submit = (Button) dialog.getDialogPane().lookupButton(CHANGE);
        submit.setId("password-submit");
        submit.getStyleClass().add("accent");
        // Disabled unless valid: as the default button, this is also what keeps Enter from submitting too early.
        submit.disableProperty().bind(vm.canSubmitBinding().not());
        submit.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // stay open for the answer
            vm.submit();
        });
        Button cancel = (Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId("password-cancel");
        // After a success there is nothing left to cancel.
        cancel.textProperty().bind(Bindings.when(vm.messageProperty().isNotEmpty().and(vm.failedProperty().not()))
                .then("Close").otherwise("Cancel"));

        // The fields were disabled while waiting, which took the focus away; give it back for a retry.
        vm.busyProperty().addListener((o, was, now) -> {
            if (!now) current.requestFocus();
        });
        // A dialog keeps the size it was shown with; errors and answers that appear need more room.
        InvalidationListener refit = o -> FxExecutor.INSTANCE.later(this::fit);
        for (var changes : List.of(vm.messageProperty(), vm.busyProperty(), vm.currentErrorBinding(), vm.newErrorBinding(),
                vm.repeatErrorBinding())) {
            changes.addListener(refit);
        }
        dialog.initOwner(owner);
        // The dialog focuses its default button when shown; typing belongs in the first field.
        dialog.setOnShown(e -> FxExecutor.INSTANCE.later(current::requestFocus));
    }

    private void fit() {
        Window window = dialog.getDialogPane().getScene() == null ? null : dialog.getDialogPane().getScene().getWindow();
        if (window != null && window.isShowing()) window.sizeToScene();
    }

    void show() {
        dialog.show();
    }

    boolean isShowing() {
        return dialog.isShowing();
    }

    /** Closes the dialog, e.g. when the session ends under it; a request in flight just completes unseen. */
    void close() {
        dialog.close();
    }

    private static PasswordField field(String id, String prompt, StringProperty property) {
        PasswordField field = new PasswordField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        return field;
    }

}
