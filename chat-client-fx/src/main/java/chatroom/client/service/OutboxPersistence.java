package chatroom.client.service;

import chatroom.client.model.PendingMessage;
import chatroom.client.settings.OutboxKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where {@link NetworkChatService} keeps its outbox between runs of the client. Both methods are
 * called on the UI thread and return at once; the disk work happens elsewhere.
 */
public interface OutboxPersistence {
    /** Keeps nothing: for tests and tools that have no config folder. */
    OutboxPersistence NONE = new OutboxPersistence() {
        @Override
        public CompletableFuture<List<PendingMessage>> load(OutboxKey key) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public void save(OutboxKey key, List<PendingMessage> waiting) {
        }
    };

    /**
     * The messages left unsent for {@code key}, oldest first. Never completes exceptionally: a file
     * that cannot be used gives an empty list (and a warning in the log).
     */
    CompletableFuture<List<PendingMessage>> load(OutboxKey key);

    /** Records that {@code waiting} (oldest first) is now everything unsent for {@code key}. */
    void save(OutboxKey key, List<PendingMessage> waiting);
}
