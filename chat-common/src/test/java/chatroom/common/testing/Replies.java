package chatroom.common.testing;

import chatroom.common.protocol.*;

/** Reads the {@code re} of any server message, with an exhaustive switch. */
public final class Replies {
    private Replies() {
    }

    /** The id of the request this message replies to, or null for events. */
    public static String re(ServerMessage m) {
        return switch (m) {
            case Welcome w -> w.re();
            case Joined j -> j.re();
            case Ok o -> o.re();
            case Ack a -> a.re();
            case HistoryPage h -> h.re();
            case UserList u -> u.re();
            case RoomList r -> r.re();
            case BanList b -> b.re();
            case Pong p -> p.re();
            case Bye b -> b.re();
            case ErrorReply e -> e.re();
            case Hello h -> null;
            case ChatMessage c -> null;
            case MemberEvent e -> null;
            case PresenceEvent e -> null;
            case TopicEvent e -> null;
            case TypingEvent e -> null;
            case KickedEvent e -> null;
            case BannedEvent e -> null;
            case ServerPing p -> null;
        };
    }
}
