package chatroom.server.store;

/** A user's direct conversation: the channel, the other user and the newest seq. */
public record DmRow(long channelId, String with, long lastSeq) {
}
