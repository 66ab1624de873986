package chatroom.client.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a conversation as the client shows it: a stored message, a message of ours that is
 * still waiting for its ack, or a quiet system notice ("bob joined").
 *
 * @param kind      what the line is
 * @param seq       the server's seq for stored messages; 0 for pending messages and notices
 * @param id        the message id (the sender's request id); {@code null} for notices
 * @param from      the sender; {@code null} for notices
 * @param text      the message or notice text
 * @param ts        when it was stored (or, for pending lines and notices, when it happened here)
 * @param own       whether we sent it
 * @param continued whether it follows a message by the same sender closely enough to be grouped
 */
public record ChatLine(Kind kind, long seq, String id, String from, String text, Instant ts, boolean own, boolean continued) {

    /** What a line is. */
    public enum Kind { MESSAGE, PENDING, FAILED, NOTICE }

    public ChatLine {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(ts, "ts");
    }

    public static ChatLine notice(String text, Instant ts) {
        return new ChatLine(Kind.NOTICE, 0, null, null, text, ts, false, false);
    }

    public boolean isMessage() {
        return kind != Kind.NOTICE;
    }

    public ChatLine withContinued(boolean value) {
        return value == continued ? this : new ChatLine(kind, seq, id, from, text, ts, own, value);
    }
}
