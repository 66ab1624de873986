package chatroom.common.model;

import com.google.gson.annotations.SerializedName;

/** A user's role. Authority grows in declaration order: a user &lt; a moderator &lt; an admin. */
public enum Role {
    /** An ordinary account. */
    @SerializedName("user") USER,
    /** May set topics, kick, ban and unban. */
    @SerializedName("moderator") MODERATOR,
    /** May do everything a moderator may, and change roles. */
    @SerializedName("admin") ADMIN;

    /** The name used on the wire and in the store. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** True for moderators and admins. */
    public boolean canModerate() {
        return this != USER;
    }

    /** Parses a wire name such as {@code moderator}; returns null for anything else. */
    public static Role fromWire(String s) {
        if (s == null) return null;
        for (Role r : values()) if (r.wireName().equals(s)) return r;
        return null;
    }
}
