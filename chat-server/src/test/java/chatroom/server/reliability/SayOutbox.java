package chatroom.server.reliability;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A client's says, per docs/protocol.md §8: the ones not sent yet, and the sent ones kept until
 * confirmed (by their ack, or by the client seeing its own message), so they can be resent with
 * the same id after a reconnect. Also remembers the seq each ack carried, so the test can check it
 * against the store. Not thread-safe: the client's thread owns it.
 */
final class SayOutbox {
    /** One message the user typed. */
    record Say(String id, String text) {
    }

    private static final class Pending {
        final Say say;
        boolean waiting; // refused with rate_limited; may go again at retryAt
        long retryAt;

        Pending(Say say) {
            this.say = say;
        }
    }

    private final List<Say> all;
    private final Deque<Say> unsent;
    private final Map<String, Pending> unconfirmed = new LinkedHashMap<>();
    private final Map<String, Long> ackedSeqs = new HashMap<>();

    /** The says of {@code user}, with ids {@code user-1}, {@code user-2} and so on, in order. */
    SayOutbox(String user, List<String> texts) {
        all = IntStream.range(0, texts.size()).mapToObj(i -> new Say(user + "-" + (i + 1), texts.get(i))).toList();
        unsent = new ArrayDeque<>(all);
    }

    /** Every say, sent or not. */
    List<Say> all() {
        return all;
    }

    /** True once every say has been sent and confirmed. */
    boolean allConfirmed() {
        return unsent.isEmpty() && unconfirmed.isEmpty();
    }

    int sentCount() {
        return all.size() - unsent.size();
    }

    int unconfirmedCount() {
        return unconfirmed.size();
    }

    int confirmedCount() {
        return sentCount() - unconfirmed.size();
    }

    /** After a reconnect: every unconfirmed say, to send again as it is, rate-limited ones included. */
    List<Say> toResend() {
        List<Say> again = new ArrayList<>();
        for (Pending p : unconfirmed.values()) {
            p.waiting = false;
            again.add(p.say);
        }
        return again;
    }

    /**
     * What to send now: rate-limited says whose wait is over, then new says while fewer than
     * {@code window} are unconfirmed. New ones count as sent from here on.
     */
    List<Say> due(long now, int window) {
        List<Say> send = new ArrayList<>();
        for (Pending p : unconfirmed.values()) {
            if (p.waiting && now - p.retryAt >= 0) {
                p.waiting = false;
                send.add(p.say);
            }
        }
        while (unconfirmed.size() < window && !unsent.isEmpty()) {
            Say say = unsent.poll();
            unconfirmed.put(say.id(), new Pending(say));
            send.add(say);
        }
        return send;
    }

    /**
     * Records an ack and confirms its say.
     *
     * @throws AssertionError if the same id was acked before with another seq: a retry must get the original seq
     */
    void acked(String id, long seq) {
        Long before = ackedSeqs.putIfAbsent(id, seq);
        if (before != null && before != seq) {
            throw new AssertionError(id + " was acked with seq " + before + " and later with seq " + seq);
        }
        unconfirmed.remove(id);
    }

    /** The client saw its own message with {@code id}: that confirms it as well as the ack would (§8.2). */
    void echoed(String id) {
        unconfirmed.remove(id);
    }

    /** The say was refused with rate_limited; returns false if {@code id} is no unconfirmed say. */
    boolean rateLimited(String id, long retryAt) {
        Pending p = unconfirmed.get(id);
        if (p == null) return false;
        p.waiting = true;
        p.retryAt = retryAt;
        return true;
    }

    /** The seq each acked say was acked with, by id. */
    Map<String, Long> acks() {
        return Map.copyOf(ackedSeqs);
    }
}
