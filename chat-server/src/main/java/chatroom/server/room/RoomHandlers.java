package chatroom.server.room;

import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.JoinRequest;
import chatroom.common.protocol.Joined;
import chatroom.common.protocol.Ok;
import chatroom.common.protocol.PartRequest;
import chatroom.common.protocol.RoomInfo;
import chatroom.common.protocol.RoomList;
import chatroom.common.protocol.RoomsRequest;
import chatroom.common.protocol.TopicEvent;
import chatroom.common.protocol.TopicRequest;
import chatroom.common.protocol.UserInfo;
import chatroom.common.codec.ProtocolCodec;
import chatroom.server.command.RequestException;
import chatroom.server.command.Texts;
import chatroom.server.session.Session;
import chatroom.server.session.SessionRegistry;
import chatroom.server.session.SessionUser;
import chatroom.server.store.ChannelStore;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/** join, part, topic and rooms. */
public final class RoomHandlers {
    private final ChannelStore channels;
    private final RoomRegistry rooms;
    private final SessionRegistry sessions;
    private final ProtocolCodec codec;
    private final Clock clock;

    /** Wires the handlers. */
    public RoomHandlers(ChannelStore channels, RoomRegistry rooms, SessionRegistry sessions, ProtocolCodec codec,
                        Clock clock) {
        this.channels = channels;
        this.rooms = rooms;
        this.sessions = sessions;
        this.codec = codec;
        this.clock = clock;
    }

    /** Joins (creating if needed) the room; replies {@code joined} with members and the newest seq. */
    public void join(Session session, JoinRequest r) throws SQLException {
        SessionUser user = session.user();
        ChannelStore.JoinResult result = channels.join(r.room(), user.id(), clock.instant());
        LiveRoom room = rooms.load(result.room());
        room.memberIds().add(user.id());
        List<UserInfo> members = members(room);
        // The user's other sessions get the seq the join transaction read; they were not held.
        session.hold();
        sessions.joinRoom(user.id(), user.name(), room, result.newMember(), session,
                new Joined(null, room.name(), Texts.orNull(room.topic()), members, result.room().lastSeq()));
        // Read after the session is in the room's online set: a message stored meanwhile is
        // either counted here or delivered live (or both; clients drop a seq they have).
        long seq = channels.findRoom(room.name()).orElseThrow().lastSeq();
        session.release(new Joined(r.id(), room.name(), Texts.orNull(room.topic()), members, seq));
    }

    private List<UserInfo> members(LiveRoom room) throws SQLException {
        return channels.members(room.id()).stream()
                .map(m -> new UserInfo(m.name(), sessions.statusOf(m.id()), m.role())).toList();
    }

    /** Leaves the room; the members online, the user's other sessions included, get {@code member leave}. */
    public void part(Session session, PartRequest r) throws RequestException, SQLException {
        SessionUser user = session.user();
        LiveRoom room = memberRoom(rooms, r.room(), user);
        channels.leave(room.id(), user.id());
        room.memberIds().remove(user.id());
        sessions.partRoom(user.id(), user.name(), room, session);
        session.send(new Ok(r.id()));
    }

    /** Sets the topic (access is checked by the dispatcher) and tells the members. */
    public void topic(Session session, TopicRequest r) throws RequestException, SQLException {
        LiveRoom room = rooms.find(r.room()).orElseThrow(() -> noSuchRoom(r.room()));
        String topic = r.topic().strip();
        channels.setTopic(room.id(), topic);
        room.topic(topic);
        room.broadcast(codec.frame(new TopicEvent(room.name(), topic, session.user().name())), null);
        session.send(new Ok(r.id()));
    }

    /** Lists every room with its member count. */
    public void list(Session session, RoomsRequest r) throws SQLException {
        List<RoomInfo> all = channels.allRooms().stream()
                .map(s -> new RoomInfo(s.name(), Texts.orNull(s.topic()), s.members())).toList();
        session.send(new RoomList(r.id(), all));
    }

    /** The room named {@code name} if the user is a member: {@code no_such_room} or {@code not_member} otherwise. */
    public static LiveRoom memberRoom(RoomRegistry rooms, String name, SessionUser user)
            throws RequestException, SQLException {
        LiveRoom room = rooms.find(name).orElseThrow(() -> noSuchRoom(name));
        if (!room.isMember(user.id())) {
            throw RequestException.of(ErrorCode.NOT_MEMBER, "You are not a member of " + room.name() + ": join it first.");
        }
        return room;
    }

    static RequestException noSuchRoom(String name) {
        return RequestException.of(ErrorCode.NO_SUCH_ROOM, "There is no room called " + name + ".");
    }
}
