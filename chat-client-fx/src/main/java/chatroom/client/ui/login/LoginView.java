package chatroom.client.ui.login;

import chatroom.client.settings.ServerEntry;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import chatroom.client.ui.FormParts;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The login form. It only binds to {@link LoginViewModel}; Enter submits through the default button. */
public final class LoginView {
    private final StackPane root = new StackPane();

    public LoginView(LoginViewModel vm) {
        Label title = new Label("Chatroom");
        title.getStyleClass().add("app-title");
        Label subtitle = new Label("Chat with the people on your network");
        subtitle.getStyleClass().add("app-subtitle");

        ToggleGroup mode = new ToggleGroup();
        ToggleButton logIn = new ToggleButton("Log in");
        ToggleButton register = new ToggleButton("Create account");
        logIn.setId("mode-login");
        register.setId("mode-register");
        logIn.setToggleGroup(mode);
        register.setToggleGroup(mode);
        logIn.getStyleClass().add("left-pill");
        register.getStyleClass().add("right-pill");
        logIn.setSelected(!vm.registerProperty().get());
        register.setSelected(vm.registerProperty().get());
        mode.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) was.setSelected(true); // one of the two is always chosen
            else vm.registerProperty().set(now == register);
        });
        logIn.setMaxWidth(Double.MAX_VALUE);
        register.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(logIn, Priority.ALWAYS);
        HBox.setHgrow(register, Priority.ALWAYS);
        HBox modes = new HBox(logIn, register);

        TextField host = text("host", "Server (name or address)", vm.hostProperty());
        TextField port = text("port", "Port", vm.portProperty());
        port.setPrefColumnCount(5);
        MenuButton recent = new MenuButton("Recent");
        recent.setId("recent");
        recent.setFocusTraversable(true);
        recent.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Runnable fillRecent = () -> {
            recent.getItems().setAll(vm.recentServers().stream().map(entry -> recentItem(vm, entry)).toList());
            recent.setDisable(vm.recentServers().isEmpty());
        };
        vm.recentServers().addListener((javafx.collections.ListChangeListener<ServerEntry>) c -> fillRecent.run());
        fillRecent.run();
        HBox.setHgrow(host, Priority.ALWAYS);
        HBox server = new HBox(6, host, port, recent);
        CheckBox plain = new CheckBox("Plain connection (server started with --no-tls)");
        plain.setId("plain");
        plain.selectedProperty().bindBidirectional(vm.plainProperty());
        Label plainWarning = new Label("Not encrypted: anyone on the network can read your password and messages.");
        plainWarning.setId("plain-warning");
        plainWarning.getStyleClass().add("field-error");
        plainWarning.setWrapText(true);
        plainWarning.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        plainWarning.visibleProperty().bind(vm.plainProperty());
        plainWarning.managedProperty().bind(vm.plainProperty());

        TextField user = text("user", "User name", vm.userProperty());
        PasswordField password = new PasswordField();
        password.setId("password");
        password.setPromptText("Password");
        password.textProperty().bindBidirectional(vm.passwordProperty());
        PasswordField repeat = new PasswordField();
        repeat.setId("repeat");
        repeat.setPromptText("Repeat the password");
        repeat.textProperty().bindBidirectional(vm.repeatProperty());
        VBox repeatBox = new VBox(2, repeat, FormParts.fieldError(vm.repeatErrorBinding()));
        repeatBox.visibleProperty().bind(vm.registerProperty());
        repeatBox.managedProperty().bind(vm.registerProperty());

        Label message = new Label();
        message.setId("login-message");
        message.getStyleClass().add("form-message");
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        message.setMaxWidth(Double.MAX_VALUE);
        message.setWrapText(true);
        message.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Node certificateChange = certificateChange(vm);
        vm.trustPromptProperty().addListener((o, was, now) -> {
            if (now != null) CertificateDialogs.askFirstUse(root, vm, now);
        });

        Button submit = new Button();
        submit.setId("submit");
        submit.setDefaultButton(true);
        submit.getStyleClass().add("accent");
        submit.textProperty().bind(Bindings.when(vm.registerProperty()).then("Create account").otherwise("Log in"));
        submit.disableProperty().bind(vm.canSubmitBinding().not());
        submit.setOnAction(e -> vm.submit());
        submit.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(submit, Priority.ALWAYS);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setId("busy");
        spinner.setPrefSize(24, 24);
        spinner.visibleProperty().bind(vm.busyProperty());
        spinner.managedProperty().bind(vm.busyProperty());
        HBox actions = new HBox(10, submit, spinner);
        actions.setAlignment(Pos.CENTER_LEFT);

        VBox form = new VBox(4,
                modes,
                gap(),
                FormParts.caption("Server"), server, FormParts.fieldError(vm.hostErrorBinding()), FormParts.fieldError(vm.portErrorBinding()),
                plain, plainWarning,
                FormParts.caption("User name"), user, FormParts.fieldError(vm.userErrorBinding()),
                FormParts.caption("Password"), password, FormParts.fieldError(vm.passwordErrorBinding()),
                repeatBox,
                message,
                certificateChange,
                gap(),
                actions);
        form.disableProperty().bind(vm.busyProperty());

        VBox card = new VBox(6, title, subtitle, gap(), form);
        card.getStyleClass().add("login-card");
        card.setMaxWidth(420);
        card.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        // A long warning (a changed certificate) may not fit a small window: scroll rather than squeeze.
        StackPane centre = new StackPane(card);
        centre.getStyleClass().add("login-background");
        centre.setPadding(new Insets(24));
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(centre);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add(atlantafx.base.theme.Tweaks.EDGE_TO_EDGE);
        scroll.setFocusTraversable(false);
        root.getChildren().add(scroll);
        root.getStyleClass().add("login-background");
        root.setId("login-view");
        this.user = user;
        this.password = password;
        this.vm = vm;
    }

    private final TextField user;
    private final PasswordField password;
    private final LoginViewModel vm;

    /** Puts the caret where the user is most likely to type: the name, or the password if the name is known. */
    public void focusFirstField() {
        // After the first layout: the scroll pane's skin, made then, must not take the focus back.
        chatroom.client.ui.FxExecutor.INSTANCE.later((vm.userProperty().get().isEmpty() ? user : password)::requestFocus);
    }

    public Parent root() {
        return root;
    }

    /** Both fingerprints, what the change may mean, and the deliberate way to accept it. */
    private Node certificateChange(LoginViewModel vm) {
        Label before = new Label();
        Label now = new Label();
        before.setId("pinned-fingerprint");
        now.setId("presented-fingerprint");
        before.getStyleClass().add("fingerprint");
        now.getStyleClass().add("fingerprint");
        vm.certificateChangeProperty().addListener((o, was, change) -> {
            before.setText(change == null ? "" : change.pinned().twoLines());
            now.setText(change == null ? "" : change.presented().twoLines());
        });
        Label advice = new Label("A reinstalled server or a replaced certificate does this, but so does someone "
                + "intercepting the connection. Ask the server's admin for the fingerprint it prints at start "
                + "(chatroom-server fingerprint); trust the new one only if it matches.");
        advice.setWrapText(true);
        advice.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        before.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        now.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        advice.getStyleClass().add("muted");
        Button trustNew = new Button("Trust the new certificate…");
        trustNew.setId("trust-new");
        trustNew.setOnAction(e -> CertificateDialogs.confirmChange(root, vm));
        VBox box = new VBox(4, FormParts.caption("Accepted before"), before, FormParts.caption("Shown now"), now, advice, trustNew);
        box.setId("certificate-change");
        box.visibleProperty().bind(vm.certificateChangeProperty().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static MenuItem recentItem(LoginViewModel vm, ServerEntry entry) {
        String label = entry.user().isEmpty() ? entry.label() : entry.user() + " @ " + entry.label();
        MenuItem item = new MenuItem(label);
        item.setOnAction(e -> vm.useServer(entry));
        return item;
    }

    private static TextField text(String id, String prompt, javafx.beans.property.StringProperty property) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private static Node gap() {
        javafx.scene.layout.Region r = new javafx.scene.layout.Region();
        r.setMinHeight(8);
        return r;
    }
}
