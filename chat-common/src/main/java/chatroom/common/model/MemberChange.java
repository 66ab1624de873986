package chatroom.common.model;

import com.google.gson.annotations.SerializedName;

/** What happened to a room member in a {@code member} event. */
public enum MemberChange {
    /** Joined the room, or connected while being a member. */
    @SerializedName("join") JOIN,
    /** Left the room, or disconnected while being a member. */
    @SerializedName("leave") LEAVE
}
