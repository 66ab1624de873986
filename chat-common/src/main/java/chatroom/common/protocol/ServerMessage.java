package chatroom.common.protocol;


/**
 * A frame sent by the server. Replies to a request carry {@code re} (the request's id); events
 * that are not replies carry none. Each permitted record is one {@code type}, named by its
 * {@link WireType}.
 */
public sealed interface ServerMessage
        permits Hello, Welcome, Joined, Ok, Ack, HistoryPage, UserList, RoomList, BanList, Pong, Bye,
                ChatMessage, MemberEvent, PresenceEvent, TopicEvent, TypingEvent, KickedEvent,
                BannedEvent, ServerPing, ErrorReply {
}
