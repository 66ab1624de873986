package chatroom.client.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A message the user sent that the server has not acked yet. Its {@code id} is fixed when the user
 * presses Enter and reused for every resend, so the server stores it at most once.
 */
public record PendingMessage(String id, ConversationKey to, String text, Instant createdAt) {
    public PendingMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
