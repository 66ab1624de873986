package chatroom.common.protocol;

import java.util.List;

/**
 * The reply to {@code history}: stored messages, oldest first.
 */
@WireType("history")
public record HistoryPage(String re, String room, String with, List<ChatMessage> messages) implements ServerMessage {
    public HistoryPage {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }
}
