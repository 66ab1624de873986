package chatroom.common.protocol;

import java.time.Instant;
import java.util.Objects;
/**
 * A ban in force, as listed in {@code bans}.
 *
 * @param until when the ban ends, or null for a ban until unbanned
 */
public record BanInfo(String user, String by, String reason, Instant since, Instant until) {
    public BanInfo {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(since, "since");
    }
}
