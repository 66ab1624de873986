package chatroom.client.ui.admin;

import chatroom.client.ui.FxExecutor;
import chatroom.common.model.Role;
import chatroom.common.protocol.BanInfo;
import chatroom.common.protocol.UserInfo;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The admin view: users with role and status (kick, ban, change role) and the bans (unban). Every
 * action asks first and then shows the server's answer under the tables.
 */
public final class AdminView {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withZone(ZoneId.systemDefault());
    /** Ban lengths offered in the dialog; null is "until unbanned". */
    private static final Long[] DURATIONS = {15L, 60L, 24 * 60L, 7 * 24 * 60L, 30 * 24 * 60L, null};

    private final AdminViewModel vm;
    private final VBox root = new VBox();
    private final TableView<UserInfo> users = new TableView<>();
    private final TableView<BanInfo> bans = new TableView<>();

    public AdminView(AdminViewModel vm, Runnable back) {
        this.vm = vm;
        root.setId("admin-view");
        root.getStyleClass().add("admin");

        Label title = new Label("Administration");
        title.getStyleClass().add("conversation-title");
        Button refresh = new Button("Refresh");
        refresh.setId("admin-refresh");
        refresh.setOnAction(e -> vm.refresh());
        Button backButton = new Button("Back to chat");
        backButton.setId("admin-back");
        backButton.setOnAction(e -> back.run());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox header = new HBox(10, title, spring, refresh, backButton);
        header.setAlignment(Pos.CENTER_LEFT);

        TabPane tabs = new TabPane(new Tab("Users", usersPane()), new Tab("Bans", bansPane()));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);

        Label result = new Label();
        result.setId("admin-result");
        result.setWrapText(true);
        result.textProperty().bind(vm.resultProperty());
        vm.resultProperty().addListener((o, a, text) ->
                result.getStyleClass().setAll("label", vm.failedProperty().get() ? "result-failed" : "result-ok"));
        root.getChildren().setAll(header, tabs, result);
        // While a request is out, the tables and actions wait; "Back to chat" stays usable.
        tabs.disableProperty().bind(vm.busyProperty());
        refresh.disableProperty().bind(vm.busyProperty());
    }

    public Parent root() {
        return root;
    }

    public void refresh() {
        vm.refresh();
    }

    private Parent usersPane() {
        users.setId("admin-users");
        users.setItems(vm.users());
        users.getColumns().setAll(
                column("User", UserInfo::user, 180),
                column("Role", u -> u.role().wireName(), 110),
                column("Status", u -> u.status().wireName(), 110));
        users.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(users, Priority.ALWAYS);

        Button kick = new Button("Kick…");
        kick.setId("admin-kick");
        kick.setOnAction(e -> selectedUser().ifPresent(this::askKick));
        Button ban = new Button("Ban…");
        ban.setId("admin-ban");
        ban.getStyleClass().add("danger");
        ban.setOnAction(e -> selectedUser().ifPresent(this::askBan));
        kick.disableProperty().bind(users.getSelectionModel().selectedItemProperty().isNull());
        ban.disableProperty().bind(users.getSelectionModel().selectedItemProperty().isNull());
        HBox actions = new HBox(8, kick, ban);
        if (vm.canChangeRoles()) {
            ComboBox<Role> role = new ComboBox<>();
            role.setId("admin-role");
            role.getItems().setAll(vm.assignableRoles());
            role.setPromptText("Role");
            Button apply = new Button("Change role…");
            apply.setId("admin-apply-role");
            apply.disableProperty().bind(users.getSelectionModel().selectedItemProperty().isNull().or(role.valueProperty().isNull()));
            apply.setOnAction(e -> selectedUser().ifPresent(u -> askRole(u, role.getValue())));
            actions.getChildren().addAll(new Label("   "), role, apply);
        }
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox pane = new VBox(8, users, actions);
        pane.setPadding(new Insets(8, 0, 0, 0));
        return pane;
    }

    private Parent bansPane() {
        bans.setId("admin-bans");
        bans.setItems(vm.bans());
        bans.setPlaceholder(new Label("Nobody is banned."));
        bans.getColumns().setAll(
                column("User", BanInfo::user, 140),
                column("By", BanInfo::by, 110),
                column("Reason", b -> b.reason() == null ? "" : b.reason(), 200),
                column("Since", b -> when(b.since()), 140),
                column("Until", b -> b.until() == null ? "until unbanned" : when(b.until()), 140));
        bans.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(bans, Priority.ALWAYS);
        Button unban = new Button("Unban…");
        unban.setId("admin-unban");
        unban.disableProperty().bind(bans.getSelectionModel().selectedItemProperty().isNull());
        unban.setOnAction(e -> {
            BanInfo ban = bans.getSelectionModel().getSelectedItem();
            if (ban != null && confirm("Unban " + ban.user() + "?", "They can log in again at once.")) vm.unban(ban.user());
        });
        VBox pane = new VBox(8, bans, unban);
        pane.setPadding(new Insets(8, 0, 0, 0));
        return pane;
    }

    private Optional<String> selectedUser() {
        return Optional.ofNullable(users.getSelectionModel().getSelectedItem()).map(UserInfo::user);
    }

    private void askKick(String user) {
        Dialog<String> dialog = dialog("Kick " + user + "?", "They are disconnected now and may log in again.", "Kick");
        TextField reason = new TextField();
        reason.setId("kick-reason");
        reason.setPromptText("Reason (optional, shown to them)");
        dialog.getDialogPane().setContent(form(new Label("Reason"), reason));
        focusOnShow(dialog, reason);
        dialog.setResultConverter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE ? reason.getText() : null);
        dialog.showAndWait().ifPresent(r -> vm.kick(user, r));
    }

    private void askBan(String user) {
        Dialog<Runnable> dialog = dialog("Ban " + user + "?", "They are disconnected now and cannot log in until the ban ends.", "Ban");
        TextField reason = new TextField();
        reason.setId("ban-reason");
        reason.setPromptText("Reason (shown to them)");
        ComboBox<Long> duration = new ComboBox<>();
        duration.setId("ban-duration");
        duration.getItems().setAll(DURATIONS);
        duration.setValue(60L);
        duration.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Long minutes) {
                return minutes == null ? "Until unbanned" : AdminViewModel.describeMinutes(minutes);
            }

            @Override
            public Long fromString(String s) {
                return null;
            }
        });
        dialog.getDialogPane().setContent(form(new Label("Reason"), reason, new Label("How long"), duration));
        focusOnShow(dialog, reason);
        // A refusal of the input shows in the result line, like the server's answers.
        dialog.setResultConverter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE
                ? () -> vm.ban(user, reason.getText(), duration.getValue())
                : null);
        dialog.showAndWait().ifPresent(Runnable::run);
    }

    private void askRole(String user, Role role) {
        if (confirm("Make " + user + " " + role.wireName() + "?", "Roles decide who may moderate and who may change roles.")) {
            vm.changeRole(user, role);
        }
    }

    private <T> Dialog<T> dialog(String header, String text, String action) {
        Dialog<T> dialog = new Dialog<>();
        dialog.setTitle("Confirm");
        dialog.setHeaderText(header + "\n" + text);
        ButtonType ok = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, ok);
        dialog.initOwner(root.getScene().getWindow());
        return dialog;
    }

    /**
     * Typing goes into {@code field}, not into the focused button (where a space would confirm).
     * The dialog focuses its button when shown, so this runs after that.
     */
    private static void focusOnShow(Dialog<?> dialog, javafx.scene.Node field) {
        dialog.setOnShown(e -> FxExecutor.INSTANCE.later(field::requestFocus));
    }

    private boolean confirm(String header, String text) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.CANCEL, ButtonType.OK);
        alert.setHeaderText(header);
        alert.initOwner(root.getScene().getWindow());
        return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    private static GridPane form(javafx.scene.Node... labelAndField) {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        for (int i = 0; i + 1 < labelAndField.length; i += 2) grid.addRow(i / 2, labelAndField[i], labelAndField[i + 1]);
        return grid;
    }

    private static <S> TableColumn<S, String> column(String title, Function<S, String> value, double width) {
        TableColumn<S, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private static String when(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }
}
