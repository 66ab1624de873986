package chatroom.client.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Messages sent but not yet acked, in the order the user sent them. A message leaves the outbox
 * when the server acks it, when our own copy of it comes back, or when the server refuses it for
 * good; everything still here is resent, with the same id, after a reconnect.
 */
public final class MessageOutbox {
    /**
     * The most messages that may wait at once. Far more than anyone types during an outage, and it
     * bounds what the client keeps on disk between runs (100 messages of at most
     * {@link chatroom.common.protocol.Fields#MAX_TEXT} characters) and resends in one burst.
     */
    public static final int CAPACITY = 100;

    private final Map<String, PendingMessage> byId = new LinkedHashMap<>();

    /**
     * Queues a message behind the others; a message already waiting (same id) is left as it is.
     *
     * @throws IllegalStateException if {@link #CAPACITY} messages are already waiting
     */
    public void add(PendingMessage message) {
        if (byId.containsKey(message.id())) return;
        if (isFull()) throw new IllegalStateException(CAPACITY + " messages are already waiting");
        byId.put(message.id(), message);
    }

    /**
     * Puts messages left over from an earlier run ahead of anything queued since, keeping their
     * order: they were typed first, so they go first. Ids already waiting are skipped.
     */
    public void restore(List<PendingMessage> earlier) {
        Map<String, PendingMessage> merged = new LinkedHashMap<>();
        for (PendingMessage m : earlier) {
            if (!byId.containsKey(m.id())) merged.putIfAbsent(m.id(), m);
        }
        merged.putAll(byId);
        byId.clear();
        byId.putAll(merged);
    }

    public boolean isFull() {
        return byId.size() >= CAPACITY;
    }

    /** Removes and returns the message with this id, if it is still waiting. */
    public Optional<PendingMessage> settle(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.remove(id));
    }

    public Optional<PendingMessage> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    public boolean contains(String id) {
        return id != null && byId.containsKey(id);
    }

    /** Everything still waiting, oldest first: the resend order after a reconnect. */
    public List<PendingMessage> waiting() {
        return new ArrayList<>(byId.values());
    }

    public int size() {
        return byId.size();
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }
}
