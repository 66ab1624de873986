package chatroom.client.model;

import chatroom.common.model.Names;
import java.util.Objects;

/**
 * Names one conversation: a room, or the direct conversation with one peer. Equality uses the
 * server's case-insensitive name key, so "Bob" and "bob" are the same conversation.
 */
public record ConversationKey(Kind kind, String name) {

    /** Rooms and direct conversations live side by side in the list but behave differently. */
    public enum Kind { ROOM, DIRECT }

    public ConversationKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static ConversationKey room(String room) {
        return new ConversationKey(Kind.ROOM, room);
    }

    public static ConversationKey direct(String peer) {
        return new ConversationKey(Kind.DIRECT, peer);
    }

    public boolean isRoom() {
        return kind == Kind.ROOM;
    }

    /** What the header and the list show: "# lobby" or "@ bob". */
    public String title() {
        return (isRoom() ? "# " : "@ ") + name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConversationKey(Kind k, String n) && k == kind && Names.same(n, name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, Names.key(name));
    }

    @Override
    public String toString() {
        return title();
    }
}
