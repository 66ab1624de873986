package chatroom.client.ui.login;

import chatroom.client.service.ChatService;
import chatroom.client.service.RequestFailedException;
import chatroom.client.service.ServerAddress;
import chatroom.client.service.SettingsService;
import chatroom.client.service.UntrustedServerException;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import chatroom.client.settings.ServerEntry;
import chatroom.common.model.Names;
import chatroom.common.protocol.Welcome;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The login form: server, name and password with validation as the user types, a register/log-in
 * switch, recent servers, and the server's refusals as sentences. A field's error shows only once
 * the user has typed in it, so an empty form does not start out red.
 */
public final class LoginViewModel {
    /** The server refuses shorter passwords at registration. */
    public static final int MIN_PASSWORD = 8;
    /** Passwords longer than this many UTF-8 bytes are refused before they are sent (the server refuses them too). */
    public static final int MAX_PASSWORD = 1024;

    private final ChatService service;
    private final SettingsService settings;
    private final BiConsumer<Welcome, ChatService> onLoggedIn;

    private final StringProperty host = new SimpleStringProperty(this, "host", "localhost");
    private final StringProperty port = new SimpleStringProperty(this, "port", String.valueOf(ServerAddress.DEFAULT_PORT));
    private final StringProperty user = new SimpleStringProperty(this, "user", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final StringProperty repeat = new SimpleStringProperty(this, "repeat", "");
    private final BooleanProperty register = new SimpleBooleanProperty(this, "register");
    private final BooleanProperty plain = new SimpleBooleanProperty(this, "plain");
    private final ObjectProperty<UntrustedServerException> trustPrompt = new SimpleObjectProperty<>(this, "trustPrompt");
    private final ObjectProperty<UntrustedServerException> certificateChange = new SimpleObjectProperty<>(this, "certificateChange");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final ObservableList<ServerEntry> recent = FXCollections.observableArrayList();

    private final StringBinding hostError;
    private final StringBinding portError;
    private final StringBinding userError;
    private final StringBinding passwordError;
    private final StringBinding repeatError;
    private final BooleanBinding canSubmit;

    public LoginViewModel(ChatService service, SettingsService settings, BiConsumer<Welcome, ChatService> onLoggedIn) {
        this.service = service;
        this.settings = settings;
        this.onLoggedIn = onLoggedIn;
        recent.setAll(settings.current().recentServers());
        settings.current().lastServer().ifPresent(this::useServer);

        hostError = Bindings.createStringBinding(() -> hostProblem(host.get()), host);
        portError = Bindings.createStringBinding(() -> portProblem(port.get()), port);
        userError = Bindings.createStringBinding(() -> user.get().isEmpty() ? null : Names.problem(user.get().strip(), "user name"), user);
        passwordError = Bindings.createStringBinding(this::passwordProblem, password, register);
        repeatError = Bindings.createStringBinding(
                () -> register.get() && !repeat.get().isEmpty() && !repeat.get().equals(password.get()) ? "The passwords do not match." : null,
                repeat, password, register);
        canSubmit = Bindings.createBooleanBinding(
                () -> !busy.get() && hostError.get() == null && portError.get() == null && userError.get() == null
                        && passwordError.get() == null && repeatError.get() == null
                        && !user.get().isBlank() && !password.get().isEmpty() && !host.get().isBlank()
                        && (!register.get() || repeat.get().equals(password.get())),
                busy, host, port, user, password, repeat, register, hostError, portError, userError, passwordError, repeatError);
        // A new attempt makes the last refusal stale.
        user.addListener((o, a, b) -> message.set(""));
        password.addListener((o, a, b) -> message.set(""));
        // A changed certificate belongs to one server; naming another one makes the warning stale.
        host.addListener((o, a, b) -> certificateChange.set(null));
        port.addListener((o, a, b) -> certificateChange.set(null));
        plain.addListener((o, a, b) -> certificateChange.set(null));
    }

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty repeatProperty() {
        return repeat;
    }

    public BooleanProperty registerProperty() {
        return register;
    }

    /** "Plain connection": no TLS, for a server started with {@code --no-tls}. */
    public BooleanProperty plainProperty() {
        return plain;
    }

    /**
     * A first connection waiting for the user to accept or decline the server's certificate; null
     * otherwise. The view shows the fingerprint and calls {@link #acceptCertificate()} or
     * {@link #declineCertificate()}.
     */
    public ReadOnlyObjectProperty<UntrustedServerException> trustPromptProperty() {
        return trustPrompt;
    }

    /**
     * The last login stopped because the server's certificate differs from the pinned one; null
     * otherwise. The view offers {@link #trustNewCertificate()} behind a confirmation.
     */
    public ReadOnlyObjectProperty<UntrustedServerException> certificateChangeProperty() {
        return certificateChange;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public ObservableList<ServerEntry> recentServers() {
        return recent;
    }

    public StringBinding hostErrorBinding() {
        return hostError;
    }

    public StringBinding portErrorBinding() {
        return portError;
    }

    public StringBinding userErrorBinding() {
        return userError;
    }

    public StringBinding passwordErrorBinding() {
        return passwordError;
    }

    public StringBinding repeatErrorBinding() {
        return repeatError;
    }

    public BooleanBinding canSubmitBinding() {
        return canSubmit;
    }

    /** Fills the server fields (and the user name last used there) from a recent server. */
    public void useServer(ServerEntry entry) {
        if (entry == null) return;
        host.set(entry.host());
        port.set(String.valueOf(entry.port()));
        plain.set(entry.plain());
        if (!entry.user().isEmpty()) user.set(entry.user());
    }

    /** Shows why the last session ended (kicked, banned) above the form. */
    public void showEnded(String sentence) {
        // Clear first: editing the password clears the message, and this one must stay.
        password.set("");
        repeat.set("");
        message.set(sentence == null ? "" : sentence);
    }

    /** Logs in or registers; does nothing while the form is incomplete or a try is under way. */
    public void submit() {
        if (!canSubmit.get() || trustPrompt.get() != null) return;
        ServerAddress address = new ServerAddress(host.get().strip(), Integer.parseInt(port.get().strip()), !plain.get());
        String name = user.get().strip();
        busy.set(true);
        message.set("");
        certificateChange.set(null);
        service.logIn(address, name, password.get(), register.get()).whenComplete((welcome, failure) -> {
            busy.set(false);
            if (failure != null) {
                refused(failure);
                return;
            }
            settings.update(s -> s.withServerUsed(new ServerEntry(address.host(), address.port(), welcome.user(), !address.tls())));
            recent.setAll(settings.current().recentServers());
            password.set("");
            repeat.set("");
            onLoggedIn.accept(welcome, service);
        });
    }

    private void refused(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof UntrustedServerException untrusted) {
            if (untrusted.firstUse()) {
                trustPrompt.set(untrusted);
            } else {
                certificateChange.set(untrusted);
                // The fingerprints and what to do are shown beside it, from certificateChange.
                message.set("Stopped: " + untrusted.address() + " shows a different certificate than the one you "
                        + "accepted before, so your password was not sent.");
            }
            return;
        }
        message.set(RequestFailedException.sentenceOf(failure));
    }

    /** Pins the certificate shown in the prompt and continues the login the user started. */
    public void acceptCertificate() {
        UntrustedServerException prompt = trustPrompt.get();
        if (prompt == null) return;
        trustPrompt.set(null);
        settings.update(s -> s.withPin(prompt.address().host(), prompt.address().port(), prompt.presented()));
        submit();
    }

    /** Leaves the server untrusted; nothing was sent to it. */
    public void declineCertificate() {
        UntrustedServerException prompt = trustPrompt.get();
        if (prompt == null) return;
        trustPrompt.set(null);
        message.set("You did not accept the certificate of " + prompt.address()
                + ", so nothing was sent to it. Check the fingerprint with the server's admin and try again.");
    }

    /**
     * Replaces the pin after a certificate change, once the user has confirmed it with the admin.
     * Does not log in by itself: the user does that, deliberately, with the new pin in place.
     */
    public void trustNewCertificate() {
        UntrustedServerException change = certificateChange.get();
        if (change == null) return;
        certificateChange.set(null);
        settings.update(s -> s.withPin(change.address().host(), change.address().port(), change.presented()));
        message.set("The new certificate of " + change.address() + " is now trusted (" + change.presented()
                + "). Log in again.");
    }

    private String passwordProblem() {
        String p = password.get();
        if (p.isEmpty()) return null;
        if (p.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD) {
            return "Passwords are limited to " + MAX_PASSWORD + " bytes (as many letters of the Latin alphabet, fewer in other scripts).";
        }
        if (register.get() && p.length() < MIN_PASSWORD) return "Use at least " + MIN_PASSWORD + " characters.";
        return null;
    }

    static String hostProblem(String value) {
        if (value == null || value.isBlank()) return "Enter the server's name or address.";
        if (value.strip().chars().anyMatch(c -> Character.isWhitespace(c) || c == '/')) return "A host name has no spaces or slashes.";
        return null;
    }

    static String portProblem(String value) {
        try {
            int p = Integer.parseInt(value == null ? "" : value.strip());
            return p >= 1 && p <= 65_535 ? null : "A port is a number from 1 to 65535.";
        } catch (NumberFormatException e) {
            return "A port is a number from 1 to 65535.";
        }
    }
}
