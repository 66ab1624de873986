package chatroom.server.room;

import chatroom.server.session.Session;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A room as the running server knows it: its stored identity, topic and members, and the
 * sessions of its members that are connected now. The sets are concurrent so the store's writer
 * can fan a message out without a lock. The online set changes only under the session registry's
 * lock (so join/leave events and presence stay in one order); the member ids change after the
 * store has recorded the membership, from the request's reader thread.
 */
public final class LiveRoom {
    private final long id;
    private final String name;
    private volatile String topic;
    private final Set<Long> memberIds = ConcurrentHashMap.newKeySet();
    private final Set<Session> online = ConcurrentHashMap.newKeySet();

    LiveRoom(long id, String name, String topic, Iterable<Long> members) {
        this.id = id;
        this.name = name;
        this.topic = topic;
        members.forEach(memberIds::add);
    }

    /** The room's channel id in the store. */
    public long id() {
        return id;
    }

    /** The room's display name. */
    public String name() {
        return name;
    }

    /** The topic, empty when none. */
    public String topic() {
        return topic;
    }

    /** Sets the topic (after it is stored). */
    public void topic(String topic) {
        this.topic = topic;
    }

    /** Whether the user is a member. */
    public boolean isMember(long userId) {
        return memberIds.contains(userId);
    }

    /** The member ids (a live view). */
    public Set<Long> memberIds() {
        return memberIds;
    }

    /** The connected sessions of members (a live view). */
    public Set<Session> online() {
        return online;
    }

    /** Sends an encoded frame to every connected member session, except {@code skip} (may be null). */
    public void broadcast(byte[] frame, Session skip) {
        for (Session s : online) {
            if (s != skip) s.sendFrame(frame);
        }
    }

    /** Like {@link #broadcast}, for an event that may wait a moment ({@link Session#sendDeferred}). */
    public void broadcastDeferred(byte[] frame, Session skip) {
        for (Session s : online) {
            if (s != skip) s.sendDeferred(frame);
        }
    }
}
