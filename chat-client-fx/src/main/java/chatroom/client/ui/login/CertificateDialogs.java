package chatroom.client.ui.login;

import chatroom.client.service.UntrustedServerException;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The two questions about a server's certificate: trust it on first contact, and (after a hard
 * stop) replace the pin deliberately. In both, Enter means Cancel: trusting must be a choice, not
 * a reflex.
 */
final class CertificateDialogs {
    private CertificateDialogs() {
    }

    /** First contact: shows the fingerprint; Trust pins it and continues the login, anything else declines. */
    static void askFirstUse(Node owner, LoginViewModel vm, UntrustedServerException prompt) {
        ButtonType trust = new ButtonType("Trust and log in", ButtonBar.ButtonData.OK_DONE);
        Dialog<ButtonType> dialog = dialog(owner, "trust-dialog", "New server",
                "First connection to " + prompt.address(),
                "Ask the server's admin for its certificate fingerprint (the server prints it when it starts, and "
                        + "chatroom-server fingerprint shows it) and compare it with this one, group by group:",
                prompt.presented().twoLines(),
                "If they match, this client remembers the certificate and will warn you if it ever changes.",
                trust);
        dialog.setOnHidden(e -> {
            if (dialog.getResult() == trust) vm.acceptCertificate();
            else vm.declineCertificate();
        });
        dialog.show();
    }

    /** After a hard stop: replaces the pin only if the user confirms the admin vouched for the new fingerprint. */
    static void confirmChange(Node owner, LoginViewModel vm) {
        UntrustedServerException change = vm.certificateChangeProperty().get();
        if (change == null) return;
        ButtonType replace = new ButtonType("Trust the new certificate", ButtonBar.ButtonData.OK_DONE);
        Dialog<ButtonType> dialog = dialog(owner, "trust-new-dialog", "Certificate changed",
                "Trust the new certificate of " + change.address() + "?",
                "Continue only if the server's admin confirmed that the server's fingerprint is now:",
                change.presented().twoLines(),
                "The one you accepted before was:\n" + change.pinned().twoLines(),
                replace);
        dialog.setOnHidden(e -> {
            if (dialog.getResult() == replace) vm.trustNewCertificate();
        });
        dialog.show();
    }

    private static Dialog<ButtonType> dialog(Node owner, String id, String title, String header, String before,
                                             String fingerprint, String after, ButtonType action) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        dialog.getDialogPane().setId(id);
        Label intro = wrapped(before);
        Label print = new Label(fingerprint);
        print.setId(id + "-fingerprint");
        print.getStyleClass().add("fingerprint");
        Label outro = wrapped(after);
        VBox content = new VBox(12, intro, print, outro);
        content.setPrefWidth(460);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, action);
        Button act = (Button) dialog.getDialogPane().lookupButton(action);
        act.setId(id + "-accept");
        act.setDefaultButton(false);
        Button cancel = (Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId(id + "-cancel");
        cancel.setDefaultButton(true);
        if (owner.getScene() != null) dialog.initOwner(owner.getScene().getWindow());
        return dialog;
    }

    private static Label wrapped(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        return label;
    }
}
