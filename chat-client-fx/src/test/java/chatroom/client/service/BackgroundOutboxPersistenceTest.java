package chatroom.client.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.client.model.ConversationKey;
import chatroom.client.model.PendingMessage;
import chatroom.client.settings.LogCapture;
import chatroom.client.settings.OutboxKey;
import chatroom.client.settings.OutboxStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox's disk work happens on the serial background executor, never on the caller's thread,
 * in order, and a burst of saves costs one write. A hand-run executor makes every step visible.
 */
class BackgroundOutboxPersistenceTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final OutboxKey BOB = new OutboxKey("127.0.0.1", 7447, "bob");
    private static final OutboxKey CAROL = new OutboxKey("127.0.0.1", 7447, "carol");

    @TempDir
    Path config;

    /** Runs nothing until the test says so, one task at a time, in order: a serial executor by hand. */
    private static final class HandRun implements Executor {
        final Queue<Runnable> queued = new ArrayDeque<>();
        boolean shutDown;

        @Override
        public void execute(Runnable task) {
            if (shutDown) throw new RejectedExecutionException("shut down");
            queued.add(task);
        }

        void runAll() {
            while (!queued.isEmpty()) queued.remove().run();
        }
    }

    private final HandRun io = new HandRun();
    private final LogCapture log = LogCapture.of(BackgroundOutboxPersistence.class);

    private OutboxStore store() {
        return new OutboxStore(config);
    }

    private BackgroundOutboxPersistence persistence;

    @BeforeEach
    void create() {
        persistence = new BackgroundOutboxPersistence(store(), io);
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    private static PendingMessage message(String id) {
        return new PendingMessage(id, ConversationKey.room("lobby"), "text of " + id, T0);
    }

    private List<String> idsOnDisk(OutboxKey key) {
        return store().load(key).stream().map(PendingMessage::id).toList();
    }

    @Test
    void savingTouchesTheDiskOnlyOnTheBackgroundExecutor() {
        persistence.save(BOB, List.of(message("a")));
        assertFalse(Files.exists(store().file(BOB)), "nothing is written on the calling thread");
        io.runAll();
        assertEquals(List.of("a"), idsOnDisk(BOB));
    }

    @Test
    void aBurstOfSavesIsOneWriteOfTheNewest() {
        persistence.save(BOB, List.of(message("a"), message("b"), message("c")));
        persistence.save(BOB, List.of(message("b"), message("c")));
        persistence.save(BOB, List.of(message("c")));
        assertEquals(1, io.queued.size());
        io.runAll();
        assertEquals(List.of("c"), idsOnDisk(BOB));
    }

    @Test
    void aSaveAfterTheWriteRanQueuesAnotherAndAnEmptyOutboxRemovesTheFile() {
        persistence.save(BOB, List.of(message("a")));
        io.runAll();
        persistence.save(BOB, List.of());
        assertEquals(1, io.queued.size());
        io.runAll();
        assertFalse(Files.exists(store().file(BOB)));
    }

    @Test
    void theSnapshotIsTakenWhenSaveIsCalled() {
        List<PendingMessage> waiting = new ArrayList<>(List.of(message("a")));
        persistence.save(BOB, waiting);
        waiting.add(message("later"));
        io.runAll();
        assertEquals(List.of("a"), idsOnDisk(BOB));
    }

    @Test
    void eachAccountIsWrittenSeparately() {
        persistence.save(BOB, List.of(message("b")));
        persistence.save(CAROL, List.of(message("c")));
        assertEquals(2, io.queued.size());
        io.runAll();
        assertEquals(List.of("b"), idsOnDisk(BOB));
        assertEquals(List.of("c"), idsOnDisk(CAROL));
    }

    @Test
    void aLoadQueuedAfterASaveSeesWhatWasSaved() {
        persistence.save(BOB, List.of(message("a"), message("b")));
        CompletableFuture<List<PendingMessage>> loaded = persistence.load(BOB);
        assertFalse(loaded.isDone(), "reading waits for the background executor too");
        io.runAll();
        assertEquals(List.of("a", "b"), loaded.join().stream().map(PendingMessage::id).toList());
    }

    @Test
    void aFailedWriteIsAWarningAndTheNextOneStillWorks() throws IOException {
        Path blocker = Files.createDirectories(store().file(BOB).resolve("in-the-way"));
        persistence.save(BOB, List.of(message("a")));
        io.runAll();
        assertEquals(1, log.warnings().size(), () -> log.warnings().toString());
        assertTrue(log.warnings().getFirst().contains(BOB.label()), log.warnings().getFirst());

        Files.delete(blocker);
        Files.delete(store().file(BOB));
        persistence.save(BOB, List.of(message("b")));
        io.runAll();
        assertEquals(List.of("b"), idsOnDisk(BOB));
    }

    @Test
    void onceTheExecutorIsShutNothingThrows() {
        io.shutDown = true;
        persistence.save(BOB, List.of(message("a")));
        assertEquals(List.of(), persistence.load(BOB).join());
        assertEquals(1, log.warnings().size(), () -> log.warnings().toString());
        io.shutDown = false;
        persistence.save(BOB, List.of(message("b")));
        assertEquals(1, io.queued.size(), "a refused write does not block later ones");
    }
}
