package chatroom.server.session;

import chatroom.common.codec.ProtocolCodec;
import chatroom.common.model.MemberChange;
import chatroom.common.model.Status;
import chatroom.common.protocol.MemberEvent;
import chatroom.common.protocol.PresenceEvent;
import chatroom.common.protocol.ServerMessage;
import chatroom.server.room.LiveRoom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who is connected: every connection, the logged-in users with their sessions and status, and the
 * sessions' places in the rooms' online sets.
 *
 * <p>Lock: {@code lock} guards {@code users} and every change to a {@link LiveRoom}'s online set,
 * so that "first session in" / "last session out" and the events they cause happen in one order.
 * Under it the code only touches memory and queues frames (outbox offers never block); it never
 * does I/O or waits for the store. Lock order: this lock, then a session's hold lock, then its
 * outbox lock.
 */
public final class SessionRegistry {
    private final ProtocolCodec codec;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Session> connections = ConcurrentHashMap.newKeySet();
    private final Map<Long, OnlineUser> users = new HashMap<>();

    private static final class OnlineUser {
        final List<Session> sessions = new ArrayList<>(2);
        Status status = Status.ONLINE;
    }

    /** Encodes events with {@code codec}. */
    public SessionRegistry(ProtocolCodec codec) {
        this.codec = codec;
    }

    /** Registers a new connection (not yet logged in). */
    public void connected(Session session) {
        connections.add(session);
    }

    /** Every open connection, logged in or not. */
    public Collection<Session> connections() {
        return List.copyOf(connections);
    }

    /**
     * Adds a logged-in session to the user's sessions and to {@code rooms}' online sets. For the
     * user's first session, the rooms' other members get {@code member join} and everyone gets
     * {@code presence online}, both deferred ({@link Session#sendDeferred}): N logins cost N² events.
     */
    public void login(Session session, Collection<LiveRoom> rooms) {
        SessionUser user = session.user();
        lock.lock();
        try {
            OnlineUser online = users.computeIfAbsent(user.id(), id -> new OnlineUser());
            boolean first = online.sessions.isEmpty();
            online.sessions.add(session);
            for (LiveRoom room : rooms) {
                room.online().add(session);
                if (first) room.broadcastDeferred(frame(new MemberEvent(room.name(), user.name(), MemberChange.JOIN)), session);
            }
            if (first) announceLocked(new PresenceEvent(user.name(), Status.ONLINE));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forgets a closed connection. For the user's last session, the rooms' members get
     * {@code member leave} and everyone gets {@code presence offline}.
     */
    public void disconnected(Session session, Collection<LiveRoom> loadedRooms) {
        connections.remove(session);
        SessionUser user = session.user();
        if (user == null) return;
        lock.lock();
        try {
            for (LiveRoom room : loadedRooms) room.online().remove(session);
            OnlineUser online = users.get(user.id());
            if (online == null || !online.sessions.remove(session) || !online.sessions.isEmpty()) return;
            users.remove(user.id());
            for (LiveRoom room : loadedRooms) {
                if (room.isMember(user.id())) {
                    room.broadcastDeferred(frame(new MemberEvent(room.name(), user.name(), MemberChange.LEAVE)), null);
                }
            }
            announceLocked(new PresenceEvent(user.name(), Status.OFFLINE));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts every session of {@code userId} into the room's online set and tells the other members
     * (and the user's other sessions, via {@code othersOwnReply}) about the join.
     */
    public void joinRoom(long userId, String userName, LiveRoom room, boolean newMember, Session requester,
                         ServerMessage othersOwnReply) {
        lock.lock();
        try {
            List<Session> own = sessionsLocked(userId);
            if (newMember) {
                byte[] event = frame(new MemberEvent(room.name(), userName, MemberChange.JOIN));
                for (Session s : room.online()) {
                    if (!own.contains(s)) s.sendFrame(event);
                }
            }
            for (Session s : own) {
                if (room.online().add(s) && s != requester && othersOwnReply != null) s.send(othersOwnReply);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes every session of {@code userId} from the room and tells everyone who was in it,
     * except the requesting session, whose {@code ok} says it already.
     */
    public void partRoom(long userId, String userName, LiveRoom room, Session requester) {
        lock.lock();
        try {
            room.broadcast(frame(new MemberEvent(room.name(), userName, MemberChange.LEAVE)), requester);
            room.online().removeAll(sessionsLocked(userId));
        } finally {
            lock.unlock();
        }
    }

    /** The sessions of a user (empty when offline). */
    public List<Session> sessionsOf(long userId) {
        lock.lock();
        try {
            return sessionsLocked(userId);
        } finally {
            lock.unlock();
        }
    }

    private List<Session> sessionsLocked(long userId) {
        OnlineUser online = users.get(userId);
        return online == null ? List.of() : List.copyOf(online.sessions);
    }

    /** The user's presence: {@code offline} unless a session is logged in. */
    public Status statusOf(long userId) {
        lock.lock();
        try {
            OnlineUser online = users.get(userId);
            return online == null ? Status.OFFLINE : online.status;
        } finally {
            lock.unlock();
        }
    }

    /** Sets a connected user's status and tells everyone. */
    public void setStatus(SessionUser user, Status status) {
        lock.lock();
        try {
            OnlineUser online = users.get(user.id());
            if (online == null) return;
            online.status = status;
            broadcastLocked(new PresenceEvent(user.name(), status));
        } finally {
            lock.unlock();
        }
    }

    /** Sends {@code message} to every logged-in session. */
    public void broadcast(ServerMessage message) {
        lock.lock();
        try {
            broadcastLocked(message);
        } finally {
            lock.unlock();
        }
    }

    private void broadcastLocked(ServerMessage message) {
        byte[] f = frame(message);
        for (OnlineUser u : users.values()) {
            for (Session s : u.sessions) s.sendFrame(f);
        }
    }

    /** Sends a login's or logout's event to everyone; it may wait a moment to share a write. */
    private void announceLocked(ServerMessage message) {
        byte[] f = frame(message);
        for (OnlineUser u : users.values()) {
            for (Session s : u.sessions) s.sendDeferred(f);
        }
    }

    private byte[] frame(ServerMessage m) {
        return codec.frame(m);
    }
}
