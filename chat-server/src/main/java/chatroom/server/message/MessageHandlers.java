package chatroom.server.message;

import chatroom.common.codec.ProtocolCodec;
import chatroom.common.protocol.Ack;
import chatroom.common.protocol.ChatMessage;
import chatroom.common.protocol.DmRequest;
import chatroom.common.protocol.HistoryPage;
import chatroom.common.protocol.HistoryRequest;
import chatroom.common.protocol.SayRequest;
import chatroom.common.protocol.TypingEvent;
import chatroom.common.protocol.TypingRequest;
import chatroom.server.command.Lookups;
import chatroom.server.command.RequestException;
import chatroom.server.room.LiveRoom;
import chatroom.server.room.RoomHandlers;
import chatroom.server.room.RoomRegistry;
import chatroom.server.session.Session;
import chatroom.server.session.SessionRegistry;
import chatroom.server.session.SessionUser;
import chatroom.server.store.Account;
import chatroom.server.store.AccountStore;
import chatroom.server.store.Appended;
import chatroom.server.store.ChannelStore;
import chatroom.server.store.MessageStore;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * say, dm, history and typing. A message is delivered and acked from the store's after-commit
 * action, on the writer thread, so members receive a room's messages in seq order and only once
 * stored; the frame is encoded once and the same bytes are queued for every member. say and dm
 * return as soon as the message is queued for the store, so the sender's reader goes on reading
 * while the message waits for its group commit.
 */
public final class MessageHandlers {
    private final MessageStore messages;
    private final ChannelStore channels;
    private final AccountStore accounts;
    private final RoomRegistry rooms;
    private final SessionRegistry sessions;
    private final ProtocolCodec codec;
    private final Clock clock;

    /** Wires the handlers. */
    public MessageHandlers(MessageStore messages, ChannelStore channels, AccountStore accounts, RoomRegistry rooms,
                           SessionRegistry sessions, ProtocolCodec codec, Clock clock) {
        this.messages = messages;
        this.channels = channels;
        this.accounts = accounts;
        this.rooms = rooms;
        this.sessions = sessions;
        this.codec = codec;
        this.clock = clock;
    }

    /**
     * Stores a room message, then delivers it to the members online and acks it.
     *
     * @return completes once the message is stored, delivered and acked (or failed to store)
     */
    public CompletableFuture<Appended> say(Session session, SayRequest r) throws RequestException, SQLException {
        SessionUser user = session.user();
        LiveRoom room = RoomHandlers.memberRoom(rooms, r.room(), user);
        return messages.appendToRoom(room.id(), room.name(), user.id(), r.id(), r.text(), clock.instant(), stored -> {
            if (!stored.duplicate()) {
                room.broadcast(codec.frame(new ChatMessage(room.name(), null, stored.seq(), r.id(), user.name(), r.text(),
                        stored.ts())), null);
            }
            ack(session, r.id(), stored);
        });
    }

    /** Stores a direct message, then delivers it to both users' sessions and acks it; see {@link #say}. */
    public CompletableFuture<Appended> dm(Session session, DmRequest r) throws RequestException, SQLException {
        SessionUser user = session.user();
        Account to = account(r.to());
        return messages.appendDirect(user.id(), to.id(), to.name(), r.id(), r.text(), clock.instant(), stored -> {
            if (!stored.duplicate()) {
                byte[] frame = codec.frame(new ChatMessage(null, to.name(), stored.seq(), r.id(), user.name(), r.text(),
                        stored.ts()));
                Set<Session> targets = new LinkedHashSet<>(sessions.sessionsOf(to.id()));
                targets.addAll(sessions.sessionsOf(user.id()));
                for (Session s : targets) s.sendFrame(frame);
            }
            ack(session, r.id(), stored);
        });
    }

    private static void ack(Session session, String id, Appended a) {
        session.send(new Ack(id, a.room(), a.to(), a.seq(), a.ts()));
    }

    /** A page of a room's history (members only) or of a direct conversation. */
    public void history(Session session, HistoryRequest r) throws RequestException, SQLException {
        SessionUser user = session.user();
        if (r.room() != null) {
            LiveRoom room = RoomHandlers.memberRoom(rooms, r.room(), user);
            List<ChatMessage> page = messages.page(room.id(), r.beforeSeq(), r.afterSeq(), r.effectiveLimit());
            session.send(new HistoryPage(r.id(), room.name(), null, page));
            return;
        }
        Account with = account(r.with());
        Optional<Long> channel = channels.dmChannel(user.id(), with.id());
        List<ChatMessage> page = channel.isEmpty() ? List.of()
                : messages.page(channel.get(), r.beforeSeq(), r.afterSeq(), r.effectiveLimit());
        session.send(new HistoryPage(r.id(), null, with.name(), page));
    }

    /** Tells the room's other members, or the peer, that the sender is typing. No reply. */
    public void typing(Session session, TypingRequest r) throws RequestException, SQLException {
        SessionUser user = session.user();
        if (r.room() != null) {
            LiveRoom room = RoomHandlers.memberRoom(rooms, r.room(), user);
            byte[] frame = codec.frame(new TypingEvent(user.name(), room.name(), null));
            for (Session s : room.online()) {
                if (s.user() != null && s.user().id() != user.id()) s.sendFrame(frame);
            }
            return;
        }
        Account to = account(r.to());
        if (to.id() == user.id()) return;
        byte[] frame = codec.frame(new TypingEvent(user.name(), null, to.name()));
        for (Session s : sessions.sessionsOf(to.id())) s.sendFrame(frame);
    }

    private Account account(String name) throws RequestException, SQLException {
        return Lookups.account(accounts, name);
    }
}
