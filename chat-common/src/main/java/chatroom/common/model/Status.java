package chatroom.common.model;

import com.google.gson.annotations.SerializedName;

/** A user's presence. {@link #OFFLINE} is only ever reported by the server, never requested. */
public enum Status {
    /** Connected and available. */
    @SerializedName("online") ONLINE,
    /** Connected but idle or stepped away. */
    @SerializedName("away") AWAY,
    /** Connected, do not disturb. */
    @SerializedName("busy") BUSY,
    /** No connected session. */
    @SerializedName("offline") OFFLINE;

    /** The name used on the wire. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
