package chatroom.client.ui.admin;

import chatroom.client.service.ChatService;
import chatroom.client.service.RequestFailedException;
import chatroom.common.model.Role;
import chatroom.common.protocol.BanInfo;
import chatroom.common.protocol.Fields;
import chatroom.common.protocol.UserInfo;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The admin view's state: every account with role and status, the bans, and the moderation intents.
 * Each intent reports the server's answer as a sentence in {@link #resultProperty()}. The view asks
 * for confirmation before calling them; the server checks every permission again anyway.
 */
public final class AdminViewModel {
    private final ChatService service;
    private final Role myRole;
    private final ObservableList<UserInfo> users = FXCollections.observableArrayList();
    private final ObservableList<BanInfo> bans = FXCollections.observableArrayList();
    private final StringProperty result = new SimpleStringProperty(this, "result", "");
    private final BooleanProperty failed = new SimpleBooleanProperty(this, "failed");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");

    public AdminViewModel(ChatService service, Role myRole) {
        this.service = service;
        this.myRole = myRole;
    }

    public ObservableList<UserInfo> users() {
        return users;
    }

    public ObservableList<BanInfo> bans() {
        return bans;
    }

    public ReadOnlyStringProperty resultProperty() {
        return result;
    }

    /** Whether the last result was a refusal (the view shows it in the error colour). */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** Only admins may change roles; moderators see the column but not the control. */
    public boolean canChangeRoles() {
        return myRole == Role.ADMIN;
    }

    public boolean canModerate() {
        return myRole.canModerate();
    }

    /** The roles this user may pick for someone else. */
    public java.util.List<Role> assignableRoles() {
        return canChangeRoles() ? java.util.List.of(Role.values()) : java.util.List.of();
    }

    public CompletableFuture<Void> refresh() {
        busy.set(true);
        CompletableFuture<Void> u = service.users().thenAccept(users::setAll);
        CompletableFuture<Void> b = service.bans().thenAccept(bans::setAll);
        return CompletableFuture.allOf(u, b).whenComplete((ok, failure) -> {
            busy.set(false);
            if (failure != null) report(null, failure);
        });
    }

    public CompletableFuture<Void> kick(String user, String reason) {
        return act(service.kick(user, blankToNull(reason)), "Kicked " + user + ".");
    }

    /**
     * Bans {@code user}; {@code minutes} null means until unbanned. Returns a sentence at once if the
     * input is not acceptable, and sends nothing then.
     */
    public Optional<String> ban(String user, String reason, Long minutes) {
        Optional<String> problem = Optional.empty();
        if (minutes != null && minutes <= 0) problem = Optional.of("A ban lasts at least one minute; choose \"until unbanned\" for a permanent ban.");
        if (reason != null && reason.strip().length() > Fields.MAX_SHORT_TEXT) {
            problem = Optional.of("Keep the reason under " + Fields.MAX_SHORT_TEXT + " characters.");
        }
        if (problem.isPresent()) {
            failed.set(true);
            result.set(problem.get());
            return problem;
        }
        String how = minutes == null ? " until unbanned." : " for " + describeMinutes(minutes) + ".";
        act(service.ban(user, blankToNull(reason), minutes), "Banned " + user + how);
        return Optional.empty();
    }

    public CompletableFuture<Void> unban(String user) {
        return act(service.unban(user), "Unbanned " + user + ".");
    }

    public CompletableFuture<Void> changeRole(String user, Role role) {
        return act(service.role(user, role), user + " is now " + article(role) + role.wireName() + ".");
    }

    private CompletableFuture<Void> act(CompletableFuture<Void> request, String success) {
        busy.set(true);
        return request.whenComplete((ok, failure) -> {
            busy.set(false);
            report(success, failure);
            if (failure == null) refresh();
        });
    }

    private void report(String success, Throwable failure) {
        failed.set(failure != null);
        result.set(failure == null ? success : RequestFailedException.sentenceOf(failure));
    }

    static String describeMinutes(long minutes) {
        if (minutes % (60 * 24) == 0) return plural(minutes / (60 * 24), "day");
        if (minutes % 60 == 0) return plural(minutes / 60, "hour");
        return plural(minutes, "minute");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static String article(Role role) {
        return role == Role.ADMIN ? "an " : "a ";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
