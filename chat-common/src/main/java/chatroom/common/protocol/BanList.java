package chatroom.common.protocol;

import java.util.List;

/**
 * The reply to {@code bans}: the bans in force.
 */
@WireType("bans")
public record BanList(String re, List<BanInfo> bans) implements ServerMessage {
    public BanList {
        bans = bans == null ? List.of() : List.copyOf(bans);
    }
}
