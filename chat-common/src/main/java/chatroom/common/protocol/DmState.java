package chatroom.common.protocol;

import java.util.Objects;
/**
 * A direct conversation the user has, as listed in {@code welcome} (extension of v1).
 *
 * @param with the other user
 * @param lastSeq the seq of the newest message of the conversation
 */
public record DmState(String with, long lastSeq) {
    public DmState {
        Objects.requireNonNull(with, "with");
    }
}
