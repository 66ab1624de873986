package chatroom.server.store;

import java.time.Instant;

/**
 * The outcome of storing a message: its seq and timestamp, where it went ({@code room}, or
 * {@code to} for a direct message), and whether it was a resend of an already stored one
 * ({@code duplicate}: the original's values, nothing new stored).
 */
public record Appended(boolean duplicate, long channelId, long seq, Instant ts, String room, String to) {
}
