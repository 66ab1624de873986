package chatroom.client.ui.chat;

import chatroom.client.model.ChatLine;
import chatroom.client.model.ConversationKey;
import chatroom.client.model.Member;
import chatroom.client.model.PendingMessage;
import chatroom.common.model.Names;
import chatroom.common.protocol.ChatMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One room or direct conversation: its lines in seq order (our unacked messages at the end), unread
 * count, topic, members, who is typing, and the draft being written. Lives on the FX thread.
 */
public final class ConversationViewModel {
    /** Messages by one sender closer together than this are drawn as one group. */
    static final Duration GROUP_WINDOW = Duration.ofMinutes(5);
    /** A typing indicator without a fresh {@code typing} frame disappears after this. */
    static final Duration TYPING_SHOWN_FOR = Duration.ofSeconds(6);

    private final ConversationKey key;
    private final String me;
    private final ObservableList<ChatLine> lines = FXCollections.observableArrayList();
    private final ObservableList<Member> members = FXCollections.observableArrayList();
    private final IntegerProperty unread = new SimpleIntegerProperty(this, "unread");
    private final SimpleStringProperty topic = new SimpleStringProperty(this, "topic", "");
    private final SimpleStringProperty typing = new SimpleStringProperty(this, "typing", "");
    private final BooleanProperty loadingOlder = new SimpleBooleanProperty(this, "loadingOlder");
    private final StringProperty draft = new SimpleStringProperty(this, "draft", "");
    private final Map<String, Instant> typingUntil = new LinkedHashMap<>();
    private long baseSeq;
    private boolean olderExhausted;
    private boolean opened;
    private int tail;

    ConversationViewModel(ConversationKey key, String me, long baseSeq) {
        this.key = key;
        this.me = me;
        this.baseSeq = baseSeq;
        this.olderExhausted = baseSeq == 0;
    }

    public ConversationKey key() {
        return key;
    }

    public String title() {
        return key.title();
    }

    public ObservableList<ChatLine> lines() {
        return lines;
    }

    public ObservableList<Member> members() {
        return members;
    }

    public ReadOnlyIntegerProperty unreadProperty() {
        return unread;
    }

    public ReadOnlyStringProperty topicProperty() {
        return topic;
    }

    public ReadOnlyStringProperty typingProperty() {
        return typing;
    }

    public ReadOnlyBooleanProperty loadingOlderProperty() {
        return loadingOlder;
    }

    public StringProperty draftProperty() {
        return draft;
    }

    // ---- changes from the ChatViewModel ------------------------------------------------------

    /** Adds messages that are new to this client (the service has already de-duplicated them). */
    void addMessages(List<ChatMessage> messages) {
        for (ChatMessage m : messages) {
            removePending(m.id(), m.from());
            // Our own message may already be in place from its ack.
            if (!Names.same(m.from(), me) || !showsStored(m.seq())) insertStored(toLine(m, false));
            typingUntil.remove(Names.key(m.from()));
        }
        refreshTyping(Instant.MIN);
    }

    /** Adds a page of older history above what is shown, skipping anything already there. */
    void addOlder(List<ChatMessage> page, int limit) {
        if (olderExhausted) {
            // Cleared while the page was on its way: the user asked not to see it.
            loadingOlder.set(false);
            return;
        }
        long oldest = oldestSeq();
        List<ChatLine> older = new ArrayList<>();
        for (ChatMessage m : page) {
            if (oldest == 0 || m.seq() < oldest) older.add(toLine(m, false));
        }
        for (int i = 0; i < older.size(); i++) {
            older.set(i, older.get(i).withContinued(i > 0 && groups(older.get(i - 1), older.get(i))));
        }
        lines.addAll(0, older);
        if (!older.isEmpty() && lines.size() > older.size()) regroup(older.size());
        if (page.size() < limit || (!older.isEmpty() && older.getFirst().seq() <= 1)) olderExhausted = true;
        loadingOlder.set(false);
    }

    /** Adds our message to the pending tail, once: a restored message may be offered twice. */
    void addPending(PendingMessage message) {
        if (pendingIndex(message.id()) >= 0) return;
        ChatLine line = new ChatLine(ChatLine.Kind.PENDING, 0, message.id(), me, message.text(), message.createdAt(), true, false);
        lines.add(line);
        tail++;
        regroup(lines.size() - 1);
    }

    /**
     * The server stored our message at {@code seq}: the pending line becomes a stored one where the
     * seq puts it. A seq older than anything shown (a message the server already had before the
     * client restarted) is left to the history, which shows it in place when the user scrolls there.
     */
    void acked(PendingMessage message, long seq, Instant ts) {
        int at = pendingIndex(message.id());
        if (at < 0) return; // our own copy came first
        lines.remove(at);
        tail--;
        if (at < lines.size()) regroup(at);
        if (showsStored(seq)) return;
        long oldest = oldestSeq();
        if (seq > baseSeq || (oldest > 0 && oldest <= seq)) {
            insertStored(new ChatLine(ChatLine.Kind.MESSAGE, seq, message.id(), me, message.text(), ts, true, false));
        }
    }

    /** A refused message leaves the pending tail and stays where it is in the conversation, marked. */
    void markFailed(PendingMessage message, String sentence) {
        for (int i = lines.size() - tail; i < lines.size(); i++) {
            ChatLine line = lines.get(i);
            if (line.kind() == ChatLine.Kind.PENDING && message.id().equals(line.id())) {
                lines.remove(i);
                tail--;
                int at = lines.size() - tail;
                lines.add(at, new ChatLine(ChatLine.Kind.FAILED, 0, line.id(), line.from(), line.text(), line.ts(), true, false));
                regroup(at);
                lines.add(at + 1, ChatLine.notice("Not sent: " + sentence, line.ts()));
                if (at + 2 < lines.size()) regroup(at + 2);
                return;
            }
        }
    }

    void addNotice(String text, Instant when) {
        int at = lines.size() - tail;
        lines.add(at, ChatLine.notice(text, when));
        if (at + 1 < lines.size()) regroup(at + 1);
    }

    /** Empties this window's view; the server's history is untouched and is not reloaded. */
    void clear(Instant now) {
        lines.clear();
        tail = 0;
        olderExhausted = true;
        unread.set(0);
        lines.add(ChatLine.notice("You cleared this window. The history on the server is unchanged.", now));
    }

    void setTopic(String value) {
        topic.set(value == null ? "" : value);
    }

    void setMembers(List<Member> value) {
        members.setAll(value);
    }

    void addUnread() {
        unread.set(unread.get() + 1);
    }

    void markRead() {
        unread.set(0);
    }

    void typingSeen(String user, Instant now) {
        typingUntil.put(Names.key(user), now.plus(TYPING_SHOWN_FOR));
        typingNames.put(Names.key(user), user);
        refreshTyping(now);
    }

    private final Map<String, String> typingNames = new LinkedHashMap<>();

    /** Drops typing indicators that have gone stale. */
    void refreshTyping(Instant now) {
        typingUntil.values().removeIf(until -> !until.isAfter(now));
        typingNames.keySet().retainAll(typingUntil.keySet());
        List<String> names = typingUntil.keySet().stream().map(typingNames::get).toList();
        typing.set(switch (names.size()) {
            case 0 -> "";
            case 1 -> names.get(0) + " is typing…";
            case 2 -> names.get(0) + " and " + names.get(1) + " are typing…";
            default -> "Several people are typing…";
        });
    }

    /** Whether the first page still has to be fetched; true once per conversation. */
    boolean takeFirstOpen() {
        if (opened) return false;
        opened = true;
        return true;
    }

    /** The seq to page back from, or 0 when there is nothing older to ask for. */
    long olderBefore() {
        if (olderExhausted || loadingOlder.get()) return 0;
        long oldest = oldestSeq();
        long before = oldest > 0 ? oldest : baseSeq + 1;
        if (before <= 1) {
            olderExhausted = true;
            return 0;
        }
        loadingOlder.set(true);
        return before;
    }

    /** The page did not come; the next open or scroll to the top asks again. */
    void olderFailed() {
        loadingOlder.set(false);
        opened = false;
    }

    private long oldestSeq() {
        long oldest = 0;
        for (ChatLine line : lines) {
            if (line.kind() == ChatLine.Kind.MESSAGE && (oldest == 0 || line.seq() < oldest)) oldest = line.seq();
        }
        return oldest;
    }

    private int pendingIndex(String id) {
        for (int i = lines.size() - tail; i < lines.size(); i++) {
            if (lines.get(i).kind() == ChatLine.Kind.PENDING && id.equals(lines.get(i).id())) return i;
        }
        return -1;
    }

    /** Whether a stored message with this seq is shown; looks back from the newest, where acks land. */
    private boolean showsStored(long seq) {
        for (int i = lines.size() - tail - 1; i >= 0; i--) {
            ChatLine line = lines.get(i);
            if (line.kind() != ChatLine.Kind.MESSAGE) continue;
            if (line.seq() == seq) return true;
            if (line.seq() < seq) return false;
        }
        return false;
    }

    private void removePending(String id, String from) {
        if (id == null || !Names.same(from, me)) return;
        for (int i = lines.size() - tail; i < lines.size(); i++) {
            if (id.equals(lines.get(i).id())) {
                lines.remove(i);
                tail--;
                if (i < lines.size()) regroup(i);
                return;
            }
        }
    }

    /** Inserts a stored message by seq, above the pending tail; live messages simply append. */
    private void insertStored(ChatLine line) {
        int end = lines.size() - tail;
        int at = end;
        // Go back over newer messages (and the notices among them) until an older message.
        for (int i = end - 1; i >= 0; i--) {
            ChatLine before = lines.get(i);
            if (before.kind() != ChatLine.Kind.MESSAGE) continue;
            if (before.seq() < line.seq()) break;
            at = i;
        }
        lines.add(at, line);
        regroup(at);
        if (at + 1 < lines.size()) regroup(at + 1);
    }

    private void regroup(int index) {
        ChatLine line = lines.get(index);
        boolean continued = index > 0 && groups(lines.get(index - 1), line);
        if (continued != line.continued()) lines.set(index, line.withContinued(continued));
    }

    private static boolean groups(ChatLine previous, ChatLine line) {
        return previous.isMessage() && line.isMessage()
                && Names.same(previous.from(), line.from())
                && Duration.between(previous.ts(), line.ts()).compareTo(GROUP_WINDOW) < 0;
    }

    private ChatLine toLine(ChatMessage m, boolean continued) {
        boolean own = Names.same(m.from(), me);
        return new ChatLine(ChatLine.Kind.MESSAGE, m.seq(), m.id(), m.from(), m.text(), m.ts(), own, continued);
    }
}
