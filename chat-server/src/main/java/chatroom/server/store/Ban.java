package chatroom.server.store;

import java.time.Instant;

/** A stored ban. {@code until} is null for a ban that lasts until lifted. */
public record Ban(long userId, String user, String by, String reason, Instant since, Instant until) {
    /** True while the ban is in force at {@code now}. */
    public boolean activeAt(Instant now) {
        return until == null || until.isAfter(now);
    }
}
