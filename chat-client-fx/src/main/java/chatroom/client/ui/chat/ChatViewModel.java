package chatroom.client.ui.chat;

import chatroom.client.model.ConnectionState;
import chatroom.client.model.ConversationKey;
import chatroom.client.model.Member;
import chatroom.client.model.PendingMessage;
import chatroom.client.notify.Notifier;
import chatroom.client.service.ChatEvents;
import chatroom.client.service.ChatService;
import chatroom.client.service.RequestFailedException;
import chatroom.client.service.ServerAddress;
import chatroom.client.transcript.Transcript;
import chatroom.client.transcript.TranscriptFormat;
import chatroom.client.transcript.TranscriptWriter;
import chatroom.common.model.MemberChange;
import chatroom.common.model.Names;
import chatroom.common.model.Role;
import chatroom.common.model.Status;
import chatroom.common.protocol.ChatMessage;
import chatroom.common.protocol.DmState;
import chatroom.common.protocol.Fields;
import chatroom.common.protocol.Joined;
import chatroom.common.protocol.MemberEvent;
import chatroom.common.protocol.PresenceEvent;
import chatroom.common.protocol.RoomState;
import chatroom.common.protocol.TopicEvent;
import chatroom.common.protocol.TypingEvent;
import chatroom.common.protocol.UserInfo;
import chatroom.common.protocol.Welcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The chat window's state and intents: the conversation list with unread counts, the selected
 * conversation, everyone's presence, our own status (with automatic away), the connection banner,
 * notifications and role-based visibility of the admin view. FX thread only; the service's events
 * arrive on it already.
 */
public final class ChatViewModel implements ChatEvents {
    /** Enough lines to overfill a tall window, so the list can scroll and ask for the next page. */
    static final int PAGE = 100;
    private static final Duration TYPING_EVERY = Duration.ofSeconds(4);

    private final ChatService service;
    private final Notifier notifier;
    private final Clock clock;
    private final Executor background;
    private final Executor ui;
    private final Consumer<String> onSignedOut;

    private final ObservableList<ConversationViewModel> rooms = FXCollections.observableArrayList();
    private final ObservableList<ConversationViewModel> directs = FXCollections.observableArrayList();
    private final ObservableList<Member> people = FXCollections.observableArrayList();
    private final ObjectProperty<ConversationViewModel> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<Status> status = new SimpleObjectProperty<>(this, "status", Status.ONLINE);
    private final ObjectProperty<ConnectionState> connection = new SimpleObjectProperty<>(this, "connection", ConnectionState.CONNECTED);
    private final StringProperty banner = new SimpleStringProperty(this, "banner", "");
    private final StringProperty notice = new SimpleStringProperty(this, "notice", "");
    private final StringProperty me = new SimpleStringProperty(this, "me", "");
    private final ObjectProperty<Role> role = new SimpleObjectProperty<>(this, "role", Role.USER);
    private final BooleanProperty encrypted = new SimpleBooleanProperty(this, "encrypted", true);
    private final BooleanProperty windowFocused = new SimpleBooleanProperty(this, "windowFocused", true);
    private final BooleanProperty notificationsEnabled = new SimpleBooleanProperty(this, "notificationsEnabled", true);
    private final IntegerProperty awayAfterMinutes = new SimpleIntegerProperty(this, "awayAfterMinutes", 5);
    private final BooleanBinding adminVisible = Bindings.createBooleanBinding(() -> role.get().canModerate(), role);
    private final BooleanBinding canEditTopic = Bindings.createBooleanBinding(
            () -> role.get().canModerate() && selected.get() != null && selected.get().key().isRoom(), role, selected);
    private final BooleanBinding offline = Bindings.createBooleanBinding(() -> connection.get() != ConnectionState.CONNECTED, connection);

    /** Rooms with a part in flight: a member-list refresh must not join them again. */
    private final java.util.Set<ConversationKey> parting = new java.util.HashSet<>();
    private Instant lastActivity;
    private boolean autoAway;
    private Instant lastTypingSent = Instant.EPOCH;
    private ConversationKey lastTypingKey;

    public ChatViewModel(ChatService service, Notifier notifier, Clock clock, Executor background, Executor ui, Consumer<String> onSignedOut) {
        this.service = service;
        this.notifier = notifier;
        this.clock = clock;
        this.background = background;
        this.ui = ui;
        this.onSignedOut = onSignedOut;
        this.lastActivity = clock.instant();
        service.addListener(this);
        // Coming back to the window reads the conversation in front of the user.
        windowFocused.addListener((o, was, focused) -> {
            if (focused && selected.get() != null) selected.get().markRead();
        });
    }

    // ---- properties the view binds to --------------------------------------------------------

    public ObservableList<ConversationViewModel> rooms() {
        return rooms;
    }

    public ObservableList<ConversationViewModel> directs() {
        return directs;
    }

    public ObservableList<Member> people() {
        return people;
    }

    public ObjectProperty<ConversationViewModel> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status;
    }

    public ReadOnlyObjectProperty<ConnectionState> connectionProperty() {
        return connection;
    }

    public ReadOnlyStringProperty bannerProperty() {
        return banner;
    }

    public StringProperty noticeProperty() {
        return notice;
    }

    public ReadOnlyStringProperty meProperty() {
        return me;
    }

    public ReadOnlyObjectProperty<Role> roleProperty() {
        return role;
    }

    /** Whether the session runs over TLS; false for plain TCP, which the view warns about. */
    public ReadOnlyBooleanProperty encryptedProperty() {
        return encrypted;
    }

    public BooleanBinding adminVisibleBinding() {
        return adminVisible;
    }

    public BooleanBinding canEditTopicBinding() {
        return canEditTopic;
    }

    public BooleanBinding offlineBinding() {
        return offline;
    }

    public BooleanProperty windowFocusedProperty() {
        return windowFocused;
    }

    public BooleanProperty notificationsEnabledProperty() {
        return notificationsEnabled;
    }

    public IntegerProperty awayAfterMinutesProperty() {
        return awayAfterMinutes;
    }

    public ChatService service() {
        return service;
    }

    // ---- intents -----------------------------------------------------------------------------

    /** Starts the view from the login's welcome: conversations, members and everyone's presence. */
    public void start(Welcome welcome) {
        loggedIn(welcome, false);
        // Messages an earlier run left unsent were restored before this view model existed.
        showPending(service.outbox());
        if (selected.get() == null && !rooms.isEmpty()) select(rooms.getFirst());
    }

    public void select(ConversationViewModel conversation) {
        selected.set(conversation);
        if (conversation == null) return;
        conversation.markRead();
        if (conversation.takeFirstOpen()) loadOlder();
    }

    /** Sends the selected conversation's draft; blank drafts do nothing. */
    public void sendDraft() {
        ConversationViewModel c = selected.get();
        if (c == null) return;
        String text = c.draftProperty().get();
        if (text == null || text.isBlank()) return;
        String trimmed = text.strip();
        if (trimmed.length() > Fields.MAX_TEXT) {
            notice.set("That message is " + trimmed.length() + " characters long; the limit is " + Fields.MAX_TEXT + ".");
            return;
        }
        PendingMessage pending;
        try {
            pending = service.send(c.key(), trimmed);
        } catch (RequestFailedException e) {
            // The draft stays, so nothing typed is lost.
            notice.set(e.getMessage());
            return;
        }
        c.addPending(pending);
        c.draftProperty().set("");
        lastTypingSent = Instant.EPOCH;
        userActivity();
    }

    /** The user typed in the input: tell the others, at most every few seconds. */
    public void draftEdited() {
        userActivity();
        ConversationViewModel c = selected.get();
        if (c == null || c.draftProperty().get().isBlank()) return;
        Instant now = clock.instant();
        if (!c.key().equals(lastTypingKey) || Duration.between(lastTypingSent, now).compareTo(TYPING_EVERY) >= 0) {
            lastTypingSent = now;
            lastTypingKey = c.key();
            service.typing(c.key());
        }
    }

    /** Fetches the page before the oldest line shown (scrolled to the top, or first opened). */
    public void loadOlder() {
        ConversationViewModel c = selected.get();
        if (c == null) return;
        long before = c.olderBefore();
        if (before == 0) return;
        service.olderHistory(c.key(), before, PAGE).whenComplete((page, failure) -> {
            if (failure != null) {
                c.olderFailed();
                notice.set("Could not load older messages: " + RequestFailedException.sentenceOf(failure));
            } else {
                c.addOlder(page.messages(), PAGE);
            }
        });
    }

    /** Joins (or creates) a room and opens it; returns a sentence when the name is not acceptable. */
    public Optional<String> joinRoom(String name) {
        String room = name == null ? "" : name.strip();
        if (room.startsWith("#")) room = room.substring(1).strip();
        String problem = Names.problem(room, "room name");
        if (problem != null) return Optional.of(problem);
        service.join(room).whenComplete((joined, failure) -> {
            if (failure != null) notice.set("Could not join: " + RequestFailedException.sentenceOf(failure));
            else select(conversation(ConversationKey.room(joined.room()), joined.lastSeq()));
        });
        return Optional.empty();
    }

    public void leaveSelectedRoom() {
        ConversationViewModel c = selected.get();
        if (c == null || !c.key().isRoom()) return;
        parting.add(c.key());
        service.part(c.key().name()).whenComplete((ok, failure) -> {
            parting.remove(c.key());
            if (failure != null) notice.set("Could not leave: " + RequestFailedException.sentenceOf(failure));
            else roomLeft(c.key().name());
        });
    }

    /** Opens (or creates) the direct conversation with a user. */
    public void openDirect(String user) {
        if (user == null) return;
        select(conversation(ConversationKey.direct(user), 0));
    }

    /** The user picked a status; this turns off automatic away until they pick again. */
    public void chooseStatus(Status value) {
        autoAway = false;
        applyStatus(value);
    }

    public void setTopic(String text) {
        ConversationViewModel c = selected.get();
        if (c == null || !c.key().isRoom()) return;
        service.topic(c.key().name(), text == null ? "" : text.strip()).whenComplete((ok, failure) -> {
            if (failure != null) notice.set("Could not set the topic: " + RequestFailedException.sentenceOf(failure));
        });
    }

    /** Clears the selected conversation's view (not the server's history). */
    public void clearSelected() {
        ConversationViewModel c = selected.get();
        if (c != null) c.clear(clock.instant());
    }

    /** Writes the selected conversation's lines to a file, off the FX thread. */
    public CompletableFuture<Path> saveTranscript(Path file, TranscriptFormat format) {
        ConversationViewModel c = selected.get();
        if (c == null) return CompletableFuture.failedFuture(new IllegalStateException("No conversation is open."));
        Transcript transcript = new Transcript(c.title(), clock.instant(), clock.getZone(), List.copyOf(c.lines()));
        CompletableFuture<Path> done = new CompletableFuture<>();
        background.execute(() -> {
            try {
                TranscriptWriter.save(transcript, format, file);
                ui.execute(() -> {
                    notice.set("Saved the transcript of " + c.title() + " to " + file + ".");
                    done.complete(file);
                });
            } catch (java.io.IOException | RuntimeException e) {
                ui.execute(() -> {
                    notice.set("Could not save the transcript: " + e.getMessage());
                    done.completeExceptionally(e);
                });
            }
        });
        return done;
    }

    public void reconnectNow() {
        service.reconnectNow();
    }

    public void logOut() {
        service.removeListener(this);
        service.logOut();
        onSignedOut.accept(null);
    }

    /** Any keyboard or mouse activity in the window. */
    public void userActivity() {
        lastActivity = clock.instant();
        if (autoAway) {
            autoAway = false;
            applyStatus(Status.ONLINE, true);
        }
    }

    /** Called every second or so: expires typing indicators and applies automatic away. */
    public void tick() {
        Instant now = clock.instant();
        rooms.forEach(c -> c.refreshTyping(now));
        directs.forEach(c -> c.refreshTyping(now));
        int minutes = awayAfterMinutes.get();
        if (minutes > 0 && !autoAway && status.get() == Status.ONLINE
                && Duration.between(lastActivity, now).compareTo(Duration.ofMinutes(minutes)) >= 0
                && connection.get() == ConnectionState.CONNECTED) {
            autoAway = true;
            applyStatus(Status.AWAY);
        }
    }

    private void applyStatus(Status value) {
        applyStatus(value, false);
    }

    /** {@code endingAutoAway}: the user came back from automatic away; a failure keeps them there. */
    private void applyStatus(Status value, boolean endingAutoAway) {
        Status before = status.get();
        status.set(value);
        service.status(value).whenComplete((ok, failure) -> {
            if (failure != null) {
                status.set(before);
                // Still automatically away: the next activity tries again.
                if (endingAutoAway) autoAway = true;
                notice.set("Could not change your status: " + RequestFailedException.sentenceOf(failure));
            }
        });
    }

    // ---- events from the service ---------------------------------------------------------------

    @Override
    public void connectionChanged(ConnectionState state, String detail) {
        connection.set(state);
        banner.set(switch (state) {
            case CONNECTED -> "";
            case CONNECTING -> "Connecting…";
            case RECONNECTING -> detail == null ? "Connection lost. Reconnecting…" : detail;
            case DISCONNECTED -> detail == null ? "Disconnected." : detail;
        });
    }

    @Override
    public void loggedIn(Welcome welcome, boolean resumed) {
        me.set(welcome.user());
        role.set(welcome.role());
        ServerAddress address = service.address();
        // An unknown transport counts as plain: a needless warning is better than a missing one.
        encrypted.set(address != null && address.tls());
        for (RoomState r : welcome.rooms()) {
            ConversationViewModel c = conversation(ConversationKey.room(r.room()), r.lastSeq());
            c.setTopic(r.topic());
            // join is idempotent: it is how a client learns a room's members after login.
            service.join(r.room());
        }
        for (DmState dm : welcome.dms()) conversation(ConversationKey.direct(dm.with()), dm.lastSeq());
        service.users().thenAccept(users -> people.setAll(sorted(users.stream().map(ChatViewModel::member).toList())));
        if (resumed && status.get() != Status.ONLINE) {
            service.status(status.get());
        }
    }

    @Override
    public void roomJoined(Joined joined) {
        ConversationViewModel c = conversation(ConversationKey.room(joined.room()), joined.lastSeq());
        c.setTopic(joined.topic());
        c.setMembers(sorted(joined.members().stream().map(ChatViewModel::member).toList()));
    }

    @Override
    public void roomLeft(String room) {
        find(ConversationKey.room(room)).ifPresent(c -> {
            rooms.remove(c);
            if (selected.get() == c) select(rooms.isEmpty() ? null : rooms.getFirst());
        });
    }

    @Override
    public void messages(ConversationKey key, List<ChatMessage> fresh) {
        ConversationViewModel c = conversation(key, fresh.getFirst().seq() - 1);
        c.addMessages(fresh);
        ChatMessage toNotify = null;
        int notifiable = 0;
        for (ChatMessage m : fresh) {
            boolean own = Names.same(m.from(), me.get());
            if (own) continue;
            if (selected.get() != c || !windowFocused.get()) c.addUnread();
            if (selected.get() == c && windowFocused.get()) c.markRead();
            if (!key.isRoom() || mentions(m.text(), me.get())) {
                notifiable++;
                if (toNotify == null) toNotify = m;
            }
        }
        // One notification per batch: a catch-up of many DMs must not open many bubbles.
        if (toNotify != null && !windowFocused.get() && notificationsEnabled.get() && status.get() != Status.BUSY) {
            String more = notifiable > 1 ? " (+" + (notifiable - 1) + " more)" : "";
            notifier.notify(key.isRoom() ? toNotify.from() + " in " + key.title() : toNotify.from(), toNotify.text() + more);
        }
    }

    @Override
    public void sendFailed(PendingMessage message, String sentence) {
        find(message.to()).ifPresent(c -> c.markFailed(message, sentence));
    }

    @Override
    public void acked(PendingMessage message, long seq, Instant ts) {
        find(message.to()).ifPresent(c -> c.acked(message, seq, ts));
    }

    @Override
    public void outboxRestored(List<PendingMessage> messages) {
        showPending(messages);
    }

    /** Shows waiting messages in their conversations, opening those not in the list (a DM, say). */
    private void showPending(List<PendingMessage> messages) {
        for (PendingMessage m : messages) conversation(m.to(), 0).addPending(m);
    }

    @Override
    public void member(MemberEvent event) {
        find(ConversationKey.room(event.room())).ifPresent(c -> {
            boolean known = c.members().stream().anyMatch(m -> Names.same(m.user(), event.user()));
            String what = event.event() == MemberChange.JOIN
                    ? (known ? " came online" : " joined the room")
                    : " left";
            c.addNotice(event.user() + what, clock.instant());
            // A member event does not say whether a leave was a part or a disconnect; the
            // (idempotent) join answers with the room's current member list.
            if (!parting.contains(c.key())) service.join(event.room());
        });
    }

    @Override
    public void presence(PresenceEvent event) {
        List<Member> everyone = new ArrayList<>(people);
        if (!replaceStatus(everyone, event)) everyone.add(new Member(event.user(), event.status(), Role.USER));
        people.setAll(sorted(everyone));
        for (ConversationViewModel c : rooms) {
            List<Member> copy = new ArrayList<>(c.members());
            if (replaceStatus(copy, event)) c.setMembers(sorted(copy));
        }
        if (Names.same(event.user(), me.get()) && event.status() != Status.OFFLINE) status.set(event.status());
    }

    @Override
    public void topic(TopicEvent event) {
        find(ConversationKey.room(event.room())).ifPresent(c -> {
            c.setTopic(event.topic());
            c.addNotice(event.topic().isEmpty() ? event.by() + " cleared the topic" : event.by() + " set the topic: " + event.topic(), clock.instant());
        });
    }

    @Override
    public void typing(TypingEvent event) {
        ConversationKey key = event.room() != null ? ConversationKey.room(event.room()) : ConversationKey.direct(event.user());
        find(key).ifPresent(c -> c.typingSeen(event.user(), clock.instant()));
    }

    @Override
    public void sessionEnded(String sentence) {
        service.removeListener(this);
        onSignedOut.accept(sentence);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private ConversationViewModel conversation(ConversationKey key, long baseSeq) {
        return find(key).orElseGet(() -> {
            ConversationViewModel c = new ConversationViewModel(key, me.get(), Math.max(0, baseSeq));
            ObservableList<ConversationViewModel> list = key.isRoom() ? rooms : directs;
            list.add(c);
            FXCollections.sort(list, Comparator.comparing(x -> Names.key(x.key().name())));
            return c;
        });
    }

    private Optional<ConversationViewModel> find(ConversationKey key) {
        ObservableList<ConversationViewModel> list = key.isRoom() ? rooms : directs;
        return list.stream().filter(c -> c.key().equals(key)).findFirst();
    }

    private static boolean replaceStatus(List<Member> list, PresenceEvent event) {
        for (int i = 0; i < list.size(); i++) {
            if (Names.same(list.get(i).user(), event.user())) {
                list.set(i, list.get(i).withStatus(event.status()));
                return true;
            }
        }
        return false;
    }

    private static final Comparator<Member> ORDER = Comparator.comparing((Member m) -> !m.isOnline())
            .thenComparing(m -> Names.key(m.user()));

    private static List<Member> sorted(List<Member> members) {
        return members.stream().sorted(ORDER).toList();
    }

    private static Member member(UserInfo info) {
        return new Member(info.user(), info.status(), info.role());
    }

    /** A mention is the user's name as a whole word, with or without a leading {@code @}. */
    static boolean mentions(String text, String user) {
        if (user == null || user.isEmpty()) return false;
        Pattern word = Pattern.compile("(?<![\\p{L}\\p{N}_])@?" + Pattern.quote(user) + "(?![\\p{L}\\p{N}_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return word.matcher(text).find();
    }

    /** The conversation with this key, if the list has it. */
    public Optional<ConversationViewModel> conversationOf(ConversationKey key) {
        return find(key);
    }
}
