package chatroom.client.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeqTrackerTest {

    @Test
    void aNewSeqIsAcceptedAndTheSameSeqAgainIsADuplicate() {
        SeqTracker seqs = new SeqTracker(0);
        assertTrue(seqs.accept(1));
        assertFalse(seqs.accept(1));
        assertTrue(seqs.accept(2));
        assertFalse(seqs.accept(1));
        assertFalse(seqs.accept(2));
        assertEquals(2, seqs.contiguous());
    }

    @Test
    void theBaseCountsAsAlreadyHeld() {
        SeqTracker seqs = new SeqTracker(5);
        assertEquals(5, seqs.contiguous());
        assertFalse(seqs.accept(5));
        assertFalse(seqs.accept(1));
        assertFalse(seqs.hasGap());
        assertTrue(seqs.accept(6));
        assertEquals(6, seqs.contiguous());
    }

    @Test
    void zeroAndNegativeSeqsAreNeverNew() {
        SeqTracker seqs = new SeqTracker(0);
        assertFalse(seqs.accept(0));
        assertFalse(seqs.accept(-1));
        assertEquals(0, seqs.contiguous());
    }

    @Test
    void aNegativeBaseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SeqTracker(-1));
    }

    @Test
    void anEarlySeqIsHeldUntilTheGapClosesThenContiguousJumps() {
        SeqTracker seqs = new SeqTracker(0);
        assertTrue(seqs.accept(3));
        assertEquals(0, seqs.contiguous());
        assertTrue(seqs.hasGap());
        assertFalse(seqs.accept(3), "a held early seq is a duplicate too");

        assertTrue(seqs.accept(2));
        assertEquals(0, seqs.contiguous());
        assertTrue(seqs.hasGap());

        assertTrue(seqs.accept(1));
        assertEquals(3, seqs.contiguous());
        assertFalse(seqs.hasGap());
    }

    @Test
    void closingOneGapJumpsOnlyAsFarAsTheNextGap() {
        SeqTracker seqs = new SeqTracker(10);
        assertTrue(seqs.accept(11));
        assertTrue(seqs.accept(13));
        assertTrue(seqs.accept(14));
        assertTrue(seqs.accept(16));
        assertEquals(11, seqs.contiguous());

        assertTrue(seqs.accept(12));
        assertEquals(14, seqs.contiguous());
        assertTrue(seqs.hasGap(), "16 still waits for 15");

        assertTrue(seqs.accept(15));
        assertEquals(16, seqs.contiguous());
        assertFalse(seqs.hasGap());
        assertFalse(seqs.accept(13));
    }

    @Test
    void isBehindWhenTheServerKnowsANewerSeqThanTheContiguousOne() {
        SeqTracker seqs = new SeqTracker(10);
        assertFalse(seqs.isBehind(9));
        assertFalse(seqs.isBehind(10));
        assertTrue(seqs.isBehind(11));

        // 12 arrived but 11 did not: still behind on 12, because 11 must be fetched.
        seqs.accept(12);
        assertTrue(seqs.hasGap());
        assertTrue(seqs.isBehind(12));

        seqs.accept(11);
        assertFalse(seqs.isBehind(12));
        assertFalse(seqs.hasGap());
    }
}
