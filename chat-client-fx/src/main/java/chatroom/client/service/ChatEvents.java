package chatroom.client.service;

import chatroom.client.model.ConnectionState;
import chatroom.client.model.ConversationKey;
import chatroom.client.model.PendingMessage;
import chatroom.common.protocol.ChatMessage;
import chatroom.common.protocol.Joined;
import chatroom.common.protocol.MemberEvent;
import chatroom.common.protocol.PresenceEvent;
import chatroom.common.protocol.TopicEvent;
import chatroom.common.protocol.TypingEvent;
import chatroom.common.protocol.Welcome;
import java.time.Instant;
import java.util.List;

/**
 * What the chat service tells the ViewModels. Every call arrives on the UI executor (the FX thread
 * in the app), in the order the server sent things.
 */
public interface ChatEvents {
    /** The link changed; {@code detail} is a sentence for the banner, or null. */
    default void connectionChanged(ConnectionState state, String detail) {}

    /** Logged in; {@code resumed} is true after an automatic reconnect. */
    default void loggedIn(Welcome welcome, boolean resumed) {}

    /** We are in a room (a join of ours, or one from another of our sessions), with its members. */
    default void roomJoined(Joined joined) {}

    /** We left a room (from another of our sessions). */
    default void roomLeft(String room) {}

    /** Messages not seen before, each exactly once, oldest first within one call. */
    default void messages(ConversationKey key, List<ChatMessage> fresh) {}

    /** The server refused a message for good; it left the outbox. */
    default void sendFailed(PendingMessage message, String sentence) {}

    /**
     * The server stored one of our messages at {@code seq} and acked it; it left the outbox. Our own
     * copy may also arrive through {@link #messages} (before or after this), or, for a message the
     * server already had from before a restart, only through history.
     */
    default void acked(PendingMessage message, long seq, Instant ts) {}

    /**
     * Messages an earlier run of the client left unsent for this account and server, oldest first:
     * they are waiting in the outbox again and are being resent with their original ids. Those
     * restored before a listener was added are in {@link ChatService#outbox()}.
     */
    default void outboxRestored(List<PendingMessage> messages) {}

    default void member(MemberEvent event) {}

    default void presence(PresenceEvent event) {}

    default void topic(TopicEvent event) {}

    default void typing(TypingEvent event) {}

    /** Kicked, banned or refused at reconnect: the user has to log in again. */
    default void sessionEnded(String sentence) {}
}
