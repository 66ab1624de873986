package chatroom.client.service;

import chatroom.client.model.PendingMessage;
import chatroom.client.settings.OutboxKey;
import chatroom.client.settings.OutboxStore;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox on disk ({@link OutboxStore}), read and written on a serial background executor (the
 * client's {@code client-io} thread) so the UI thread never waits for the disk.
 *
 * <p>Saves are coalesced per key: the UI thread only puts the newest snapshot in a map, and at most
 * one write per key is queued; it writes whatever snapshot is newest when it runs. A burst of acks
 * (the resend after a reconnect) thus costs a write or two, not one per message, and because the
 * executor is serial a load that follows a save sees what was saved.
 */
public final class BackgroundOutboxPersistence implements OutboxPersistence {
    private static final Logger log = LoggerFactory.getLogger(BackgroundOutboxPersistence.class);

    private final OutboxStore store;
    private final Executor serialIo;
    private final Map<OutboxKey, List<PendingMessage>> unsaved = new ConcurrentHashMap<>();

    /** {@code serialIo} must run one task at a time, in order. */
    public BackgroundOutboxPersistence(OutboxStore store, Executor serialIo) {
        this.store = store;
        this.serialIo = serialIo;
    }

    @Override
    public CompletableFuture<List<PendingMessage>> load(OutboxKey key) {
        try {
            return CompletableFuture.supplyAsync(() -> store.load(key), serialIo)
                    .exceptionally(failure -> {
                        log.warn("Could not restore the unsent messages of {}: {}", key.label(), failure.toString());
                        return List.of();
                    });
        } catch (RejectedExecutionException e) {
            // Only while the window closes: nobody is left to show them to.
            return CompletableFuture.completedFuture(List.of());
        }
    }

    @Override
    public void save(OutboxKey key, List<PendingMessage> waiting) {
        // A write is already queued for this key when the map held a snapshot: it will take this one.
        if (unsaved.put(key, List.copyOf(waiting)) != null) return;
        try {
            serialIo.execute(() -> write(key));
        } catch (RejectedExecutionException e) {
            unsaved.remove(key);
            log.warn("Could not save the unsent messages of {}: the client is closing.", key.label());
        }
    }

    private void write(OutboxKey key) {
        List<PendingMessage> newest = unsaved.remove(key);
        if (newest == null) return;
        try {
            store.save(key, newest);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not save the unsent messages of {} to {}; they are still sent while the client runs: {}",
                    key.label(), store.file(key), e.toString());
        }
    }
}
