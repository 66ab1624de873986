package chatroom.client.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageOutboxTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final ConversationKey LOBBY = ConversationKey.room("lobby");

    private final MessageOutbox outbox = new MessageOutbox();

    private static PendingMessage message(String id, String text) {
        return new PendingMessage(id, LOBBY, text, T0);
    }

    private List<String> waitingIds() {
        return outbox.waiting().stream().map(PendingMessage::id).toList();
    }

    @Test
    void aNewOutboxIsEmpty() {
        assertTrue(outbox.isEmpty());
        assertEquals(0, outbox.size());
        assertTrue(outbox.waiting().isEmpty());
    }

    @Test
    void waitingKeepsTheOrderTheMessagesWereSentIn() {
        outbox.add(message("c", "first"));
        outbox.add(message("a", "second"));
        outbox.add(message("b", "third"));
        assertEquals(List.of("c", "a", "b"), waitingIds());
        assertEquals(3, outbox.size());
        assertFalse(outbox.isEmpty());
    }

    @Test
    void settleRemovesAMessageOnce() {
        PendingMessage a = message("a", "one");
        outbox.add(a);
        outbox.add(message("b", "two"));

        assertEquals(Optional.of(a), outbox.settle("a"));
        assertEquals(Optional.empty(), outbox.settle("a"), "an ack and our own copy coming back settle it only once");
        assertEquals(List.of("b"), waitingIds());
        assertFalse(outbox.contains("a"));
        assertEquals(Optional.empty(), outbox.find("a"));
    }

    @Test
    void settlingAnUnknownOrMissingIdChangesNothing() {
        outbox.add(message("a", "one"));
        assertEquals(Optional.empty(), outbox.settle("zzz"));
        assertEquals(Optional.empty(), outbox.settle(null));
        assertEquals(List.of("a"), waitingIds());
    }

    @Test
    void addingAnIdAlreadyWaitingKeepsTheFirstAndItsPlace() {
        PendingMessage original = message("a", "original");
        outbox.add(original);
        outbox.add(message("b", "two"));
        outbox.add(message("a", "resent copy"));
        assertEquals(2, outbox.size());
        assertEquals(List.of("a", "b"), waitingIds());
        assertEquals(Optional.of(original), outbox.find("a"));
    }

    @Test
    void findAndContainsLookUpByIdWithoutRemoving() {
        PendingMessage a = message("a", "one");
        outbox.add(a);
        assertTrue(outbox.contains("a"));
        assertFalse(outbox.contains("b"));
        assertFalse(outbox.contains(null));
        assertEquals(Optional.of(a), outbox.find("a"));
        assertEquals(Optional.empty(), outbox.find(null));
        assertEquals(1, outbox.size());
    }

    @Test
    void waitingIsACopyThatTheCallerMayChange() {
        outbox.add(message("a", "one"));
        List<PendingMessage> snapshot = outbox.waiting();
        snapshot.clear();
        assertEquals(1, outbox.size(), "clearing the copy leaves the outbox alone");

        List<PendingMessage> before = outbox.waiting();
        outbox.add(message("b", "two"));
        outbox.settle("a");
        assertEquals(List.of("a"), before.stream().map(PendingMessage::id).toList(), "later changes do not reach an old copy");
    }

    @Test
    void aFullOutboxRefusesMoreUntilOneLeaves() {
        for (int i = 0; i < MessageOutbox.CAPACITY; i++) outbox.add(message("m" + i, "text"));
        assertTrue(outbox.isFull());
        assertThrows(IllegalStateException.class, () -> outbox.add(message("one-too-many", "text")));
        outbox.add(message("m0", "a copy of one already waiting")); // not a new message, so not refused
        assertEquals(MessageOutbox.CAPACITY, outbox.size());

        outbox.settle("m0");
        assertFalse(outbox.isFull());
        outbox.add(message("fits-again", "text"));
        assertEquals("fits-again", waitingIds().getLast());
    }

    @Test
    void restoredMessagesGoAheadOfNewerOnesInTheirOwnOrder() {
        outbox.add(message("new", "typed after the restart"));
        outbox.restore(List.of(message("old-2", "typed first"), message("old-1", "typed second"), message("new", "duplicate")));
        assertEquals(List.of("old-2", "old-1", "new"), waitingIds());
        assertEquals("typed after the restart", outbox.find("new").orElseThrow().text(), "the one already waiting is kept");
    }

    @Test
    void restoringIntoAnEmptyOutboxKeepsTheSavedOrder() {
        outbox.restore(List.of(message("c", "1"), message("a", "2"), message("b", "3")));
        assertEquals(List.of("c", "a", "b"), waitingIds());
    }
}
