package chatroom.client.ui.chat;

import chatroom.client.model.ChatLine;
import chatroom.client.model.Member;
import chatroom.client.transcript.TranscriptFormat;
import chatroom.client.ui.admin.AdminView;
import chatroom.client.ui.admin.AdminViewModel;
import chatroom.common.model.Status;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.BiFunction;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * The chat window: conversations on the left, the selected conversation in the middle, people on
 * the right, and the admin view in place of the conversation for moderators. It binds to
 * {@link ChatViewModel} and turns keys and clicks into its intents; dialogs live here too.
 */
public final class ChatView {
    /** Asks the user where to save a transcript; empty when they cancel. */
    @FunctionalInterface
    public interface SaveLocation extends BiFunction<Window, String, Optional<Path>> {}

    private final ChatViewModel vm;
    private final SaveLocation saveLocation;
    private final Runnable toggleTheme;
    private final BorderPane root = new BorderPane();
    private final StackPane center = new StackPane();
    private final VBox conversationPane = new VBox();
    private final ListView<ChatLine> messages = new ListView<>();
    private final TextArea composer = new TextArea();
    private final MessageListScroller scroller;
    private final Timeline ticker;
    private AdminView adminView;
    private PasswordChangeDialog passwordDialog;
    private ConversationViewModel bound;

    public ChatView(ChatViewModel vm, SaveLocation saveLocation, Runnable toggleTheme) {
        this.vm = vm;
        this.saveLocation = saveLocation;
        this.toggleTheme = toggleTheme;
        root.setId("chat-view");
        messages.setId("messages");
        messages.getStyleClass().add("messages");
        messages.setCellFactory(list -> new MessageCell(list, ZoneId.systemDefault()));
        messages.setFocusTraversable(false);
        messages.setPlaceholder(new Label("No messages yet. Say hello!"));
        scroller = new MessageListScroller(messages, vm::loadOlder);

        root.setLeft(sidebar());
        buildConversationPane();
        center.getChildren().add(conversationPane);
        root.setCenter(center);
        root.setRight(peoplePanel());

        vm.selectedProperty().addListener((o, was, now) -> showConversation(now));
        showConversation(vm.selectedProperty().get());

        // Any input counts as activity, for automatic away.
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> vm.userActivity());
        root.addEventFilter(MouseEvent.MOUSE_MOVED, e -> vm.userActivity());
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcuts);
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
    }

    public Parent root() {
        return root;
    }

    /** Stops the timers; called when the window leaves the chat view. */
    public void dispose() {
        ticker.stop();
        // A session that ends under the dialog (kicked, logged out) takes the dialog with it.
        if (passwordDialog != null) passwordDialog.close();
    }

    public void focusComposer() {
        composer.requestFocus();
    }

    // ---- sidebar -------------------------------------------------------------------------------

    private Parent sidebar() {
        Label me = new Label();
        me.getStyleClass().add("me-name");
        me.setId("me");
        me.textProperty().bind(vm.meProperty());
        me.setMinWidth(0); // a long name gives way to the button, with an ellipsis
        me.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(me, Priority.ALWAYS);
        Button password = new Button("Password…");
        password.setId("change-password");
        password.getStyleClass().addAll("flat", "small");
        password.setTooltip(new Tooltip("Change your password"));
        password.setMinWidth(Region.USE_PREF_SIZE);
        password.setOnAction(e -> askPasswordChange());
        HBox meRow = new HBox(4, me, password);
        meRow.setAlignment(Pos.CENTER_LEFT);

        ComboBox<Status> status = new ComboBox<>();
        status.setId("status");
        status.getItems().setAll(Status.ONLINE, Status.AWAY, Status.BUSY);
        status.setCellFactory(l -> new StatusCell());
        status.setButtonCell(new StatusCell());
        status.setValue(vm.statusProperty().get());
        status.setMaxWidth(Double.MAX_VALUE);
        status.setTooltip(new Tooltip("Your status. Busy turns notifications off."));
        boolean[] updating = {false};
        vm.statusProperty().addListener((o, a, b) -> {
            updating[0] = true;
            status.setValue(b);
            updating[0] = false;
        });
        status.valueProperty().addListener((o, a, b) -> {
            if (!updating[0] && b != null && b != vm.statusProperty().get()) vm.chooseStatus(b);
        });

        Button join = new Button("+");
        join.setId("join-room");
        join.setTooltip(new Tooltip("Join or create a room (Ctrl+J)"));
        join.getStyleClass().addAll("flat", "small");
        join.setOnAction(e -> askJoin());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox roomsHeader = new HBox(section("ROOMS"), spring, join);
        roomsHeader.setAlignment(Pos.CENTER_LEFT);

        ListView<ConversationViewModel> rooms = conversationList("rooms", vm.rooms());
        ListView<ConversationViewModel> directs = conversationList("directs", vm.directs());
        directs.setPlaceholder(new Label("Double-click a person\nto message them."));
        VBox.setVgrow(rooms, Priority.ALWAYS);
        VBox.setVgrow(directs, Priority.ALWAYS);

        Button admin = new Button("Admin");
        admin.setId("open-admin");
        admin.setMaxWidth(Double.MAX_VALUE);
        admin.visibleProperty().bind(vm.adminVisibleBinding());
        admin.managedProperty().bind(admin.visibleProperty());
        admin.setOnAction(e -> showAdmin());
        Button theme = new Button("Light / dark");
        theme.setId("theme");
        theme.getStyleClass().add("flat");
        theme.setOnAction(e -> toggleTheme.run());
        Button logOut = new Button("Log out");
        logOut.setId("log-out");
        logOut.getStyleClass().add("flat");
        logOut.setOnAction(e -> vm.logOut());
        HBox bottom = new HBox(4, theme, logOut);

        VBox sidebar = new VBox(meRow, notEncryptedMarker(), status, roomsHeader, rooms, section("DIRECT MESSAGES"), directs, admin, bottom);
        sidebar.getStyleClass().add("sidebar");
        sidebar.setPrefWidth(230);
        sidebar.setMinWidth(180);
        return sidebar;
    }

    /**
     * Shown only for a plain TCP session, at the top of the sidebar so it stays in sight whichever
     * conversation (or the admin view) is open.
     */
    private Label notEncryptedMarker() {
        Label marker = new Label("Not encrypted");
        marker.setId("not-encrypted");
        marker.getStyleClass().add("not-encrypted");
        String why = "This connection is plain TCP: anyone on the network can read your messages and password. "
                + "Ask the server's admin to turn TLS on.";
        Tooltip tip = new Tooltip(why);
        tip.setWrapText(true);
        tip.setMaxWidth(320);
        tip.setShowDelay(Duration.millis(200));
        marker.setTooltip(tip);
        marker.setAccessibleHelp(why);
        marker.visibleProperty().bind(vm.encryptedProperty().not());
        marker.managedProperty().bind(marker.visibleProperty());
        return marker;
    }

    private ListView<ConversationViewModel> conversationList(String id, javafx.collections.ObservableList<ConversationViewModel> items) {
        ListView<ConversationViewModel> list = new ListView<>(items);
        list.setId(id);
        list.setCellFactory(l -> new ConversationCell());
        list.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b != vm.selectedProperty().get()) vm.select(b);
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b == null || !items.contains(b)) list.getSelectionModel().clearSelection();
            else list.getSelectionModel().select(b);
        });
        if (items.contains(vm.selectedProperty().get())) list.getSelectionModel().select(vm.selectedProperty().get());
        list.setPrefHeight(160);
        return list;
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    // ---- conversation --------------------------------------------------------------------------

    private void buildConversationPane() {
        Label bannerText = new Label();
        bannerText.setId("banner");
        bannerText.textProperty().bind(vm.bannerProperty());
        bannerText.setWrapText(true);
        Button retry = new Button("Retry now");
        retry.getStyleClass().add("small");
        retry.setOnAction(e -> vm.reconnectNow());
        HBox banner = new HBox(bannerText, retry);
        banner.getStyleClass().add("banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.visibleProperty().bind(vm.offlineBinding());
        banner.managedProperty().bind(banner.visibleProperty());

        Label title = new Label();
        title.setId("conversation-title");
        title.getStyleClass().add("conversation-title");
        title.textProperty().bind(Bindings.createStringBinding(
                () -> vm.selectedProperty().get() == null ? "" : vm.selectedProperty().get().title(), vm.selectedProperty()));
        Label topic = new Label();
        topic.setId("topic");
        topic.getStyleClass().add("muted");
        topic.textProperty().bind(Bindings.selectString(vm.selectedProperty(), "topic"));
        HBox.setHgrow(topic, Priority.ALWAYS);
        topic.setMaxWidth(Double.MAX_VALUE);

        Button editTopic = headerButton("edit-topic", "Topic…", "Set this room's topic");
        editTopic.visibleProperty().bind(vm.canEditTopicBinding());
        editTopic.managedProperty().bind(editTopic.visibleProperty());
        editTopic.setOnAction(e -> askTopic());
        Button save = headerButton("save-transcript", "Save…", "Save this conversation as a text, Markdown or HTML file");
        save.setOnAction(e -> saveTranscript());
        Button clear = headerButton("clear", "Clear", "Clear this window's view; the server keeps the history");
        clear.setOnAction(e -> vm.clearSelected());
        Button leave = headerButton("leave-room", "Leave", "Leave this room");
        leave.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> vm.selectedProperty().get() != null && vm.selectedProperty().get().key().isRoom(), vm.selectedProperty()));
        leave.managedProperty().bind(leave.visibleProperty());
        leave.setOnAction(e -> confirmLeave());
        HBox header = new HBox(title, topic, editTopic, save, clear, leave);
        header.getStyleClass().add("conversation-header");
        header.setAlignment(Pos.CENTER_LEFT);

        Label typing = new Label();
        typing.setId("typing");
        typing.getStyleClass().add("typing");
        typing.textProperty().bind(Bindings.selectString(vm.selectedProperty(), "typing"));

        composer.setId("composer");
        composer.setPromptText("Write a message. Enter sends, Shift+Enter adds a line.");
        composer.setWrapText(true);
        composer.setPrefRowCount(2);
        composer.addEventFilter(KeyEvent.KEY_PRESSED, this::composerKey);
        composer.addEventHandler(KeyEvent.KEY_TYPED, e -> vm.draftEdited());
        HBox.setHgrow(composer, Priority.ALWAYS);
        Button send = new Button("Send");
        send.setId("send");
        send.getStyleClass().add("accent");
        send.setOnAction(e -> {
            vm.sendDraft();
            scroller.scrollToEnd();
            composer.requestFocus();
        });
        send.disableProperty().bind(composer.textProperty().isEmpty());
        send.setMinWidth(Region.USE_PREF_SIZE);
        HBox composerRow = new HBox(composer, send);
        composerRow.getStyleClass().add("composer");
        composerRow.setAlignment(Pos.BOTTOM_LEFT);

        Label notice = new Label();
        notice.setId("notice");
        notice.getStyleClass().add("status-line");
        notice.textProperty().bind(vm.noticeProperty());
        notice.setWrapText(true);

        VBox.setVgrow(messages, Priority.ALWAYS);
        conversationPane.getChildren().setAll(banner, header, messages, typing, composerRow, notice);
        conversationPane.disableProperty().bind(vm.selectedProperty().isNull());
    }

    private static Button headerButton(String id, String text, String tip) {
        Button button = new Button(text);
        button.setId(id);
        button.getStyleClass().addAll("flat", "small");
        button.setTooltip(new Tooltip(tip));
        return button;
    }

    private void showConversation(ConversationViewModel c) {
        if (bound != null) composer.textProperty().unbindBidirectional(bound.draftProperty());
        bound = c;
        if (c == null) {
            scroller.show(null);
            composer.clear();
            return;
        }
        composer.textProperty().bindBidirectional(c.draftProperty());
        scroller.show(c.lines());
        showChat();
        // Opening a conversation (from the list or a person) means writing in it next.
        composer.requestFocus();
    }

    private void composerKey(KeyEvent e) {
        if (e.getCode() != KeyCode.ENTER) return;
        e.consume();
        if (e.isShiftDown()) {
            composer.insertText(composer.getCaretPosition(), "\n");
        } else {
            vm.sendDraft();
            scroller.scrollToEnd();
        }
    }

    private void shortcuts(KeyEvent e) {
        if (new KeyCodeCombination(KeyCode.J, KeyCombination.SHORTCUT_DOWN).match(e)) {
            askJoin();
            e.consume();
        } else if (new KeyCodeCombination(KeyCode.UP, KeyCombination.ALT_DOWN).match(e)) {
            step(-1);
            e.consume();
        } else if (new KeyCodeCombination(KeyCode.DOWN, KeyCombination.ALT_DOWN).match(e)) {
            step(1);
            e.consume();
        }
    }

    /** Alt+Up and Alt+Down walk through rooms, then direct conversations. */
    private void step(int direction) {
        var all = new java.util.ArrayList<ConversationViewModel>(vm.rooms());
        all.addAll(vm.directs());
        if (all.isEmpty()) return;
        int at = all.indexOf(vm.selectedProperty().get());
        int next = Math.floorMod(at + direction, all.size());
        vm.select(all.get(next));
        composer.requestFocus();
    }

    // ---- dialogs -------------------------------------------------------------------------------

    private void askJoin() {
        TextInputDialog dialog = new TextInputDialog();
        dialog.setTitle("Join a room");
        dialog.setHeaderText("Join a room, or create it if it does not exist yet.");
        dialog.setContentText("Room name:");
        dialog.getEditor().setId("join-name");
        Label problem = new Label();
        problem.getStyleClass().add("field-error");
        dialog.getDialogPane().lookupButton(ButtonType.OK).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            Optional<String> refused = vm.joinRoom(dialog.getEditor().getText());
            if (refused.isPresent()) {
                problem.setText(refused.get());
                e.consume(); // keep the dialog open so the name can be fixed
            }
        });
        dialog.getDialogPane().setExpandableContent(null);
        ((VBox) wrap(dialog)).getChildren().add(problem);
        dialog.initOwner(root.getScene().getWindow());
        dialog.showAndWait();
    }

    private static Parent wrap(TextInputDialog dialog) {
        var content = dialog.getDialogPane().getContent();
        VBox box = new VBox(8, content);
        dialog.getDialogPane().setContent(box);
        return box;
    }

    private void askPasswordChange() {
        // Modal, so a second click cannot open another; this guards the keyboard too.
        if (passwordDialog != null && passwordDialog.isShowing()) return;
        passwordDialog = new PasswordChangeDialog(new PasswordChangeViewModel(vm.service()), root.getScene().getWindow());
        passwordDialog.show();
    }

    private void askTopic() {
        ConversationViewModel c = vm.selectedProperty().get();
        if (c == null) return;
        TextInputDialog dialog = new TextInputDialog(c.topicProperty().get());
        dialog.setTitle("Room topic");
        dialog.setHeaderText("The topic of " + c.title() + ". Leave it empty to clear it.");
        dialog.setContentText("Topic:");
        dialog.initOwner(root.getScene().getWindow());
        dialog.showAndWait().ifPresent(vm::setTopic);
    }

    private void confirmLeave() {
        ConversationViewModel c = vm.selectedProperty().get();
        if (c == null) return;
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "You can join it again at any time; its history stays on the server.",
                ButtonType.CANCEL, ButtonType.OK);
        alert.setHeaderText("Leave " + c.title() + "?");
        alert.initOwner(root.getScene().getWindow());
        alert.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> vm.leaveSelectedRoom());
    }

    private void saveTranscript() {
        ConversationViewModel c = vm.selectedProperty().get();
        if (c == null) return;
        String suggested = TranscriptFormat.TEXT.defaultFileName(c.key().isRoom() ? c.key().name() : "@" + c.key().name(),
                java.time.LocalDate.now());
        saveLocation.apply(root.getScene().getWindow(), suggested).ifPresent(path -> {
            TranscriptFormat format = TranscriptFormat.forFileName(path.getFileName().toString()).orElse(TranscriptFormat.TEXT);
            vm.saveTranscript(path, format);
        });
    }

    // ---- people --------------------------------------------------------------------------------

    private Parent peoplePanel() {
        Label roomHeader = section("IN THIS ROOM");
        ListView<Member> members = new ListView<>();
        members.setId("members");
        members.setCellFactory(l -> new PersonCell(vm::openDirect));
        members.setPrefHeight(220);
        vm.selectedProperty().addListener((o, a, b) -> members.setItems(b == null ? null : b.members()));
        if (vm.selectedProperty().get() != null) members.setItems(vm.selectedProperty().get().members());
        var inRoom = Bindings.createBooleanBinding(
                () -> vm.selectedProperty().get() != null && vm.selectedProperty().get().key().isRoom(), vm.selectedProperty());
        roomHeader.visibleProperty().bind(inRoom);
        roomHeader.managedProperty().bind(inRoom);
        members.visibleProperty().bind(inRoom);
        members.managedProperty().bind(inRoom);

        ListView<Member> everyone = new ListView<>(vm.people());
        everyone.setId("people");
        everyone.setCellFactory(l -> new PersonCell(vm::openDirect));
        VBox.setVgrow(everyone, Priority.ALWAYS);
        VBox.setVgrow(members, Priority.SOMETIMES);

        VBox panel = new VBox(roomHeader, members, section("EVERYONE"), everyone);
        panel.getStyleClass().add("people");
        panel.setPrefWidth(210);
        panel.setMinWidth(160);
        return panel;
    }

    // ---- admin ---------------------------------------------------------------------------------

    private void showAdmin() {
        if (!vm.adminVisibleBinding().get()) return;
        adminView = new AdminView(new AdminViewModel(vm.service(), vm.roleProperty().get()), this::showChat);
        center.getChildren().setAll(adminView.root());
        adminView.refresh();
    }

    private void showChat() {
        if (center.getChildren().contains(conversationPane)) return;
        center.getChildren().setAll(conversationPane);
        adminView = null;
    }

    /** The status picker's cells: a presence dot and the status in words. */
    private static final class StatusCell extends ListCell<Status> {
        @Override
        protected void updateItem(Status item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
            } else {
                setGraphic(PresenceDot.of(item));
                setText(PresenceDot.describe(item));
            }
        }
    }
}
