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
    private final Map<String, PendingMessage> byId = new LinkedHashMap<>();

    public void add(PendingMessage message) {
        byId.putIfAbsent(message.id(), message);
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
