package chatroom.server.reliability;

import chatroom.common.protocol.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What a client knows of one room, merged from history pages and live events as docs/protocol.md
 * §8 asks: messages are keyed by seq, so a copy of one already held is a duplicate and dropped;
 * messages may arrive out of order and are kept; {@link #contiguous()} advances only over
 * gap-free seqs, and only then are messages "shown", in seq order.
 */
final class RoomLog {
    private final TreeMap<Long, ChatMessage> held = new TreeMap<>();
    private final List<ChatMessage> shown = new ArrayList<>();
    private long contiguous;

    /**
     * Adds a message; returns false if its seq was already held (a duplicate the merge removed).
     *
     * @throws AssertionError if a message with the same seq differs: the server gave one seq to two messages
     */
    boolean add(ChatMessage m) {
        ChatMessage before = held.putIfAbsent(m.seq(), m);
        if (before != null) {
            if (!before.equals(m)) {
                throw new AssertionError("seq " + m.seq() + " arrived as two different messages: " + before + " and " + m);
            }
            return false;
        }
        while (held.containsKey(contiguous + 1)) {
            contiguous++;
            shown.add(held.get(contiguous));
        }
        return true;
    }

    /** The highest seq up to which every message is held. */
    long contiguous() {
        return contiguous;
    }

    /** The highest seq held, 0 when none. */
    long highest() {
        return held.isEmpty() ? 0 : held.lastKey();
    }

    /** The messages in the order the user saw them appear. */
    List<ChatMessage> shown() {
        return List.copyOf(shown);
    }

    /** Every message held, including any beyond a gap, in seq order. */
    List<ChatMessage> held() {
        return List.copyOf(held.values());
    }
}
