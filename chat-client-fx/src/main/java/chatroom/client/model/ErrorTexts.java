package chatroom.client.model;

import chatroom.common.protocol.ErrorReply;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Turns the server's error codes into sentences a person can act on. The server's own
 * {@code message} is a fallback only: it is written for every client, while these sentences know
 * what the user was just doing in this one.
 */
public final class ErrorTexts {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private final ZoneId zone;
    private final java.time.Clock clock;

    public ErrorTexts(java.time.Clock clock) {
        this.clock = clock;
        this.zone = clock.getZone();
    }

    /** A sentence for an error reply to any request. */
    public String sentence(ErrorReply error) {
        return switch (error.code()) {
            case BAD_CREDENTIALS -> "The user name or password is wrong.";
            case USER_EXISTS -> "That name is taken. Pick another one, or log in if it is yours.";
            case INVALID_NAME -> error.message();
            case WEAK_PASSWORD -> "Choose a password of at least 8 characters.";
            case BANNED -> banned(error.reason(), error.until());
            case FORBIDDEN -> "You are not allowed to do that. " + error.message();
            case NO_SUCH_USER -> error.message();
            case NO_SUCH_ROOM -> error.message();
            case NOT_MEMBER -> error.message();
            // Without re it is the server turning the connection away, and only it knows which cap was hit.
            case RATE_LIMITED -> error.re() == null ? error.message() : rateLimited(error.retryAfterMs());
            case SLOW_CONSUMER -> "The server dropped this connection because it fell behind.";
            case SERVER_SHUTDOWN -> "The server is shutting down.";
            case AUTH_TIMEOUT -> "The server gave up waiting for the login. Try again.";
            case NOT_AUTHENTICATED -> "You are not logged in any more. Log in again.";
            case FRAME_TOO_LARGE -> "That was too large for the server to accept.";
            case BAD_REQUEST, UNKNOWN_TYPE -> "The server could not handle the request: " + error.message();
        };
    }

    /** "You are banned until 14:30: spam", "You are banned permanently." and so on. */
    public String banned(String reason, Instant until) {
        StringBuilder s = new StringBuilder("You are banned");
        s.append(until == null ? " permanently" : " until " + when(until));
        if (reason != null && !reason.isBlank()) s.append(": ").append(reason.strip());
        return s.append('.').toString();
    }

    /** "You were removed from the server by alice: spam." */
    public String kicked(String by, String reason) {
        StringBuilder s = new StringBuilder("You were removed from the server");
        if (by != null) s.append(" by ").append(by);
        if (reason != null && !reason.isBlank()) s.append(": ").append(reason.strip());
        return s.append('.').toString();
    }

    private String rateLimited(Long retryAfterMs) {
        if (retryAfterMs == null || retryAfterMs <= 0) return "You are going too fast. Try again in a moment.";
        long seconds = Math.max(1, (retryAfterMs + 999) / 1000);
        return "You are going too fast. Try again in " + seconds + (seconds == 1 ? " second." : " seconds.");
    }

    /** A time of day for today, a date and time otherwise, in the user's zone. */
    public String when(Instant instant) {
        var local = instant.atZone(zone);
        return local.toLocalDate().equals(LocalDate.now(clock)) ? TIME.format(local) : DATE_TIME.format(local);
    }
}
